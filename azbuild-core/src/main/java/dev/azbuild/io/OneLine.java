package dev.azbuild.io;

/** Text that goes into a one-line message: whitespace collapsed, long text cut. */
public final class OneLine {

  /** The longest text a message quotes from elsewhere (process output, an exception). */
  public static final int MAX_LENGTH = 300;

  private OneLine() {}

  /** Collapses whitespace and cuts to {@value #MAX_LENGTH} characters, marking a cut with "...". */
  public static String truncate(String text) {
    String line = text.replaceAll("\\s+", " ").trim();
    return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH - 3).trim() + "...";
  }
}
