package dev.azbuild.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Counting and throttling, fed with the JSON lines the daemon sends (as docker-java parses them).
 */
class TransferProgressTest {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final String REF = "127.0.0.1:5000/api:abc";

  private final AtomicLong clock = new AtomicLong();
  private final List<String> lines = new ArrayList<>();

  private static <T> T item(Class<T> type, String json) {
    try {
      return JSON.readValue(json.replace('\'', '"'), type);
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  private void advance(Duration d) {
    clock.addAndGet(d.toNanos());
  }

  @Test
  void pushCountsTransferredAndExistingLayers() {
    var progress =
        new TransferProgress<PushResponseItem>(
            REF, TransferProgress.Direction.PUSH, clock::get, lines::add);
    for (String json :
        List.of(
            "{'status':'The push refers to repository [127.0.0.1:5000/api]'}",
            "{'status':'Preparing','progressDetail':{},'id':'aaaaaaaaaaaa'}",
            "{'status':'Preparing','progressDetail':{},'id':'bbbbbbbbbbbb'}",
            "{'status':'Preparing','progressDetail':{},'id':'cccccccccccc'}",
            "{'status':'Layer already exists','progressDetail':{},'id':'bbbbbbbbbbbb'}",
            "{'status':'Mounted from base/busybox','progressDetail':{},'id':'cccccccccccc'}",
            "{'status':'Pushing','progressDetail':{'current':512,'total':21000000},'id':'aaaaaaaaaaaa'}",
            "{'status':'Pushing','progressDetail':{'current':21000000,'total':21000000},'id':'aaaaaaaaaaaa'}",
            "{'status':'Pushed','progressDetail':{},'id':'aaaaaaaaaaaa'}",
            "{'status':'abc: digest: sha256:" + "d".repeat(64) + " size: 739'}",
            "{'progressDetail':{},'aux':{'Tag':'abc','Digest':'sha256:"
                + "d".repeat(64)
                + "','Size':739}}")) {
      progress.onNext(item(PushResponseItem.class, json));
    }

    TransferResult result = progress.result(1);

    assertThat(result)
        .isEqualTo(
            new TransferResult(
                REF, 3, 2, 21_000_000, java.util.Optional.of("sha256:" + "d".repeat(64)), 1));
    assertThat(progress.summary(result))
        .isEqualTo("pushed 127.0.0.1:5000/api:abc (3 layers, 2 existed, 21.0 MB)");
    assertThat(lines).isEmpty(); // all within 5 s: no progress lines
  }

  @Test
  void progressIsAtMostOneLinePerLayerPerInterval() {
    var progress =
        new TransferProgress<PullResponseItem>(
            REF, TransferProgress.Direction.PULL, clock::get, lines::add);
    progress.onNext(
        item(
            PullResponseItem.class,
            "{'status':'Pulling fs layer','progressDetail':{},'id':'aaaaaaaaaaaa'}"));
    progress.onNext(
        item(
            PullResponseItem.class,
            "{'status':'Pulling fs layer','progressDetail':{},'id':'bbbbbbbbbbbb'}"));
    for (int second = 1; second <= 12; second++) {
      advance(Duration.ofMillis(500));
      for (String id : List.of("aaaaaaaaaaaa", "bbbbbbbbbbbb")) {
        progress.onNext(
            item(
                PullResponseItem.class,
                "{'status':'Downloading','progressDetail':{'current':"
                    + second * 1_000_000
                    + ",'total':50000000},'id':'"
                    + id
                    + "'}"));
      }
      advance(Duration.ofMillis(500));
    }

    // 12 s of updates every second, two layers: one line each once 5 s have passed, twice in all
    assertThat(lines)
        .containsExactly(
            "pulling 127.0.0.1:5000/api:abc: layer aaaaaaaaaaaa 6.0 MB / 50.0 MB",
            "pulling 127.0.0.1:5000/api:abc: layer bbbbbbbbbbbb 6.0 MB / 50.0 MB",
            "pulling 127.0.0.1:5000/api:abc: layer aaaaaaaaaaaa 11.0 MB / 50.0 MB",
            "pulling 127.0.0.1:5000/api:abc: layer bbbbbbbbbbbb 11.0 MB / 50.0 MB");
  }

  @Test
  void pullCountsAlreadyExistingLayersAndTheErrorIsKept() {
    var progress =
        new TransferProgress<PullResponseItem>(
            REF, TransferProgress.Direction.PULL, clock::get, lines::add);
    progress.onNext(item(PullResponseItem.class, "{'status':'Pulling from api','id':'abc'}"));
    progress.onNext(
        item(
            PullResponseItem.class,
            "{'status':'Already exists','progressDetail':{},'id':'aaaaaaaaaaaa'}"));
    progress.onNext(
        item(
            PullResponseItem.class,
            "{'status':'Downloading','progressDetail':{'current':100,'total':1200},'id':'bbbbbbbbbbbb'}"));
    progress.onNext(
        item(
            PullResponseItem.class,
            "{'status':'Pull complete','progressDetail':{},'id':'bbbbbbbbbbbb'}"));

    assertThat(progress.result(1))
        .extracting(
            TransferResult::layers, TransferResult::layersSkipped, TransferResult::bytesTransferred)
        .containsExactly(2, 1, 1200L);

    progress.onNext(
        item(
            PullResponseItem.class,
            "{'errorDetail':{'message':'unauthorized: authentication required'},'error':'unauthorized: authentication required'}"));
    assertThat(progress.error()).contains("unauthorized: authentication required");
  }

  @Test
  void aPullOfAnImageAlreadyLocalSaysSo() {
    var progress =
        new TransferProgress<PullResponseItem>(
            REF, TransferProgress.Direction.PULL, clock::get, lines::add);
    progress.onNext(item(PullResponseItem.class, "{'status':'Pulling from api','id':'abc'}"));
    progress.onNext(
        item(
            PullResponseItem.class,
            "{'status':'Status: Image is up to date for 127.0.0.1:5000/api:abc'}"));

    assertThat(progress.summary(progress.result(1)))
        .isEqualTo("pulled 127.0.0.1:5000/api:abc (up to date)");
  }

  @Test
  void theDaemonsOwnRetryOfALayerEndsTheStreamAndSaysWhy() throws Exception {
    var progress =
        new TransferProgress<PushResponseItem>(
            REF, TransferProgress.Direction.PUSH, clock::get, lines::add);
    progress.onNext(
        item(
            PushResponseItem.class,
            "{'status':'Pushing','progressDetail':{'current':512,'total':2000},'id':'aaaaaaaaaaaa'}"));
    assertThat(progress.daemonRetry()).isEmpty();
    assertThat(progress.awaitEnd(Duration.ZERO)).isFalse();
    advance(Duration.ofSeconds(3));

    progress.onNext(
        item(
            PushResponseItem.class,
            "{'status':'Retrying in 5 seconds','progressDetail':{},'id':'aaaaaaaaaaaa'}"));

    assertThat(progress.daemonRetry())
        .contains(
            "the push of layer aaaaaaaaaaaa failed and the daemon would retry it (retrying in 5"
                + " seconds)");
    assertThat(progress.awaitEnd(Duration.ZERO)).isTrue(); // the stream was closed
    assertThat(progress.lastEventNanos()).isEqualTo(clock.get());
  }

  @Test
  void bytesUseDecimalUnitsLikeTheDockerCli() {
    assertThat(TransferProgress.bytes(0)).isEqualTo("0 B");
    assertThat(TransferProgress.bytes(999)).isEqualTo("999 B");
    assertThat(TransferProgress.bytes(201_700)).isEqualTo("201.7 kB");
    assertThat(TransferProgress.bytes(21_000_000)).isEqualTo("21.0 MB");
    assertThat(TransferProgress.bytes(3_200_000_000L)).isEqualTo("3.2 GB");
  }
}
