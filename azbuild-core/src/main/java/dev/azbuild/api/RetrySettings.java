package dev.azbuild.api;

import dev.azbuild.io.Retries;
import java.time.Duration;

/** {@code azbuild.retries} and {@code azbuild.retryTimeout} as the one retry policy of a goal. */
final class RetrySettings {

  private RetrySettings() {}

  /** The default waits with the configured attempts and time budget. */
  static Retries of(Settings settings) throws SettingException {
    return Retries.DEFAULT
        .withAttempts(settings.integer(Setting.RETRIES, 1))
        .withBudget(Duration.ofSeconds(settings.integer(Setting.RETRY_TIMEOUT, 1)));
  }
}
