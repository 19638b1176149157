package dev.azbuild.registry;

/** A response worth retrying (429 or 5xx); {@link Retrier} turns the last one into a message. */
final class TransientFailure extends Exception {

  private final int status;

  TransientFailure(int status, String subject) {
    super(status + " " + HttpStatus.reason(status) + " for " + subject, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
