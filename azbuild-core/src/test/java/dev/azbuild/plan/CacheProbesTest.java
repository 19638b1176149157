package dev.azbuild.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azbuild.graph.ImageModule;
import dev.azbuild.io.RequestPool;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The probes' fan-out and ordering. The registry side of a probe is covered on a real registry
 * (UnchangedImagesTest counts the plan's GETs); here the probe is a plain lambda, because what is
 * tested is only how CacheProbes calls it.
 */
class CacheProbesTest {

  private static ImageModule module(int i) {
    String dir = "services/m" + i;
    return new ImageModule(
        "g:m" + i,
        dir,
        Path.of("/repo").resolve(dir),
        "m" + i,
        dir + "/Dockerfile",
        dir,
        List.of(),
        List.of(),
        Map.of());
  }

  private static List<CacheProbes.Question> questions(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> new CacheProbes.Question(module(i), "cache-" + i))
        .toList();
  }

  @Test
  void answersComeBackInTheOrderOfTheQuestions() throws Exception {
    List<Optional<Boolean>> answers =
        CacheProbes.ask(
            (module, tag) -> {
              int i = Integer.parseInt(tag.substring("cache-".length()));
              Thread.sleep((20 - i) % 5); // later questions often finish first
              return Optional.of(i % 3 == 0);
            },
            questions(20),
            RequestPool.DEFAULT_CONCURRENCY);

    assertThat(answers).hasSize(20);
    for (int i = 0; i < 20; i++) {
      assertThat(answers.get(i)).as("answer %d", i).contains(i % 3 == 0);
    }
  }

  @Test
  void probesRunConcurrently() throws Exception {
    // every probe waits until 12 of them have started: with fewer at a time this would time out
    CountDownLatch started = new CountDownLatch(12);
    List<Optional<Boolean>> answers =
        CacheProbes.ask(
            (module, tag) -> {
              started.countDown();
              return Optional.of(started.await(10, TimeUnit.SECONDS));
            },
            questions(24),
            12);

    assertThat(answers).allSatisfy(a -> assertThat(a).contains(true));
  }

  @Test
  void neverMoreProbesInFlightThanTheConcurrency() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CacheProbes.ask(
        (module, tag) -> {
          most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          Thread.sleep(5);
          inFlight.decrementAndGet();
          return Optional.of(true);
        },
        questions(30),
        3);

    assertThat(most.get()).isEqualTo(3);
  }

  @Test
  void theFirstFailingModuleInOrderIsNamed() {
    assertThatThrownBy(
            () ->
                CacheProbes.ask(
                    (module, tag) -> {
                      if (tag.equals("cache-3") || tag.equals("cache-7")) {
                        throw new IllegalStateException("connection refused");
                      }
                      return Optional.of(true);
                    },
                    questions(10),
                    RequestPool.DEFAULT_CONCURRENCY))
        .isInstanceOf(PlanException.class)
        .hasMessage(
            "services/m3: cannot check the cache registry for m3:cache-3: connection refused");
  }

  @Test
  void noRegistryAsksNothing() throws Exception {
    assertThat(CacheProbes.ask(CacheProbe.NONE, questions(3), 1))
        .containsExactly(Optional.empty(), Optional.empty(), Optional.empty());
  }
}
