package dev.azbuild.example.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClockTest {

  @Test
  void tellsTheTimeToTheSecond() {
    assertEquals(
        "Hello, clock! It is 2026-12-02T15:07:10Z.",
        Clock.line(Instant.parse("2026-12-02T15:07:10.734Z")));
  }
}
