package dev.azbuild.graph;

import dev.azbuild.dockerfile.Dockerfile;
import dev.azbuild.git.GitException;
import dev.azbuild.git.GitRepo;
import dev.azbuild.hashing.MavenModule;
import dev.azbuild.image.ImageReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The image modules of a reactor and their edges. Edges come from Maven dependencies, followed
 * through non-image modules; a Dockerfile that names another module's image without such an edge is
 * an error, because the reactor would not build the parent first.
 */
public final class ModuleGraph {

  private final List<ImageModule> modules;
  private final Map<String, ImageModule> byId;
  private final Map<String, Dockerfile> dockerfiles;
  private final Map<String, String> imageOwners = new HashMap<>();

  private ModuleGraph(List<ImageModule> modules, Map<String, Dockerfile> dockerfiles) {
    this.modules = List.copyOf(modules);
    this.byId = new LinkedHashMap<>();
    modules.forEach(m -> byId.put(m.id(), m));
    modules.forEach(m -> imageOwners.put(m.image(), m.id()));
    this.dockerfiles = Map.copyOf(dockerfiles);
  }

  /** Builds the graph from the reactor in Maven's build order. */
  public static ModuleGraph build(GitRepo git, List<ReactorModule> reactor)
      throws GraphException, GitException {
    Map<String, ReactorModule> reactorById = new LinkedHashMap<>();
    reactor.forEach(m -> reactorById.put(m.id(), m));
    Map<String, String> dirs = new HashMap<>();
    Map<String, Integer> buildOrder = new HashMap<>();
    for (ReactorModule m : reactor) {
      dirs.put(m.id(), git.relativize(m.basedir()));
      buildOrder.putIfAbsent(m.id(), buildOrder.size());
    }

    Set<String> imageIds =
        new HashSet<>(); // one stat per module: buildsImage() asks the file system
    Map<String, String> imageOwners = new HashMap<>();
    for (ReactorModule m : reactor) {
      if (m.buildsImage()) {
        imageIds.add(m.id());
        String other = imageOwners.putIfAbsent(m.image(), m.id());
        if (other != null) {
          throw new GraphException(
              "modules "
                  + other
                  + " and "
                  + m.id()
                  + " both build image '"
                  + m.image()
                  + "'; set a distinct azbuild.image property in one of their poms");
        }
      }
    }

    MavenModules mavenModules = new MavenModules(git, dirs);
    List<ImageModule> modules = new ArrayList<>();
    Map<String, Dockerfile> dockerfiles = new HashMap<>();
    for (ReactorModule m : reactor) {
      if (!imageIds.contains(m.id())) {
        continue;
      }
      Set<String> upstream = new LinkedHashSet<>();
      Set<String> dependencyIds = new LinkedHashSet<>();
      collectUpstream(m, reactorById, imageIds, upstream, dependencyIds, new LinkedHashSet<>());
      List<String> dependencyDirs = new ArrayList<>();
      List<MavenModule> dependencyModules = new ArrayList<>();
      for (String dep : dependencyIds) {
        if (!dependencyDirs.contains(dirs.get(dep))) {
          dependencyDirs.add(dirs.get(dep));
        }
        dependencyModules.add(mavenModules.of(reactorById.get(dep)));
      }
      Dockerfile dockerfile;
      try {
        dockerfile = Dockerfile.read(m.dockerfile(), m.buildArgs());
      } catch (IOException e) {
        throw new GraphException(
            m.dockerfile() + " cannot be read (" + e.getMessage() + "); check its permissions");
      }
      checkFromLines(m, dockerfile, imageOwners, upstream, reactorById, git);
      List<String> orderedUpstream = new ArrayList<>(upstream);
      orderedUpstream.sort(Comparator.comparingInt(buildOrder::get)); // Maven's build order
      modules.add(
          new ImageModule(
              m.id(),
              dirs.get(m.id()),
              m.basedir(),
              m.image(),
              git.relativizeFile(m.dockerfile()),
              git.relativize(m.context()),
              List.copyOf(orderedUpstream),
              List.copyOf(dependencyDirs),
              Map.copyOf(m.buildArgs()),
              mavenModules.of(m),
              List.copyOf(dependencyModules)));
      dockerfiles.put(m.id(), dockerfile);
    }
    return new ModuleGraph(modules, dockerfiles);
  }

  /**
   * Image modules reachable through dependencies, stopping at the first image module on each path,
   * and the non-image modules on the way.
   */
  private static void collectUpstream(
      ReactorModule module,
      Map<String, ReactorModule> reactor,
      Set<String> imageIds,
      Set<String> upstream,
      Set<String> dependencyIds,
      Set<String> visited) {
    for (String dep : module.dependencies()) {
      ReactorModule target = reactor.get(dep);
      if (target == null || !visited.add(dep)) {
        continue;
      }
      if (imageIds.contains(dep)) {
        upstream.add(dep);
      } else {
        dependencyIds.add(dep);
        collectUpstream(target, reactor, imageIds, upstream, dependencyIds, visited);
      }
    }
  }

  /**
   * Each reactor module's Maven inputs in repository terms, made once per module: a library that a
   * hundred images depend on is relativized once, and each parent POM file once.
   */
  private static final class MavenModules {
    private final GitRepo git;
    private final Map<String, String> dirs;
    private final List<String> sortedDirs;
    private final Map<String, MavenModule> made = new HashMap<>();
    private final Map<Path, Optional<String>> files = new HashMap<>();

    MavenModules(GitRepo git, Map<String, String> dirs) {
      this.git = git;
      this.dirs = dirs;
      this.sortedDirs = dirs.values().stream().distinct().sorted().toList();
    }

    MavenModule of(ReactorModule m) throws GitException {
      MavenModule known = made.get(m.id());
      if (known != null) {
        return known;
      }
      MavenInputs maven = m.maven();
      List<String> parentPoms = new ArrayList<>();
      for (Path pom : maven.parentPoms()) {
        inRepository(pom, false).ifPresent(parentPoms::add);
      }
      Optional<String> configDir =
          maven.configDir().isPresent()
              ? inRepository(maven.configDir().get(), true)
              : Optional.empty();
      String dir = dirs.get(m.id());
      MavenModule result =
          new MavenModule(
              m.id(),
              dir,
              nestedDirs(dir),
              parentPoms,
              configDir,
              maven.coordinates(),
              maven.snapshots());
      made.put(m.id(), result);
      return result;
    }

    /**
     * The directories of the reactor modules inside {@code dir}: a contiguous run of the sorted
     * list.
     */
    private List<String> nestedDirs(String dir) {
      if (dir.isEmpty()) {
        return sortedDirs.stream().filter(d -> !d.isEmpty()).toList();
      }
      int from = lowerBound(dir + "/");
      int to = lowerBound(dir + "0"); // '0' follows '/'
      return List.copyOf(sortedDirs.subList(from, to));
    }

    private int lowerBound(String key) {
      int i = java.util.Collections.binarySearch(sortedDirs, key);
      return i >= 0 ? i : -i - 1;
    }

    /**
     * The path relative to the git root; empty for a file outside the work tree (a parent from a
     * repository).
     */
    private Optional<String> inRepository(Path path, boolean directory) {
      Optional<String> known = files.get(path);
      if (known != null) {
        return known;
      }
      Optional<String> result;
      try {
        result = Optional.of(directory ? git.relativize(path) : git.relativizeFile(path));
      } catch (GitException outside) {
        result =
            Optional.empty(); // e.g. ~/.m2/repository: its content counts through the coordinates
      }
      files.put(path, result);
      return result;
    }
  }

  private static void checkFromLines(
      ReactorModule m,
      Dockerfile dockerfile,
      Map<String, String> imageOwners,
      Set<String> upstream,
      Map<String, ReactorModule> reactor,
      GitRepo git)
      throws GraphException, GitException {
    Set<String> reachable =
        null; // every dependency, transitively: computed only when an upstream image does not say
    // it
    for (Dockerfile.ImageUse use : dockerfile.externalImages()) {
      String owner = ownerOf(use.image(), imageOwners);
      if (owner == null || owner.equals(m.id()) || upstream.contains(owner)) {
        continue;
      }
      if (reachable == null) {
        reachable = new HashSet<>();
        closure(m.id(), reactor, reachable);
      }
      if (reachable.contains(owner)) {
        continue;
      }
      String[] ga = owner.split(":", 2);
      throw new GraphException(
          git.relativize(m.dockerfile())
              + ":"
              + use.line()
              + ": "
              + use.image()
              + " is the image of module "
              + owner
              + ", but "
              + m.id()
              + " does not depend on it; add"
              + " <dependency><groupId>"
              + ga[0]
              + "</groupId><artifactId>"
              + ga[1]
              + "</artifactId><version>${project.version}</version><type>pom</type></dependency>"
              + " to "
              + git.relativize(m.pomFile()));
    }
  }

  private static void closure(String id, Map<String, ReactorModule> reactor, Set<String> into) {
    ReactorModule m = reactor.get(id);
    if (m == null) {
      return;
    }
    for (String dep : m.dependencies()) {
      if (reactor.containsKey(dep) && into.add(dep)) {
        closure(dep, reactor, into);
      }
    }
  }

  /**
   * The module whose image a Dockerfile reference names. In-repo images are named by their plain
   * name ({@code FROM libs-base}), as Aztec's Dockerfiles do; a reference with a registry host is
   * always an outside image.
   */
  static String ownerOf(String reference, Map<String, String> imageOwners) {
    return ImageReference.tryParse(reference)
        .filter(r -> !r.hasRegistry())
        .map(r -> imageOwners.get(r.repository()))
        .orElse(null);
  }

  public List<ImageModule> modules() {
    return modules;
  }

  public Optional<ImageModule> module(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Dockerfile dockerfile(String id) {
    return dockerfiles.get(id);
  }

  /** The module whose image a Dockerfile reference names, if any. */
  public Optional<ImageModule> moduleForImage(String reference) {
    return Optional.ofNullable(ownerOf(reference, imageOwners)).map(byId::get);
  }
}
