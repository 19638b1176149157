package dev.azbuild.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorSummaryTest {

  @Test
  void keepsErrorBlocksWithoutSnippetsOrWarnings() {
    String stderr =
        """
        There are some problems with the CLI configuration:
        ╷
        │ Warning: Unable to open CLI configuration file
        │
        │ The CLI configuration file at "/root/.terraformrc" does not exist.
        ╵

        Error: Resource precondition failed

          on main.tf line 6, in resource "terraform_data" "svc":
           6:       condition     = var.replicas > 0
            ├────────────────
            │ var.replicas is 0

        replicas must be positive.
        """;

    assertThat(ErrorSummary.of(stderr, ""))
        .isEqualTo("main.tf:6: Resource precondition failed: replicas must be positive.");
  }

  @Test
  void stripsColourAndBoxFrames() {
    String stderr =
        "\u001B[31m╷\u001B[0m\n\u001B[31m│\u001B[0m \u001B[1m\u001B[31mError: \u001B[0m\u001B[0m\u001B[1mNo value"
            + " for required variable\u001B[0m\n\u001B[31m│\u001B[0m \n\u001B[31m│\u001B[0m \u001B[0m  on main.tf line 1:\n"
            + "\u001B[31m│\u001B[0m \u001B[0m   1: variable \"replicas\" {}\n\u001B[31m│\u001B[0m \n"
            + "\u001B[31m│\u001B[0m The root module input variable \"replicas\" is not set.\n\u001B[31m╵\u001B[0m\n";

    assertThat(ErrorSummary.of(stderr, ""))
        .isEqualTo(
            "main.tf:1: No value for required variable: The root module input variable \"replicas\" is not set.");
  }

  @Test
  void putsLocatedErrorsBeforeGenericOnes() {
    String stderr =
        """
        Error: Terraform encountered problems during initialisation, including problems
        with the configuration, described below.

        Error: Unclosed configuration block

          on main.tf line 1, in resource "terraform_data":
           1: resource "terraform_data" {

        There is no closing brace for this block.
        """;

    assertThat(ErrorSummary.of(stderr, ""))
        .startsWith(
            "main.tf:1: Unclosed configuration block: There is no closing brace"
                + " for this block.; Terraform encountered problems");
  }

  @Test
  void fallsBackToTheLastLines() {
    assertThat(ErrorSummary.of("one\ntwo\n\nthree\nfour\n", "")).isEqualTo("two three four");
    assertThat(ErrorSummary.of("", "stdout says\nsomething\n")).isEqualTo("stdout says something");
    assertThat(ErrorSummary.of("", "")).isEqualTo("no error output");
  }

  @Test
  void truncatesToOneLineOf300Characters() {
    String summary = ErrorSummary.of("Error: " + "word ".repeat(200), "");

    assertThat(summary).hasSizeBetween(290, 300).endsWith("...").doesNotContain("\n");
  }

  @Test
  void masksSecretLookingVariables() {
    SecretMask mask =
        SecretMask.of(
            Map.of(
                "db_password",
                "pw-1",
                "API_TOKEN",
                "tok",
                "client_secret",
                "s3",
                "image",
                "repo/app:1",
                "empty_secret",
                ""));

    assertThat(mask.apply("-var db_password=pw-1 -var API_TOKEN=tok -var image=repo/app:1 s3"))
        .isEqualTo("-var db_password=**** -var API_TOKEN=**** -var image=repo/app:1 ****");
    assertThat(SecretMask.isSecretName("image")).isFalse();
  }
}
