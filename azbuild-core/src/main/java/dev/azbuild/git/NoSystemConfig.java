package dev.azbuild.git;

import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * Keeps JGit from starting {@code git config --system --show-origin --list} to locate git's system
 * config, which it does when it opens the first repository of a JVM (a process fork, tens to
 * hundreds of ms on a loaded machine). Installed only when the git command is there: then the git
 * command reads the work tree, with the system config applied, and JGit only reads objects, which
 * the system config does not change. Without a git command JGit finds no system config anyway.
 */
final class NoSystemConfig extends SystemReader.Delegate {

  private static boolean installed;

  private NoSystemConfig(SystemReader delegate) {
    super(delegate);
  }

  static synchronized void install() {
    if (!installed) {
      SystemReader.setInstance(new NoSystemConfig(SystemReader.getInstance()));
      installed = true;
    }
  }

  @Override
  public FileBasedConfig openSystemConfig(Config parent, FS fs) {
    // what JGit itself returns under GIT_CONFIG_NOSYSTEM
    return new FileBasedConfig(parent, null, fs) {
      @Override
      public void load() {
        // nothing to load
      }

      @Override
      public boolean isOutdated() {
        return false;
      }
    };
  }
}
