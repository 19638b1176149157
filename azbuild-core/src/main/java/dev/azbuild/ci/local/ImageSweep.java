package dev.azbuild.ci.local;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before each job starts, untags every local image under the build's registry prefixes, so a job
 * finds the images of its upstream jobs only in the registry, as on a fresh CI machine: a push that
 * was missed fails here too. An image that appeared while a job that is still running was running
 * may be that job's (pulled or built, not yet pushed) and is kept until that job ends; with one job
 * at a time nothing is kept.
 */
public final class ImageSweep {

  private static final Logger LOG = LoggerFactory.getLogger(ImageSweep.class);

  private final DaemonImages daemon;
  private final List<String> prefixes;

  /** When each reference under the prefixes was first seen by a sweep. */
  private final Map<String, Instant> firstSeen = new HashMap<>();

  private boolean warned;

  /**
   * @param prefixes e.g. {@code 127.0.0.1:5000/team/}: references starting with one of them belong
   *     to the build
   */
  public ImageSweep(DaemonImages daemon, List<String> prefixes) {
    this.daemon = daemon;
    this.prefixes = prefixes.stream().map(p -> p.endsWith("/") ? p : p + "/").toList();
  }

  /**
   * Untags what no running job may still use.
   *
   * @param runningSince when each job still running started
   * @return the references untagged
   */
  public synchronized List<String> beforeJob(Instant now, Collection<Instant> runningSince) {
    List<String> untagged = new ArrayList<>();
    if (prefixes.isEmpty()) {
      return untagged;
    }
    List<String> references;
    try {
      references = daemon.references();
    } catch (Exception e) {
      if (!warned) {
        LOG.warn(
            "ci-local: cannot list the Docker daemon's images ({}); jobs may find images of earlier jobs",
            e.getMessage());
        warned = true;
      }
      return untagged;
    }
    firstSeen.keySet().retainAll(references);
    for (String ref : references) {
      if (prefixes.stream().noneMatch(ref::startsWith)) {
        continue;
      }
      Instant seen = firstSeen.computeIfAbsent(ref, r -> now);
      boolean mayBeRunningJobs = runningSince.stream().anyMatch(start -> !start.isAfter(seen));
      if (mayBeRunningJobs) {
        continue;
      }
      try {
        daemon.untag(ref);
        untagged.add(ref);
        firstSeen.remove(ref);
      } catch (Exception e) {
        LOG.debug("ci-local: cannot untag {}: {}", ref, e.getMessage());
      }
    }
    return untagged;
  }
}
