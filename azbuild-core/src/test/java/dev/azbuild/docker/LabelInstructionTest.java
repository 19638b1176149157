package dev.azbuild.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelInstructionTest {

  @Test
  void allLabelsInOneSortedQuotedInstruction() {
    assertThat(
            LabelInstruction.appendix(
                "FROM x\nRUN true\n", Map.of("b", "2 $X", "a", "say \"hi\" \\o/")))
        .contains("\nLABEL \"a\"=\"say \\\"hi\\\" \\\\o/\" \"b\"=\"2 \\$X\"\n");
  }

  @Test
  void leftToTheDaemonWhenAppendingCouldChangeTheReading() {
    assertThat(LabelInstruction.appendix("# escape=`\nFROM x\n", Map.of("a", "1"))).isEmpty();
    assertThat(LabelInstruction.appendix("FROM x\nRUN echo \\\n\n# comment\n", Map.of("a", "1")))
        .isEmpty();
    assertThat(LabelInstruction.appendix("FROM x\n", Map.of("a", "two\nlines"))).isEmpty();
    assertThat(LabelInstruction.appendix("FROM x\n", Map.of())).isEmpty();
  }

  @Test
  void theEscapeDirectiveIsReadOnlyAtTheTop() {
    assertThat(LabelInstruction.escapeCharacter("# syntax=x\n# escape=`\nFROM x\n")).isEqualTo('`');
    assertThat(LabelInstruction.escapeCharacter("FROM x\n# escape=`\n")).isEqualTo('\\');
    assertThat(LabelInstruction.appendix("# escape=\\\nFROM x\n", Map.of("a", "1"))).isPresent();
  }
}
