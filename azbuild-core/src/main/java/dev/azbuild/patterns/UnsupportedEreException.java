package dev.azbuild.patterns;

import dev.azbuild.io.AzbuildException;
import java.util.Objects;

/**
 * A POSIX extended regular expression that {@link EreTranslator} will not translate: it is invalid
 * for {@code grep -E}, or grep would read it in a way its writer almost certainly did not mean.
 */
public final class UnsupportedEreException extends AzbuildException {

  private static final long serialVersionUID = 1L;

  private final String regex;
  private final String reason;

  /**
   * @param regex the expression as written
   * @param reason what is wrong and how to rewrite it, one line, e.g. "trailing backslash: write \\
   *     to match a literal backslash"
   */
  public UnsupportedEreException(String regex, String reason) {
    super("cannot use regular expression '" + regex + "': " + reason);
    this.regex = Objects.requireNonNull(regex, "regex");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The expression as written. */
  public String regex() {
    return regex;
  }

  /** What is wrong and how to rewrite it (the message without the expression). */
  public String reason() {
    return reason;
  }
}
