package dev.azbuild.example.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HelloTest {

  @Test
  void theFirstArgumentWinsOverNameAndTheWorld() {
    assertEquals("reader", Hello.name(new String[] {"reader"}, Map.of("NAME", "env")));
    assertEquals("env", Hello.name(new String[0], Map.of("NAME", "env")));
    assertEquals("world", Hello.name(new String[0], Map.of()));
  }
}
