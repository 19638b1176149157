package dev.azbuild.example.hello;

import dev.azbuild.example.greeting.Greeting;
import java.util.Map;

/** Greets the first argument, else $NAME, else the world. */
public final class Hello {

  private Hello() {}

  public static void main(String[] args) {
    System.out.println(Greeting.greet(name(args, System.getenv())));
    System.out.println(Greeting.about(Hello.class));
  }

  static String name(String[] args, Map<String, String> env) {
    return args.length > 0 ? args[0] : env.getOrDefault("NAME", "world");
  }
}
