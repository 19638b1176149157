package dev.azbuild.pipeline;

import dev.azbuild.io.RequestPool;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a module's commit tag back once the build has tagged it, so {@code build.json} reports the
 * digest the tag names. Two builds of the same commit (a CI re-run, a branch and the default branch
 * at one commit) each push and tag; the registry keeps the last tag written, and deploy uses it. A
 * build that finds another digest under the commit tag lost that race: its report names the
 * winner's digest and keeps its own as {@code pushedDigest}, and a warning says so.
 *
 * <p>Best effort, like every tag read: a build that tags after this check is not seen by it (its
 * own check sees that it won).
 */
public final class CommitTagCheck {

  private static final Logger LOG = LoggerFactory.getLogger(CommitTagCheck.class);

  private CommitTagCheck() {}

  /** The report with the digest the commit tag names now; as it is when nothing was pushed. */
  public static ModuleReport confirm(Registry cache, String commit, String label, ModuleReport report) {
    if (!tagged(report)) {
      return report;
    }
    Optional<String> tagged;
    try {
      tagged = cache.digest(report.image(), commit);
    } catch (RegistryException e) {
      LOG.warn("{}: could not read back {}:{} in {} ({}); build.json reports the digest this build pushed", label,
          report.image(), BuildTags.abbreviate(commit), cache.describe(), e.getMessage());
      return report;
    }
    if (tagged.isEmpty() || tagged.get().equals(report.digest())) {
      return report;
    }
    LOG.warn("{}: another build of {} tagged {}:{} after this one: it names {} now, not {} pushed by this build;"
        + " build.json reports the tagged one", label, BuildTags.abbreviate(commit), report.image(),
        BuildTags.abbreviate(commit), tagged.get(), report.digest());
    return report.raceLostTo(tagged.get());
  }

  /** Whether the build put the commit tag on the module's image (built or re-tagged and pushed). */
  private static boolean tagged(ModuleReport report) {
    return report.digest() != null
        && (ModuleReport.BUILT.equals(report.action()) || ModuleReport.RETAGGED.equals(report.action()));
  }

  /** {@link #confirm} for many modules, a bounded number of reads at once; in the given order. */
  public static List<ModuleReport> confirmAll(Registry cache, String commit, List<String> labels,
      List<ModuleReport> reports) {
    if (reports.stream().filter(CommitTagCheck::tagged).count() <= 1) {
      List<ModuleReport> result = new ArrayList<>();
      for (int i = 0; i < reports.size(); i++) {
        result.add(confirm(cache, commit, labels.get(i), reports.get(i)));
      }
      return result;
    }
    ExecutorService pool = RequestPool.open("commit-tag-check", Math.min(RequestPool.MAX_IN_FLIGHT, reports.size()));
    try {
      List<CompletableFuture<ModuleReport>> checks = new ArrayList<>();
      for (int i = 0; i < reports.size(); i++) {
        int at = i;
        checks.add(CompletableFuture.supplyAsync(() -> confirm(cache, commit, labels.get(at), reports.get(at)), pool));
      }
      return checks.stream().map(CompletableFuture::join).toList();
    } finally {
      pool.shutdownNow();
    }
  }
}
