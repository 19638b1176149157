package dev.azbuild.graph;

import dev.azbuild.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes and reads {@code plan.json}, and renders the plan as a table for the log. */
public final class PlanReport {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PlanReport() {}

  public static String toJson(Plan plan) {
    ObjectNode root = JSON.createObjectNode();
    root.put("mode", plan.mode().id());
    root.put("base", plan.base());
    root.put("head", plan.head());
    ArrayNode modules = root.putArray("modules");
    for (ModuleDecision d : plan.modules()) {
      ObjectNode m = modules.addObject();
      m.put("id", d.id());
      m.put("dir", d.dir());
      m.put("image", d.image());
      m.put("rebuild", d.rebuild());
      d.reasons().forEach(m.putArray("reasons")::add);
      m.put("inputHash", d.inputHash());
      d.upstream().forEach(m.putArray("upstream")::add);
    }
    plan.warnings().forEach(root.putArray("warnings")::add);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the file atomically, so a reader never sees half a plan. */
  public static void write(Plan plan, Path file) throws IOException {
    AtomicFiles.writeString(file, toJson(plan));
  }

  /** Writes each content-mode module's input tree, to diff against another build's. */
  public static void writeInputTrees(Plan plan, Path dir) throws IOException {
    Files.createDirectories(dir);
    for (ModuleDecision d : plan.modules()) {
      if (!d.inputTree().isEmpty()) {
        Files.write(dir.resolve(d.image() + ".txt"), d.inputTree(), StandardCharsets.UTF_8);
      }
    }
  }

  /** A fixed-width table: module, decision, reason. */
  public static List<String> table(Plan plan) {
    int width = "MODULE".length();
    for (ModuleDecision d : plan.modules()) {
      width = Math.max(width, label(d).length());
    }
    List<String> lines = new ArrayList<>();
    lines.add(String.format("%-" + width + "s  %-9s  %s", "MODULE", "DECISION", "REASON"));
    for (ModuleDecision d : plan.modules()) {
      lines.add(String.format("%-" + width + "s  %-9s  %s", label(d), d.rebuild() ? "rebuild" : "unchanged",
          String.join("; ", d.reasons())));
    }
    return lines;
  }

  private static String label(ModuleDecision d) {
    return d.dir().isEmpty() ? d.id() : d.dir();
  }
}
