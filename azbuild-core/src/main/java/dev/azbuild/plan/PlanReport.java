package dev.azbuild.plan;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.azbuild.io.AtomicFiles;
import dev.azbuild.io.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code plan.json} and the input trees, and renders the plan as a table for the log. Cheap
 * at a thousand modules: Jackson's streaming writer (no object mapper to start), one file for every
 * module's input tree, no {@code String.format} per line.
 */
public final class PlanReport {

  /**
   * The input trees of every module, in one file, each line prefixed with its module's image name.
   */
  public static final String INPUTS_FILE = "inputs.txt";

  private PlanReport() {}

  public static String toJson(Plan plan) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = Json.Streaming.FACTORY.createGenerator(out)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField("mode", plan.mode().id());
      json.writeStringField("base", plan.base());
      json.writeStringField("head", plan.head());
      json.writeArrayFieldStart("modules");
      for (ModuleDecision d : plan.modules()) {
        json.writeStartObject();
        json.writeStringField("id", d.id());
        json.writeStringField("dir", d.dir());
        json.writeStringField("image", d.image());
        json.writeBooleanField("rebuild", d.rebuild());
        writeArray(json, "reasons", d.reasons());
        json.writeStringField("inputHash", d.inputHash());
        writeArray(json, "upstream", d.upstream());
        json.writeEndObject();
      }
      json.writeEndArray();
      writeArray(json, "warnings", plan.warnings());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.append('\n').toString();
  }

  private static void writeArray(JsonGenerator json, String name, List<String> values)
      throws IOException {
    json.writeArrayFieldStart(name);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }

  /** Writes the file atomically, so a reader never sees half a plan. */
  public static void write(Plan plan, Path file) throws IOException {
    AtomicFiles.writeString(file, toJson(plan));
  }

  /**
   * Every content-mode module's input tree, one line per input prefixed with the module's image
   * name ({@code api context 100644 <blob> src/main.sh}), so that {@code diff} of two builds' files
   * names the module of each difference and {@code grep '^api '} gives one module's tree.
   */
  public static String inputTrees(Plan plan) {
    int length = 0;
    for (ModuleDecision d : plan.modules()) {
      for (String line : d.inputTree()) {
        length += d.image().length() + line.length() + 2;
      }
    }
    StringBuilder out = new StringBuilder(length);
    for (ModuleDecision d : plan.modules()) {
      for (String line : d.inputTree()) {
        out.append(d.image()).append(' ').append(line).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * Writes {@link #inputTrees} to {@code file} atomically; in diff mode, which hashes nothing,
   * removes an earlier plan's file instead, so that it is never taken for this plan's.
   *
   * @return whether the file was written
   */
  public static boolean writeInputTrees(Plan plan, Path file) throws IOException {
    String trees = inputTrees(plan);
    if (trees.isEmpty()) {
      Files.deleteIfExists(file);
      return false;
    }
    AtomicFiles.writeString(file, trees);
    return true;
  }

  /** A fixed-width table: module, decision, reason. */
  public static List<String> table(Plan plan) {
    int width = "MODULE".length();
    for (ModuleDecision d : plan.modules()) {
      width = Math.max(width, label(d).length());
    }
    List<String> lines = new ArrayList<>(plan.modules().size() + 1);
    lines.add(row(width, "MODULE", "DECISION", "REASON"));
    for (ModuleDecision d : plan.modules()) {
      lines.add(
          row(
              width,
              label(d),
              d.rebuild() ? "rebuild" : "unchanged",
              String.join("; ", d.reasons())));
    }
    return lines;
  }

  /** {@code %-<width>s %-9s %s} without a formatter per line. */
  private static String row(int width, String module, String decision, String reason) {
    StringBuilder row = new StringBuilder(width + 11 + reason.length());
    pad(row.append(module), width);
    pad(row.append("  ").append(decision), width + 2 + 9);
    return row.append("  ").append(reason).toString();
  }

  private static void pad(StringBuilder row, int length) {
    while (row.length() < length) {
      row.append(' ');
    }
  }

  private static String label(ModuleDecision d) {
    return d.dir().isEmpty() ? d.id() : d.dir();
  }
}
