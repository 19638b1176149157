package dev.azbuild.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContextCopiesTest {

  @Test
  void theContextSourcesOfCopyAndAddInBothForms() {
    String dockerfile =
        """
        ARG JRE_IMAGE=127.0.0.1:5000/base/jre:17
        ARG LIB=lib
        FROM ${JRE_IMAGE} AS run
        WORKDIR /app
        # a comment
        COPY target/lib/ /app/lib/
        COPY --chown=65534:65534 target/*.jar \\
             README.md /app/
        ADD ["conf/app.conf", "/etc/app.conf"]
        COPY --from=builder /out/app /app/
        COPY --from=0 /x /y
        ADD https://example.com/a.tgz /tmp/
        ARG STAGE_VAR=x
        COPY ${STAGE_VAR}/file /f
        """;

    List<ContextCopies.Source> sources = ContextCopies.parse(dockerfile, Map.of());

    assertThat(sources)
        .containsExactly(
            new ContextCopies.Source("target/lib/", "COPY", 6),
            new ContextCopies.Source("target/*.jar", "COPY", 7),
            new ContextCopies.Source("README.md", "COPY", 7),
            new ContextCopies.Source("conf/app.conf", "ADD", 9));
  }
}
