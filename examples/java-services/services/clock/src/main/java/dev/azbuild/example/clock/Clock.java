package dev.azbuild.example.clock;

import dev.azbuild.example.greeting.Greeting;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Says what time it is (UTC, to the second). */
public final class Clock {

  private Clock() {}

  public static void main(String[] args) {
    System.out.println(Greeting.greet("clock") + " It is " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ".");
    System.out.println(Greeting.about(Clock.class));
  }
}
