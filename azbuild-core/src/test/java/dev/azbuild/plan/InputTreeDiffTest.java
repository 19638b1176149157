package dev.azbuild.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azbuild.graph.ImageModule;
import dev.azbuild.hashing.InputHasher;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a difference of two input trees is said in a rebuild reason. */
class InputTreeDiffTest {

  private static final ImageModule SVC =
      new ImageModule(
          "g:svc",
          "services/svc",
          Path.of("/repo/services/svc"),
          "svc",
          "services/svc/Dockerfile",
          "services/svc/target",
          List.of("g:base", "g:other"),
          List.of(),
          Map.of());

  private static List<String> tree(String... lines) {
    return java.util.stream.Stream.concat(
            java.util.stream.Stream.of(InputHasher.FORMAT), java.util.stream.Stream.of(lines))
        .toList();
  }

  private static List<String> changes(List<String> before, List<String> after) {
    return InputTreeDiff.changes(before, after, SVC, "g:base"::equals);
  }

  @Test
  void filesAreNamedByTheirPathInTheRepository() {
    List<String> before =
        tree(
            "context 100644 aaa app.jar",
            "source 100644 bbb src/Main.java",
            "dependency-source 100644 ccc libs/util/Util.java",
            "pom 100644 ddd pom.xml",
            "mvn-config 100644 eee .mvn/jvm.config");
    List<String> after =
        tree(
            "context 100644 aa2 app.jar",
            "source 100644 bb2 src/Main.java",
            "source 100644 fff src/New.java",
            "pom 100644 dd2 pom.xml",
            "mvn-config 100644 eee .mvn/jvm.config");
    assertThat(changes(before, after))
        .containsExactly(
            "services/svc/target/app.jar changed",
            "services/svc/src/Main.java changed",
            "services/svc/src/New.java added",
            "pom.xml changed",
            "libs/util/Util.java removed");
  }

  @Test
  void aModeChangeOrAMoveBetweenKindsIsAChangeOfTheFile() {
    assertThat(changes(tree("source 100644 bbb run.sh"), tree("source 100755 bbb run.sh")))
        .containsExactly("services/svc/run.sh changed");
    assertThat(
            changes(tree("source 100644 bbb Dockerfile"), tree("dockerfile 100644 bbb Dockerfile")))
        .containsExactly("services/svc/Dockerfile changed");
  }

  @Test
  void coordinatesAreNamedWithTheirVersions() {
    List<String> before =
        tree(
            "dependency com.acme:json:jar::1.0:compile",
            "plugin org.x:p:3.1",
            "plugin org.x:p:3.1 dependency org.y:d:jar::2.0",
            "parent g:root:1",
            "dependency com.acme:gone:jar::1:test",
            "snapshot com.acme:ext:jar::1-SNAPSHOT sha256:aa");
    List<String> after =
        tree(
            "dependency com.acme:json:jar::1.1:compile",
            "plugin org.x:p:3.2",
            "plugin org.x:p:3.2 dependency org.y:d:jar::2.1",
            "parent g:root:2",
            "dependency com.acme:new:jar:tests:2:test",
            "snapshot com.acme:ext:jar::1-SNAPSHOT sha256:bb");
    assertThat(changes(before, after))
        .containsExactly(
            "dependency com.acme:json 1.0 -> 1.1",
            "plugin org.x:p 3.1 -> 3.2",
            "plugin org.x:p dependency org.y:d 2.0 -> 2.1",
            "parent g:root 1 -> 2",
            "dependency com.acme:new 2 added",
            "snapshot com.acme:ext:jar::1-SNAPSHOT changed",
            "dependency com.acme:gone 1 removed");
  }

  @Test
  void upstreamModulesThatRebuildAreLeftToTheirOwnReason() {
    List<String> before = tree("upstream g:base 111", "upstream g:other 222", "arg V=1");
    List<String> after = tree("upstream g:base 333", "upstream g:other 444", "arg V=2");
    assertThat(changes(before, after))
        .containsExactly("upstream g:other changed", "build arg V changed");
    assertThat(changes(tree("upstream g:base 111"), tree("upstream g:base 333"))).isEmpty();
  }

  @Test
  void anotherFormatIsSaidOnce() {
    List<String> old = List.of("azbuild-inputs-v1", "context 100644 aaa app.jar");
    assertThat(changes(old, tree("context 100644 aaa app.jar")))
        .containsExactly(
            "azbuild's input format changed (azbuild-inputs-v1 -> " + InputHasher.FORMAT + ")");
  }

  @Test
  void summaryNamesThreeThenCounts() {
    assertThat(InputTreeDiff.summary(List.of("a changed"))).isEqualTo("a changed");
    assertThat(InputTreeDiff.summary(List.of("a changed", "b added", "c removed")))
        .isEqualTo("a changed, b added, c removed");
    assertThat(
            InputTreeDiff.summary(
                List.of("a changed", "b added", "c removed", "d changed", "e changed")))
        .isEqualTo("a changed, b added, c removed and 2 more");
  }
}
