package dev.azbuild.migrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.azbuild.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A build manifest in the format of Aztec's {@code build_manifest.json}: one entry per project,
 * keyed by project name, with {@code buildDir} (required), {@code projectDir}, {@code dockerfile},
 * {@code rebuildPatterns} (an array of regular expressions or the path of a pattern file) and
 * {@code dependencies} (an array of project names).
 *
 * <p>Fields azbuild has no use for ({@code runDependencies}, {@code multiarch}, {@code run}) and
 * unknown fields are ignored with a notice. Dependencies given as a script (a string) are rejected:
 * the import does not run project scripts.
 */
public record BuildManifest(String name, List<ManifestProject> projects, List<String> notices) {

  private static final Map<String, String> IGNORED =
      Map.of(
          "runDependencies", "azbuild does not start containers; pull them in your test job",
          "run", "azbuild does not start containers; pull them in your test job",
          "multiarch", "azbuild builds for the platform of the Docker daemon it talks to",
          "submodulePath",
              "azbuild reads the files git checked out; initialise submodules before the build",
          "engine", "azbuild builds every image with the Docker daemon");

  private static final List<String> KNOWN =
      List.of("buildDir", "projectDir", "dockerfile", "rebuildPatterns", "dependencies");

  public BuildManifest {
    projects = List.copyOf(projects);
    notices = List.copyOf(notices);
  }

  /**
   * Reads and checks the manifest's shape (not yet its references: see {@link ManifestImporter}).
   *
   * @param name the manifest as the user named it, used in every message
   */
  public static BuildManifest read(Path file, String name) throws ManifestException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ManifestException(
          name
              + ": no such file ("
              + file.toAbsolutePath()
              + "); run in the directory holding build_manifest.json or give -Dazbuild.manifest=PATH");
    } catch (IOException e) {
      throw new ManifestException(
          name + ": cannot read (" + e.getMessage() + "); check its permissions", e);
    }
    JsonNode root;
    try {
      root = Json.STRICT.readTree(bytes);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw new ManifestException(
          name
              + ": not valid JSON"
              + where
              + " ("
              + e.getOriginalMessage().replaceAll("\\s+", " ")
              + "); fix the syntax",
          e);
    } catch (IOException e) {
      throw new ManifestException(name + ": cannot read (" + e.getMessage() + ")", e);
    }
    return parse(root, name);
  }

  static BuildManifest parse(JsonNode root, String name) throws ManifestException {
    if (root == null || !root.isObject()) {
      throw new ManifestException(
          name
              + ": expected a JSON object with one entry per project, e.g."
              + " {\"api\": {\"buildDir\": \"services/api\"}}");
    }
    if (root.isEmpty()) {
      throw new ManifestException(
          name
              + ": no projects; add one entry per image, e.g."
              + " {\"api\": {\"buildDir\": \"services/api\"}}");
    }
    List<ManifestProject> projects = new ArrayList<>();
    List<String> notices = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      projects.add(project(name, entry.getKey(), entry.getValue(), notices));
    }
    return new BuildManifest(name, projects, notices);
  }

  private static ManifestProject project(
      String manifest, String project, JsonNode node, List<String> notices)
      throws ManifestException {
    String where = manifest + ": project '" + project + "'";
    if (project.isBlank()) {
      throw new ManifestException(
          manifest + ": a project has an empty name; give it the name of its image");
    }
    if (!node.isObject()) {
      throw new ManifestException(
          where
              + ": expected an object such as {\"buildDir\": \""
              + project
              + "\"}, got "
              + describe(node));
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String field = names.next();
      if (KNOWN.contains(field)) {
        continue;
      }
      notices.add(
          where
              + ": '"
              + field
              + "' ignored: "
              + IGNORED.getOrDefault(field, "not a field azbuild knows"));
    }
    String buildDir = requiredString(node, "buildDir", where);
    Optional<String> projectDir = optionalString(node, "projectDir", where);
    Optional<String> dockerfile = optionalString(node, "dockerfile", where);
    ManifestProject.Patterns patterns = patterns(node.get("rebuildPatterns"), where);
    List<String> dependencies = dependencies(node.get("dependencies"), where, notices);
    return new ManifestProject(project, buildDir, projectDir, dockerfile, patterns, dependencies);
  }

  private static String requiredString(JsonNode node, String field, String where)
      throws ManifestException {
    Optional<String> value = optionalString(node, field, where);
    if (value.isEmpty()) {
      throw new ManifestException(
          where
              + ": '"
              + field
              + "' is missing; give the directory of its docker build"
              + " context relative to the repository root");
    }
    return value.get();
  }

  private static Optional<String> optionalString(JsonNode node, String field, String where)
      throws ManifestException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw new ManifestException(
          where + ": '" + field + "' must be a string, got " + describe(value));
    }
    return Optional.of(value.asText());
  }

  private static ManifestProject.Patterns patterns(JsonNode value, String where)
      throws ManifestException {
    if (value == null || value.isNull()) {
      return ManifestProject.Patterns.defaults();
    }
    if (value.isTextual()) {
      return ManifestProject.Patterns.file(value.asText());
    }
    if (value.isArray()) {
      List<String> list = new ArrayList<>();
      for (JsonNode element : value) {
        if (!element.isTextual()) {
          throw new ManifestException(
              where
                  + ": 'rebuildPatterns' must list strings (regular expressions), got "
                  + describe(element));
        }
        list.add(element.asText());
      }
      return ManifestProject.Patterns.list(list);
    }
    throw new ManifestException(
        where
            + ": 'rebuildPatterns' must be an array of regular expressions or the path"
            + " of a pattern file, got "
            + describe(value));
  }

  private static List<String> dependencies(JsonNode value, String where, List<String> notices)
      throws ManifestException {
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (value.isTextual()) {
      throw new ManifestException(
          where
              + ": 'dependencies' names a script ("
              + value.asText()
              + "), which import-manifest does not run; run it and list its output as an array of project names");
    }
    if (!value.isArray()) {
      throw new ManifestException(
          where + ": 'dependencies' must be an array of project names, got " + describe(value));
    }
    List<String> list = new ArrayList<>();
    for (JsonNode element : value) {
      if (!element.isTextual()) {
        throw new ManifestException(
            where + ": 'dependencies' must list project names, got " + describe(element));
      }
      // The scripts split the list into shell words: an empty name vanishes, "a b" is two names.
      String[] words = element.asText().trim().split("\\s+");
      if (element.asText().isBlank()) {
        notices.add(where + ": empty dependency name ignored, as the manifest's scripts ignore it");
        continue;
      }
      if (words.length > 1) {
        notices.add(
            where
                + ": dependency '"
                + element.asText()
                + "' read as "
                + words.length
                + " names, as the manifest's scripts split it into words");
      }
      list.addAll(List.of(words));
    }
    return list;
  }

  private static String describe(JsonNode node) {
    String type =
        node.isObject()
            ? "an object"
            : node.isArray()
                ? "an array"
                : node.isTextual()
                    ? "a string"
                    : node.isNumber() ? "a number" : node.isBoolean() ? "a boolean" : "null";
    String text = node.toString();
    return type + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
  }
}
