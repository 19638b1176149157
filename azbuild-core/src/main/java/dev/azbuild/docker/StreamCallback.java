package dev.azbuild.docker;

import com.github.dockerjava.api.async.ResultCallback;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A docker-java stream callback that keeps a failure for the caller to report instead of logging
 * it: docker-java's own {@code onError} logs every failure with a stack trace at error level, which
 * is noise for expected outcomes such as a missing tag.
 */
abstract class StreamCallback<T> extends ResultCallback.Adapter<T> {

  private static final Logger LOG = LoggerFactory.getLogger(StreamCallback.class);

  private volatile Throwable failure;

  @Override
  public void onError(Throwable throwable) {
    if (failure == null) {
      failure = throwable;
    }
    try {
      close(); // releases awaitCompletion()
    } catch (IOException e) {
      LOG.debug("closing docker stream: {}", e.toString());
    }
  }

  /** What ended the stream abnormally (transport error or error status), if anything. */
  Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }
}
