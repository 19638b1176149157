package dev.azbuild.env;

/** The file formats {@link EnvFiles} can write. */
public enum EnvFormat {
  /** {@code export NAME='value'} lines; the file is replaced. */
  SHELL("shell", false),
  /** {@link java.util.Properties} format; the file is replaced. */
  PROPERTIES("properties", false),
  /** CircleCI {@code $BASH_ENV}: {@code export} lines appended. */
  BASH_ENV("CircleCI BASH_ENV", true),
  /** GitHub Actions {@code $GITHUB_ENV}: {@code NAME=value} / heredoc lines appended. */
  GITHUB_ENV("GitHub Actions GITHUB_ENV", true);

  private final String displayName;
  private final boolean appends;

  EnvFormat(String displayName, boolean appends) {
    this.displayName = displayName;
    this.appends = appends;
  }

  /** Human-readable name for log messages. */
  public String displayName() {
    return displayName;
  }

  /** Whether writing appends to an existing file (owned by the CI) rather than replacing it. */
  public boolean appends() {
    return appends;
  }
}
