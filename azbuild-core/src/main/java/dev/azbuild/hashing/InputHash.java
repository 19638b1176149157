package dev.azbuild.hashing;

import java.util.List;

/**
 * A module's content hash and the input tree it was computed from (one line per input), so two
 * trees can be diffed to answer "why did this rebuild".
 */
public record InputHash(String hash, List<String> tree) {

  /** The image tag that holds a build of these inputs. */
  public String cacheTag() {
    return "cache-" + hash;
  }

  public String shortHash() {
    return hash.substring(0, 12);
  }
}
