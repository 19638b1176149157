package dev.azbuild.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * The one JSON mapper of azbuild: Jackson's defaults, configured once here (a mapper is thread-safe
 * once configured, and costly to create). Uses that need more say so where they read or write:
 * {@link #PRETTY} for the reports people read, {@link #STRICT} for input where a repeated key is a
 * mistake.
 */
public final class Json {

  /** Reads and writes JSON trees with Jackson's defaults; compact output. */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  /** Writes indented JSON (two spaces, one field a line): {@code plan.json}, {@code build.json}. */
  public static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

  /** Reads JSON and fails on a key that appears twice in one object (hand-written input files). */
  public static final ObjectReader STRICT =
      MAPPER.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private Json() {}

  /**
   * Jackson's streaming writer on its own, for a report written field by field ({@code plan.json}):
   * a nested class, so that using it creates no {@link ObjectMapper}. A mapper's first use loads
   * some hundred classes, about 0.1 s in the fresh JVM of a plan that needs no other JSON.
   */
  public static final class Streaming {

    /** Creates generators; no object mapping. */
    public static final JsonFactory FACTORY = new JsonFactory();

    private Streaming() {}
  }
}
