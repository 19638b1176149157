package dev.azbuild.example.clock;

import dev.azbuild.example.greeting.Greeting;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Says what time it is (UTC, to the second). */
public final class Clock {

  private Clock() {}

  public static void main(String[] args) {
    System.out.println(line(Instant.now()));
    System.out.println(Greeting.about(Clock.class));
  }

  static String line(Instant now) {
    return Greeting.greet("clock") + " It is " + now.truncatedTo(ChronoUnit.SECONDS) + ".";
  }
}
