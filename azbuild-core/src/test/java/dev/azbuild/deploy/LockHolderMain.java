package dev.azbuild.deploy;

import dev.azbuild.registry.CredentialChain;
import dev.azbuild.registry.Registries;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryOptions;
import dev.azbuild.terraform.CliTerraform;
import dev.azbuild.terraform.TerraformException;
import dev.azbuild.terraform.TerraformWorkspace;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A deploy's lock holder in a JVM of its own, so {@link DeployLockIT} can stop it with a real
 * signal: takes the lock, prints {@code LOCKED}, then either waits or runs {@code terraform apply}
 * of a module that blocks, with the lock's shutdown hook set to stop terraform as the deployer
 * does.
 *
 * <p>Arguments: registry URL, run id, stale seconds, then optionally terraform binary, module dir,
 * state dir.
 */
public final class LockHolderMain {

  private LockHolderMain() {}

  public static void main(String[] args) throws Exception {
    Registry registry =
        Registries.forUrl(
            args[0],
            RegistryOptions.defaults()
                .withCredentials(CredentialChain.none())
                .withRetries(2, Duration.ofMillis(1)));
    DeployLock.Holder ours =
        DeployLock.Holder.ours(
            args[1],
            "holder-host",
            "0123456789abcdef0123456789abcdef01234567",
            Instant.now(),
            Duration.ofSeconds(Long.parseLong(args[2])));
    DeployLock lock = DeployLock.acquire(registry, ours, Duration.ZERO, false);
    if (args.length == 3) {
      System.out.println("LOCKED");
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
    CliTerraform terraform =
        new CliTerraform(
            Path.of(args[3]), Path.of(args[5]).resolve("plugins"), Duration.ofMinutes(5));
    lock.stopOnShutdown(() -> terraform.stop(Duration.ofSeconds(5)));
    System.out.println("LOCKED");
    System.out.flush();
    try {
      terraform.apply(new TerraformWorkspace(Path.of(args[4]), Path.of(args[5])), Map.of());
      System.out.println("APPLIED");
    } catch (TerraformException e) {
      System.out.println("APPLY FAILED: " + e.getMessage());
    }
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE); // the shutdown ends this JVM
  }
}
