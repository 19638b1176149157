package dev.azbuild.deploy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azbuild.io.AtomicFiles;
import dev.azbuild.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code deploy.json}: {@code {"commit","dryRun","complete","modules":[...]}} with one entry per
 * module handled so far, in graph order; rewritten atomically after each module, so a failed deploy
 * leaves the modules done, the failed one, and none after it.
 */
public final class DeployReport {

  private final Path file;
  private final String commit;
  private final boolean dryRun;
  private final List<ModuleDeployReport> modules = new ArrayList<>();

  public DeployReport(Path file, String commit, boolean dryRun) {
    this.file = file;
    this.commit = commit;
    this.dryRun = dryRun;
  }

  public synchronized void record(ModuleDeployReport report) {
    modules.add(report);
    write(false);
  }

  public synchronized List<ModuleDeployReport> modules() {
    return List.copyOf(modules);
  }

  /** Rewrites the file; {@code complete} when every module was handled and the deploy finished. */
  public synchronized void write(boolean complete) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("commit", commit);
    root.put("dryRun", dryRun);
    root.put("complete", complete);
    ArrayNode array = root.putArray("modules");
    for (ModuleDeployReport r : modules) {
      ObjectNode m = array.addObject();
      m.put("id", r.id());
      m.put("image", r.image());
      m.put("action", r.action());
      m.put("digest", r.digest());
      m.put("terraformApplied", r.terraformApplied());
      m.put("restarted", r.restarted());
      m.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
      r.reasons().forEach(m.putArray("reasons")::add);
    }
    try {
      AtomicFiles.writeString(file, Json.PRETTY.writeValueAsString(root) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
