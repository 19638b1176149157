package dev.azbuild.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azbuild.io.AtomicFiles;
import dev.azbuild.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code build.json}: the commit built and one entry per module finished so far (built, re-tagged,
 * skipped or failed), in reactor order. Modules finish in any order under {@code -T}; each finished
 * module rewrites the whole file atomically, so the file is always complete for what has finished.
 */
public final class BuildReport {

  private final Path file;
  private final String commit;
  private final List<String> order;
  private final Map<String, ModuleReport> reports = new ConcurrentHashMap<>();

  public BuildReport(Path file, String commit, List<String> moduleOrder) {
    this.file = file;
    this.commit = commit;
    this.order = List.copyOf(moduleOrder);
  }

  public void record(ModuleReport report) throws IOException {
    recordAll(List.of(report));
  }

  /** Records several modules with one write of the file. */
  public synchronized void recordAll(Collection<ModuleReport> finished) throws IOException {
    finished.forEach(report -> reports.put(report.id(), report));
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("commit", commit);
    ArrayNode modules = root.putArray("modules");
    for (String id : order) {
      ModuleReport r = reports.get(id);
      if (r == null) {
        continue;
      }
      ObjectNode m = modules.addObject();
      m.put("id", r.id());
      m.put("image", r.image());
      m.put("action", r.action());
      m.put("digest", r.digest());
      r.tags().forEach(m.putArray("tags")::add);
      m.put("bytesPushed", r.bytesPushed());
      m.put("bytesPulled", r.bytesPulled());
      m.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
      r.reasons().forEach(m.putArray("reasons")::add);
      if (r.error() != null) {
        m.put("error", r.error());
      }
      if (r.raceLost()) {
        m.put("pushedDigest", r.pushedDigest());
        m.put("raceLostTo", r.digest());
      }
    }
    AtomicFiles.writeString(file, Json.PRETTY.writeValueAsString(root) + "\n");
  }

  /** The module reports recorded so far. */
  public synchronized List<ModuleReport> reports() {
    return List.copyOf(reports.values());
  }

  /**
   * The modules that failed in a {@code build.json} of this commit, with their errors; empty when
   * the file is missing or reports another commit (an older build says nothing about this one).
   *
   * @throws IOException when the file exists but cannot be read as a build report
   */
  public static Map<String, String> failures(Path file, String commit) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    JsonNode root = Json.MAPPER.readTree(file.toFile());
    if (root == null || !root.path("commit").asText("").equals(commit)) {
      return Map.of();
    }
    Map<String, String> failed = new LinkedHashMap<>();
    for (JsonNode m : root.path("modules")) {
      if (ModuleReport.FAILED.equals(m.path("action").asText()) && m.hasNonNull("id")) {
        failed.put(m.get("id").asText(), m.path("error").asText("unknown error"));
      }
    }
    return failed;
  }

  /**
   * The module entries of several {@code build.json} files (e.g. one per CI job) of this commit, by
   * module id; a later file's entry for a module replaces an earlier one's, files of another commit
   * are left out.
   *
   * @throws IOException naming the file that cannot be read as a build report
   */
  public static Map<String, ModuleReport> read(List<Path> files, String commit) throws IOException {
    Map<String, ModuleReport> reports = new LinkedHashMap<>();
    for (Path file : files) {
      JsonNode root;
      try {
        root = Json.MAPPER.readTree(file.toFile());
      } catch (IOException e) {
        throw new IOException(
            file + " is not a build report (" + e.getMessage().lines().findFirst().orElse("") + ")",
            e);
      }
      if (root == null || !root.path("commit").asText("").equals(commit)) {
        continue;
      }
      for (JsonNode m : root.path("modules")) {
        if (!m.hasNonNull("id")) {
          continue;
        }
        List<String> tags = new java.util.ArrayList<>();
        m.path("tags").forEach(t -> tags.add(t.asText()));
        List<String> reasons = new java.util.ArrayList<>();
        m.path("reasons").forEach(r -> reasons.add(r.asText()));
        reports.put(
            m.get("id").asText(),
            new ModuleReport(
                m.get("id").asText(),
                m.path("image").asText(""),
                m.path("action").asText(""),
                m.hasNonNull("digest") ? m.get("digest").asText() : null,
                tags,
                m.path("bytesPushed").asLong(),
                m.path("bytesPulled").asLong(),
                m.path("seconds").asDouble(),
                reasons,
                m.hasNonNull("error") ? m.get("error").asText() : null));
      }
    }
    return reports;
  }
}
