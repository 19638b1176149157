package dev.azbuild.patterns;

import dev.azbuild.io.AzbuildException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A line of a {@code .rebuild_patterns} file that is not a usable regular expression. The message
 * is one line: {@code <file>:<line>: invalid pattern '<regex>': <reason>; fix or remove this line}.
 */
public final class InvalidRebuildPatternException extends AzbuildException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int line;
  private final String regex;
  private final String reason;

  /**
   * @param file the pattern file, as the caller named it (shown as given)
   * @param line 1-based line number
   * @param regex the line's expression
   * @param reason what is wrong with it, one line
   */
  public InvalidRebuildPatternException(Path file, int line, String regex, String reason) {
    super(
        file
            + ":"
            + line
            + ": invalid pattern '"
            + regex
            + "': "
            + reason
            + "; fix or remove this line");
    this.file = Objects.requireNonNull(file, "file");
    this.line = line;
    this.regex = Objects.requireNonNull(regex, "regex");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Path file() {
    return file;
  }

  /** The 1-based line number. */
  public int line() {
    return line;
  }

  public String regex() {
    return regex;
  }

  public String reason() {
    return reason;
  }
}
