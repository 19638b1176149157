package dev.azbuild.ci;

import dev.azbuild.git.GitRepo;
import dev.azbuild.graph.ModuleGraph;
import dev.azbuild.graph.ReactorModule;
import dev.azbuild.testing.GitFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The bundled example monorepo ({@code examples/monorepo}) as a module graph, read from its real
 * poms without Maven: modules, groupId/artifactId and dependencies are all the graph needs there.
 */
final class ExampleMonorepo {

  /** The example, seen from the plugin module where surefire runs. */
  static final Path SOURCE = Path.of("..", "examples", "monorepo").toAbsolutePath().normalize();

  private ExampleMonorepo() {}

  /** Copies the example (sources only) into {@code dir} as a git work tree and builds its graph. */
  static ModuleGraph graph(Path dir) throws Exception {
    copySources(dir);
    GitFixture.init(dir);
    try (GitRepo git = GitRepo.open(dir)) {
      return ModuleGraph.build(git, reactor(dir));
    }
  }

  private static void copySources(Path target) throws IOException {
    try (Stream<Path> files = Files.walk(SOURCE)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String rel = SOURCE.relativize(f).toString();
        if (rel.startsWith(".circleci") || rel.startsWith(".github") || rel.contains("target")) {
          continue;
        }
        Files.createDirectories(target.resolve(rel).getParent());
        Files.copy(f, target.resolve(rel));
      }
    }
  }

  /** Root first, then its modules in declared order (the example declares them in build order). */
  private static List<ReactorModule> reactor(Path root) throws Exception {
    List<ReactorModule> modules = new ArrayList<>();
    Document rootPom = parse(root.resolve("pom.xml"));
    String groupId = text(rootPom.getDocumentElement(), "groupId");
    modules.add(module(root, groupId));
    NodeList list = rootPom.getElementsByTagName("module");
    for (int i = 0; i < list.getLength(); i++) {
      modules.add(module(root.resolve(list.item(i).getTextContent().strip()), groupId));
    }
    return modules;
  }

  private static ReactorModule module(Path dir, String groupId) throws Exception {
    Element project = parse(dir.resolve("pom.xml")).getDocumentElement();
    List<String> deps = new ArrayList<>();
    NodeList list = project.getElementsByTagName("dependency");
    for (int i = 0; i < list.getLength(); i++) {
      Element d = (Element) list.item(i);
      deps.add(text(d, "groupId") + ":" + text(d, "artifactId"));
    }
    String artifactId = text(project, "artifactId");
    return new ReactorModule(
        groupId + ":" + artifactId,
        dir,
        deps,
        dir.resolve("Dockerfile"),
        artifactId,
        dir,
        Map.of(),
        dir.resolve("pom.xml"));
  }

  private static Document parse(Path pom) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
  }

  /** The text of a direct child element. */
  private static String text(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent().strip();
      }
    }
    throw new IllegalStateException("no <" + name + "> in " + parent.getTagName());
  }
}
