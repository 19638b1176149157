package dev.azbuild.registry;

import dev.azbuild.testing.LocalServices;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Fixture images, made once per test JVM: two tiny images built FROM the local base image with the
 * docker CLI and pushed to the cache registry, plus an OCI index over both, PUT by hand.
 */
final class TestImages {

  static final String REPOSITORY = "azbtest/app";
  static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  static final String TAG = "t-" + RUN;
  static final String OTHER_TAG = "u-" + RUN;
  static final String INDEX_TAG = "idx-" + RUN;

  private static String digest;
  private static String otherDigest;
  private static String indexDigest;

  private TestImages() {}

  static synchronized void ensurePushed() {
    if (digest != null) {
      return;
    }
    LocalServices.requireRunning();
    digest = buildAndPush(TAG);
    otherDigest = buildAndPush(OTHER_TAG);
    indexDigest = putIndex(INDEX_TAG, List.of(digest, otherDigest));
  }

  static String digest() {
    ensurePushed();
    return digest;
  }

  static String indexDigest() {
    ensurePushed();
    return indexDigest;
  }

  static String image(String tag) {
    return LocalServices.CACHE + "/" + REPOSITORY + ":" + tag;
  }

  private static String buildAndPush(String tag) {
    try {
      Path context = Files.createTempDirectory("azbtest-image");
      Files.writeString(
          context.resolve("Dockerfile"),
          "FROM " + LocalServices.BASE_IMAGE + "\nCOPY id.txt /id.txt\n");
      Files.writeString(context.resolve("id.txt"), tag + "\n");
      docker("build", "-q", "-t", image(tag), context.toString());
      docker("push", "-q", image(tag));
      String repoDigest =
          docker("inspect", "--format", "{{index .RepoDigests 0}}", image(tag)).trim();
      return repoDigest.substring(repoDigest.indexOf('@') + 1);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An OCI index over pushed images; distribution checks that the children exist. */
  private static String putIndex(String tag, List<String> children) {
    List<String> entries = new ArrayList<>();
    String[] arch = {"amd64", "arm64"};
    for (int i = 0; i < children.size(); i++) {
      entries.add(
          "{\"mediaType\":\""
              + MediaTypes.DOCKER_MANIFEST
              + "\",\"digest\":\""
              + children.get(i)
              + "\",\"size\":"
              + manifestSize(children.get(i))
              + ",\"platform\":{\"architecture\":\""
              + arch[i]
              + "\",\"os\":\"linux\"}}");
    }
    String index =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MediaTypes.OCI_INDEX
            + "\",\"manifests\":["
            + String.join(",", entries)
            + "]}";
    byte[] bytes = index.getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response =
        http(
            HttpRequest.newBuilder(manifestUri(tag))
                .header("Content-Type", MediaTypes.OCI_INDEX)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build());
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "index PUT: " + response.statusCode() + " " + response.body());
    }
    return Digests.sha256(bytes);
  }

  private static int manifestSize(String digest) {
    HttpResponse<String> response =
        http(
            HttpRequest.newBuilder(manifestUri(digest))
                .header("Accept", MediaTypes.DOCKER_MANIFEST)
                .GET()
                .build());
    return response.body().getBytes(StandardCharsets.UTF_8).length;
  }

  private static URI manifestUri(String reference) {
    return URI.create(
        "http://" + LocalServices.CACHE + "/v2/" + REPOSITORY + "/manifests/" + reference);
  }

  private static HttpResponse<String> http(HttpRequest request) {
    try {
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String docker(String... args) {
    List<String> command = new ArrayList<>();
    command.add("docker");
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("docker CLI unavailable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
