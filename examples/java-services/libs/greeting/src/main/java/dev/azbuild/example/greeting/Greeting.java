package dev.azbuild.example.greeting;

/** The words every service of the example starts with. */
public final class Greeting {

  private Greeting() {}

  /** {@code Hello, NAME!} */
  public static String greet(String name) {
    return "Hello, " + name + "!";
  }

  /**
   * What runs: the application's name and version from its jar's manifest, and the Java runtime,
   * e.g. {@code hello 1.0.0-SNAPSHOT on Java 17.0.15+6}.
   */
  public static String about(Class<?> application) {
    Package p = application.getPackage();
    String title = p.getImplementationTitle() != null ? p.getImplementationTitle() : application.getSimpleName();
    String version = p.getImplementationVersion() != null ? p.getImplementationVersion() : "(no manifest)";
    return title + " " + version + " on Java " + Runtime.version();
  }
}
