package dev.azbuild.build;

import dev.azbuild.docker.StageBuilds;
import dev.azbuild.plan.Mode;
import dev.azbuild.plan.ModuleDecision;
import dev.azbuild.plan.RecordedImages;
import dev.azbuild.registry.KnownManifests;
import dev.azbuild.registry.Manifest;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the image an unchanged module is re-tagged from, when the plan's probe did not read it. A
 * module the build record vouched for is read under the tag that most likely names its recorded
 * digest already (the commit's when the record is of this commit, else the branch's when it is of
 * this branch): when it does, the image is verified and that tag's PUT can be skipped; else its
 * cache tag is read, and when that is gone too the module must be built after all. In diff mode the
 * default branch's image is read (the deploy record may have vouched for it): gone, the module is
 * built. Any other module's image is read under its source tag, where the plan saw it (missing
 * there, the re-tag fails).
 */
final class UnchangedSource {

  /**
   * The image to re-tag, as found.
   *
   * @param manifest the manifest to put under the tags; null when gone
   * @param tagged tags found to name it already (their PUT is skipped)
   * @param gone why the module must be built after all; null when its image is there
   */
  record Found(Manifest manifest, Set<String> tagged, String gone) {}

  private final Registry cache;
  private final BuildSettings settings;
  private final Mode mode;
  private final KnownManifests known;
  private final RecordedImages recorded;

  UnchangedSource(
      Registry cache,
      BuildSettings settings,
      Mode mode,
      KnownManifests known,
      RecordedImages recorded) {
    this.cache = cache;
    this.settings = settings;
    this.mode = mode;
    this.known = known;
    this.recorded = recorded;
  }

  /** The manifest the plan's probe read: no request. */
  static Found probed(Manifest manifest) {
    return new Found(manifest, Set.of(), null);
  }

  /**
   * One manifest read for a module the record vouched for and whose tag names the recorded digest;
   * two when it does not (or the record is another branch's: one); one for any other module. A
   * manifest found is remembered under the source tag, for the modules built on it.
   */
  Found find(ModuleDecision d, String repository, String sourceTag) throws RegistryException {
    if (mode == Mode.DIFF) {
      // the plan asked for this master image, or the deploy record named it: gone since, the
      // module is built (the bash scripts' rule)
      Optional<Manifest> master = cache.findManifest(repository, sourceTag);
      if (master.isEmpty()) {
        return new Found(null, Set.of(), "no image " + sourceTag + " in the cache registry");
      }
      known.remember(repository, sourceTag, master.get()); // in-repo children pin it
      return new Found(master.get(), Set.of(), null);
    }
    Optional<RecordedImages.Vouched> vouched = vouch(d, repository);
    if (vouched.isEmpty()) {
      return new Found(cache.getManifest(repository, sourceTag), Set.of(), null);
    }
    RecordedImages record = vouched.get().record();
    String digest = vouched.get().digest();
    String likely = likelyTag(record);
    if (likely != null) {
      Optional<Manifest> tagged = cache.findManifest(repository, likely);
      if (tagged.isPresent() && tagged.get().digest().equals(digest)) {
        known.remember(repository, sourceTag, tagged.get()); // in-repo children pin it
        return new Found(tagged.get(), Set.of(likely), null);
      }
    }
    Optional<Manifest> cached = cache.findManifest(repository, sourceTag);
    if (cached.isPresent()) {
      known.remember(repository, sourceTag, cached.get());
      return new Found(cached.get(), Set.of(), null);
    }
    return new Found(
        null,
        Set.of(),
        "its image "
            + digest.substring(0, Math.min(19, digest.length()))
            + " in "
            + record.describe()
            + " is gone from the cache registry, and so is "
            + BuildTags.abbreviate(sourceTag));
  }

  /**
   * A named stage's image, as found.
   *
   * @param manifest empty when the module has no such stage image
   * @param tagged tags found to name it already (their PUT is skipped)
   */
  record StageFound(Optional<Manifest> manifest, Set<String> tagged) {}

  /**
   * The image of one named stage of an unchanged module: when the build record names its digest,
   * read under the tag most likely to name it already (then that tag's PUT is skipped), else (or
   * when that tag names another image) under the source tag, where the module's build left it.
   */
  StageFound findStage(ModuleDecision d, String repository, String stage, String sourceTag)
      throws RegistryException {
    Optional<RecordedImages.Vouched> vouched = vouch(d, repository);
    String recordedDigest = vouched.map(v -> v.stages().get(stage)).orElse(null);
    String likely = recordedDigest == null ? null : likelyTag(vouched.get().record());
    if (likely != null) {
      Optional<Manifest> tagged =
          cache.findManifest(repository, StageBuilds.stageTag(stage, likely));
      if (tagged.isPresent() && tagged.get().digest().equals(recordedDigest)) {
        return new StageFound(tagged, Set.of(likely));
      }
    }
    return new StageFound(
        cache.findManifest(repository, StageBuilds.stageTag(stage, sourceTag)), Set.of());
  }

  /** What the build record says of the module's image (content mode only: it names hashes). */
  private Optional<RecordedImages.Vouched> vouch(ModuleDecision d, String repository) {
    return mode == Mode.CONTENT && d.inputHash() != null
        ? recorded.vouch(repository, d.inputHash())
        : Optional.empty();
  }

  /**
   * The tag most likely to name the recorded image already: the commit's when the record is of this
   * commit, else the branch's when it is of this branch; null for another branch's record.
   */
  private String likelyTag(RecordedImages record) {
    return record.commit().equals(settings.commit())
        ? settings.commit()
        : record.branchTag().equals(settings.branchTag()) ? settings.branchTag() : null;
  }
}
