package dev.azbuild.build;

import dev.azbuild.io.RequestPool;
import dev.azbuild.plan.RecordedImages;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where {@link BuildRecord}s live in the cache registry: {@code <prefix>/}{@value #BY_COMMIT}{@code
 * :<commit>} for every complete build, and {@code <prefix>/}{@value #BY_BRANCH}{@code :<branch
 * tag>} moved to the last complete build of each branch. Each is one small OCI artifact that one
 * manifest GET reads (the record is in an annotation).
 *
 * <p>The record is advisory, so reading never fails the plan: a missing record, one of another
 * format, a damaged one or a failed read make every module probed (the last three with a warning).
 */
public final class BuildRecords {

  public static final String BY_BRANCH = "azbuild-build/branch";
  public static final String BY_COMMIT = "azbuild-build/commit";

  /** ECR keeps this many commit records (registries without lifecycle policies keep them all). */
  static final int COMMITS_KEPT = 500;

  private static final String COMMIT_POLICY =
      "{\"rules\":[{\"rulePriority\":1,\"description\":\"keep the "
          + COMMITS_KEPT
          + " newest build records\",\"selection\":{\"tagStatus\":\"any\","
          + "\"countType\":\"imageCountMoreThan\",\"countNumber\":"
          + COMMITS_KEPT
          + "},\"action\":{\"type\":\"expire\"}}]}";

  private static final Logger LOG = LoggerFactory.getLogger(BuildRecords.class);

  private BuildRecords() {}

  /**
   * The records of some branches, each asked for the modules the ones before it do not name (the
   * branch's, then the default branch's: a branch rebased onto a newer default branch); all asked
   * at once, so reading costs one round trip. {@link RecordedImages#NONE} when none has a usable
   * one.
   *
   * @param branchTags the branches, as tags, in order
   */
  public static RecordedImages read(Registry cache, List<String> branchTags) {
    LinkedHashSet<String> tags = new LinkedHashSet<>(branchTags);
    if (tags.isEmpty()) {
      return RecordedImages.NONE;
    }
    ExecutorService pool = RequestPool.open("build-record", tags.size());
    try {
      List<Future<Optional<BuildRecord>>> reads = new ArrayList<>();
      for (String tag : tags) {
        reads.add(pool.submit(() -> readOne(cache, BY_BRANCH, tag)));
      }
      RecordedImages recorded = RecordedImages.NONE;
      for (Future<Optional<BuildRecord>> read : reads) {
        Optional<BuildRecord> record = read.get();
        if (record.isPresent()) {
          recorded = recorded.then(record.get().recorded());
        }
      }
      return recorded;
    } catch (ExecutionException e) {
      LOG.warn(
          "cannot read the build record in {} ({}); every module is probed",
          cache.describe(),
          e.getCause().getMessage());
      return RecordedImages.NONE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return RecordedImages.NONE;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The record under one tag; empty (with a warning unless it is missing) when unusable. */
  static Optional<BuildRecord> readOne(Registry cache, String repository, String tag) {
    String name = cache.describe() + "/" + repository + ":" + tag;
    Optional<byte[]> bytes;
    try {
      bytes = cache.getRecord(repository, tag);
    } catch (RegistryException e) {
      LOG.warn("build record ignored: {}; every module is probed", e.getMessage());
      return Optional.empty();
    }
    if (bytes.isEmpty()) {
      LOG.debug("no build record {}", name);
      return Optional.empty();
    }
    try {
      return Optional.of(BuildRecord.parse(bytes.get()));
    } catch (BuildRecord.Unreadable e) {
      LOG.warn("build record {} ignored: {}; every module is probed", name, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Writes the record of a complete build: under its commit, then under its branch (when it has
   * one). Two builds of the branch writing at once leave the last one's: either names only images
   * its build left in the registry.
   */
  public static void write(Registry cache, BuildRecord record) throws RegistryException {
    byte[] json = record.toJson();
    cache.putRecord(BY_COMMIT, record.commit(), json);
    cache.applyLifecyclePolicy(BY_COMMIT, COMMIT_POLICY);
    if (!record.branchTag().isEmpty()) {
      cache.putRecord(BY_BRANCH, record.branchTag(), json);
    }
    LOG.info(
        "wrote the build record of {} ({} images, {} bytes) to {}/{}:{}{}",
        record.branchTag().isEmpty() ? "commit " + abbreviate(record.commit()) : record.branchTag(),
        record.images().size(),
        json.length,
        cache.describe(),
        BY_COMMIT,
        abbreviate(record.commit()),
        record.branchTag().isEmpty() ? "" : " and " + BY_BRANCH + ":" + record.branchTag());
  }

  private static String abbreviate(String commit) {
    return commit.substring(0, Math.min(12, commit.length()));
  }
}
