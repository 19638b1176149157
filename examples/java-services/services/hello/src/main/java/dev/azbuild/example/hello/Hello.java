package dev.azbuild.example.hello;

import dev.azbuild.example.greeting.Greeting;

/** Greets the first argument, else $NAME, else the world. */
public final class Hello {

  private Hello() {}

  public static void main(String[] args) {
    String name = args.length > 0 ? args[0] : System.getenv().getOrDefault("NAME", "world");
    System.out.println(Greeting.greet(name));
    System.out.println(Greeting.about(Hello.class));
  }
}
