package dev.azbuild.deploy;

/** Restarts a module's service on its newly deployed image. */
public interface ServiceRestarter extends AutoCloseable {

  /** Restarts nothing. */
  ServiceRestarter NONE =
      new ServiceRestarter() {
        @Override
        public boolean restart(String image, String taggedReference, String digestReference) {
          return false;
        }

        @Override
        public String describe(String image) {
          return "nothing (azbuild.deploy.restart=none)";
        }
      };

  /**
   * @param image the module's image name (the service's name)
   * @param taggedReference the deployed image as {@code host/repo:commit}
   * @param digestReference the deployed image as {@code host/repo@sha256:...}
   * @return whether something was restarted
   */
  boolean restart(String image, String taggedReference, String digestReference)
      throws DeployException;

  /** What {@link #restart} would restart, for dry runs and logs. */
  String describe(String image);

  @Override
  default void close() {}
}
