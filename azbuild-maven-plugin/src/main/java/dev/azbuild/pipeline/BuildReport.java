package dev.azbuild.pipeline;

import dev.azbuild.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code build.json}: one entry per module built so far, in reactor order. Modules finish in any
 * order under {@code -T}; each finished module rewrites the whole file atomically, so the file is
 * always complete for what has finished.
 */
public final class BuildReport {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private final List<String> order;
  private final Map<String, ModuleReport> reports = new ConcurrentHashMap<>();

  public BuildReport(Path file, List<String> moduleOrder) {
    this.file = file;
    this.order = List.copyOf(moduleOrder);
  }

  public synchronized void record(ModuleReport report) throws IOException {
    reports.put(report.id(), report);
    ObjectNode root = JSON.createObjectNode();
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
    }
    AtomicFiles.writeString(file, JSON.writeValueAsString(root) + "\n");
  }
}
