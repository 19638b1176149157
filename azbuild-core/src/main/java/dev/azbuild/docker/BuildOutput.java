package dev.azbuild.docker;

import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the classic builder's output stream: one info line per Dockerfile step, everything else at
 * debug, and keeps what a failure report needs (the current step and its last output lines).
 */
final class BuildOutput extends StreamCallback<BuildResponseItem> {

  private static final Logger LOG = LoggerFactory.getLogger(BuildOutput.class);
  private static final Pattern STEP = Pattern.compile("^Step (\\d+)/(\\d+) : (.*)$");
  private static final Pattern BUILT = Pattern.compile("^Successfully built ([0-9a-f]+)$");
  private static final Pattern EXIT_CODE = Pattern.compile("returned a non-zero code: (\\d+)");
  // The daemon colours a RUN step's stderr ("\e[91m...\e[0m").
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
  static final int TAIL_LINES = 5;

  private final String name;
  private final StringBuilder partial = new StringBuilder();
  private final List<BuildResult.Step> steps = new ArrayList<>();
  private final Deque<String> tail = new ArrayDeque<>();
  private String stepLine;
  private int stepNumber;
  private String instruction;
  private boolean cached;
  private String imageId;
  private String error;
  private Integer errorCode;

  /**
   * @param name what the log lines are prefixed with, e.g. the image name
   */
  BuildOutput(String name) {
    this.name = name;
  }

  @Override
  public void onNext(BuildResponseItem item) {
    if (item.getStream() != null) {
      partial.append(item.getStream());
      int newline;
      while ((newline = partial.indexOf("\n")) >= 0) {
        line(partial.substring(0, newline));
        partial.delete(0, newline + 1);
      }
    }
    if (item.isErrorIndicated()) {
      ResponseItem.ErrorDetail detail = item.getErrorDetail();
      error = detail != null && detail.getMessage() != null ? detail.getMessage() : item.getError();
      errorCode = detail == null ? null : detail.getCode();
      LOG.debug("{}: error: {}", name, error);
    }
  }

  /** Handles output left without a final newline; call after the stream completed. */
  void finish() {
    if (partial.length() > 0) {
      line(partial.toString());
      partial.setLength(0);
    }
    endStep();
  }

  private void line(String raw) {
    String line = ANSI.matcher(raw).replaceAll("").strip();
    Matcher step = STEP.matcher(line);
    if (step.matches()) {
      endStep();
      stepLine = line;
      stepNumber = Integer.parseInt(step.group(1));
      instruction = step.group(3);
      LOG.info("{}: {}", name, abbreviate(line, 200));
      return;
    }
    LOG.debug("{}: {}", name, line);
    Matcher built = BUILT.matcher(line);
    if (line.equals("---> Using cache")) {
      cached = true;
    } else if (built.matches()) {
      // docker-java cannot read the aux {"ID": ...} item; this short id is all there is
      imageId = built.group(1);
    } else if (!line.isEmpty()
        && !line.startsWith("---> ")
        && !line.startsWith("Removing intermediate container")
        && !line.startsWith("Successfully tagged")) {
      if (tail.size() == TAIL_LINES) {
        tail.removeFirst();
      }
      tail.addLast(line);
    }
  }

  private void endStep() {
    if (stepLine != null && error == null) {
      steps.add(new BuildResult.Step(stepNumber, instruction, cached));
    }
    if (error == null) {
      stepLine = null;
      cached = false;
      tail.clear();
    }
  }

  List<BuildResult.Step> steps() {
    return List.copyOf(steps);
  }

  Optional<String> imageId() {
    return Optional.ofNullable(imageId);
  }

  /** The daemon's error message, when the build failed. */
  Optional<String> error() {
    return Optional.ofNullable(error);
  }

  /** The step that was running when the build failed, as printed ({@code Step 3/7 : RUN make}). */
  Optional<String> failedStep() {
    return error == null ? Optional.empty() : Optional.ofNullable(stepLine);
  }

  /** The exit code of a failed {@code RUN}, from the error detail or its message. */
  OptionalInt exitCode() {
    if (errorCode != null && errorCode != 0) {
      return OptionalInt.of(errorCode);
    }
    Matcher m = EXIT_CODE.matcher(error == null ? "" : error);
    return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }

  /** The last output lines of the current step, oldest first. */
  List<String> tail() {
    return List.copyOf(tail);
  }

  static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }
}
