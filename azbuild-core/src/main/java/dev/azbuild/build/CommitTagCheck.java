package dev.azbuild.build;

import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a built module's commit tag back once the build has tagged it, so {@code build.json}
 * reports the digest the tag names. Two builds of the same commit (a CI re-run, a branch and the
 * default branch at one commit) that both rebuild a module each push and tag their own image (their
 * digests differ: the creation time label, layer timestamps); the registry keeps the last tag
 * written, and deploy uses it. A build that finds another digest under the commit tag lost that
 * race: its report names the winner's digest and keeps its own as {@code pushedDigest}, and a
 * warning says so.
 *
 * <p>Best effort, like every tag read: a build that tags after this check is not seen by it (its
 * own check sees that it won). Re-tagged (unchanged) modules are not read back: their commit tag
 * gets the manifest of {@code cache-<input hash>}, which any other build of the commit finds or
 * pushes too, and one more request per unchanged module would cost a third of a no-change build's
 * registry requests.
 */
public final class CommitTagCheck {

  private static final Logger LOG = LoggerFactory.getLogger(CommitTagCheck.class);

  private CommitTagCheck() {}

  /**
   * The report with the digest the commit tag names now; as it is when nothing was built and
   * pushed.
   */
  public static ModuleReport confirm(
      Registry cache, String commit, String label, ModuleReport report) {
    if (report.digest() == null || !ModuleReport.BUILT.equals(report.action())) {
      return report;
    }
    Optional<String> tagged;
    try {
      tagged = cache.digest(report.image(), commit);
    } catch (RegistryException e) {
      LOG.warn(
          "{}: could not read back {}:{} in {} ({}); build.json reports the digest this build pushed",
          label,
          report.image(),
          BuildTags.abbreviate(commit),
          cache.describe(),
          e.getMessage());
      return report;
    }
    if (tagged.isEmpty() || tagged.get().equals(report.digest())) {
      return report;
    }
    LOG.warn(
        "{}: another build of {} tagged {}:{} after this one: it names {} now, not {} pushed by this build;"
            + " build.json reports the tagged one",
        label,
        BuildTags.abbreviate(commit),
        report.image(),
        BuildTags.abbreviate(commit),
        tagged.get(),
        report.digest());
    return report.raceLostTo(tagged.get());
  }
}
