package dev.azbuild.mojo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azbuild.io.AzbuildException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import org.apache.maven.exception.DefaultExceptionHandler;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/**
 * The line Maven prints for a failed goal is core's message, once: Maven's own exception handler
 * appends every cause's message it does not contain already, which repeated reworded causes and
 * added a stray {@code ": ClosedChannelException"}.
 */
class OneLineFailureTest {

  private static final String MESSAGE =
      "services/web/.rebuild_patterns:3: invalid pattern '^libs/(base': unmatched ( or \\( at offset"
          + " 6; fix or remove this line";

  @Test
  void aCauseWithoutAMessageAddsNothing() {
    AzbuildException e = new AzbuildException(MESSAGE, new ClosedChannelException());

    assertThat(printed(AbstractAzbuildMojo.failure(e))).isEqualTo(MESSAGE);
  }

  @Test
  void aRewordedCauseIsNotRepeated() {
    AzbuildException cause =
        new AzbuildException("/abs/path/" + MESSAGE, new IllegalStateException("inner"));
    AzbuildException e = new AzbuildException(MESSAGE, cause);

    assertThat(printed(AbstractAzbuildMojo.failure(e))).isEqualTo(MESSAGE);
    assertThat(printed(AbstractAzbuildMojo.error(e))).isEqualTo(MESSAGE);
    // what Maven printed before: the message, then each cause's
    assertThat(printed(new MojoFailureException(e.getMessage(), e)))
        .isEqualTo(MESSAGE + ": /abs/path/" + MESSAGE + ": inner");
  }

  @Test
  void theCauseStillReachesTheStackTraceOfMvnE() {
    AzbuildException e = new AzbuildException(MESSAGE, new ClosedChannelException());
    ByteArrayOutputStream trace = new ByteArrayOutputStream();

    AbstractAzbuildMojo.failure(e)
        .printStackTrace(new PrintStream(trace, true, StandardCharsets.UTF_8));

    assertThat(trace.toString(StandardCharsets.UTF_8))
        .contains("Suppressed: dev.azbuild.io.AzbuildException: " + MESSAGE)
        .contains("Caused by: java.nio.channels.ClosedChannelException");
  }

  /** What Maven prints after "Failed to execute goal …:" for this exception. */
  private static String printed(Exception e) {
    return new DefaultExceptionHandler().handleException(e).getMessage();
  }
}
