package dev.azbuild.ci.local;

/** How a job ended. */
public enum Outcome {
  SUCCESS("passed"),
  FAILED("FAILED"),
  /** Its condition or branch filter left it out (GitHub "skipped", CircleCI filtered). */
  SKIPPED("skipped"),
  /** A job it needs did not end as it requires (GitHub "skipped", CircleCI "not run" / blocked). */
  NOT_RUN("not run");

  private final String word;

  Outcome(String word) {
    this.word = word;
  }

  /** The word in the summary. */
  public String word() {
    return word;
  }
}
