package dev.azbuild.ci.local;

import java.util.List;

/** The images on the Docker daemon the jobs use, as far as the sweep needs them. */
public interface DaemonImages {

  /** Every {@code repository:tag} reference of every local image. */
  List<String> references() throws Exception;

  /**
   * Removes one reference ({@code docker rmi}); the image itself goes only when nothing else names
   * it.
   */
  void untag(String reference) throws Exception;
}
