package dev.azbuild.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.azbuild.build.BuildReport;
import dev.azbuild.plan.PlanException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The state mvn -T's threads share: computed once, by whichever execution asks first. */
class BuildSessionTest {

  @Test
  void concurrentExecutionsComputeThePlanOnceAndShareIt() throws Exception {
    BuildSession session = new BuildSession();
    AtomicInteger computations = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    Planned planned = new Planned(null, null, Path.of("."), java.util.Optional.empty(), null, null);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<Planned>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(
            threads.submit(
                () -> {
                  start.await();
                  return session.plan(
                      List.of("same", "settings"),
                      () -> {
                        computations.incrementAndGet();
                        sleep(50); // the others arrive while it computes
                        return planned;
                      });
                }));
      }
      start.countDown();
      for (Future<Planned> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS)).isSameAs(planned);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(computations).hasValue(1);
  }

  @Test
  void onlyTheFirstOfConcurrentClaimsWins() throws Exception {
    BuildSession session = new BuildSession();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> claims = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        claims.add(
            threads.submit(
                () -> {
                  start.await();
                  return session.claim(List.of("buildRecord", "abc"));
                }));
      }
      start.countDown();
      int won = 0;
      for (Future<Boolean> claim : claims) {
        won += claim.get(10, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
      assertThat(session.claim(List.of("buildRecord", "other commit"))).isTrue();
    } finally {
      threads.shutdownNow();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aFailureIsEveryExecutionsFailureAndOtherSettingsPlanAgain() {
    BuildSession session = new BuildSession();
    AtomicInteger computations = new AtomicInteger();
    BuildSession.Computation<Planned> failing =
        () -> {
          computations.incrementAndGet();
          throw new PlanException("services/api/.rebuild_patterns:2: bad pattern", null);
        };
    Throwable first = catchThrowable(() -> session.plan("a", failing));
    Throwable second = catchThrowable(() -> session.plan("a", failing));
    assertThat(first)
        .isInstanceOf(PlanException.class)
        .hasMessageContaining("bad pattern")
        .isSameAs(second);
    assertThat(computations).hasValue(1);
    Throwable other = catchThrowable(() -> session.plan("b", failing));
    assertThat(other).isNotSameAs(first);
    assertThat(computations).hasValue(2);
  }

  @Test
  void oneBuildReportPerFile(@org.junit.jupiter.api.io.TempDir Path dir) {
    BuildSession session = new BuildSession();
    Path file = dir.resolve("build.json");
    BuildReport report = session.buildReport(file, () -> new BuildReport(file, "abc", List.of()));
    assertThat(session.buildReport(file, () -> new BuildReport(file, "other", List.of())))
        .isSameAs(report);
  }

  @Test
  void theArrivalThatCompletesTheExpectedModulesIsLastOnceAlsoUnderThreads() throws Exception {
    BuildSession session = new BuildSession();
    java.util.Set<String> expected = new java.util.HashSet<>();
    for (int i = 0; i < 50; i++) {
      expected.add("m" + i);
    }
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    List<Future<BuildSession.Arrival>> results = new ArrayList<>();
    try {
      for (String member : expected) {
        results.add(
            threads.submit(
                () -> {
                  start.await();
                  return session.arrive("deploy", member, expected);
                }));
      }
      start.countDown();
      int last = 0;
      for (Future<BuildSession.Arrival> result : results) {
        BuildSession.Arrival arrival = result.get(10, TimeUnit.SECONDS);
        assertThat(arrival.expected()).isEqualTo(50);
        last += arrival.last() ? 1 : 0;
      }
      assertThat(last).isEqualTo(1);
    } finally {
      threads.shutdownNow();
    }
    // a second arrival of a member (an execution bound twice) never deploys again
    assertThat(session.arrive("deploy", "m1", expected).last()).isFalse();
  }

  @Test
  void aMemberThatNeverArrivesKeepsEveryoneWaiting() {
    BuildSession session = new BuildSession();
    java.util.Set<String> expected = java.util.Set.of("root", "hello", "clock");
    assertThat(session.arrive("deploy", "root", expected))
        .isEqualTo(new BuildSession.Arrival(1, 3, false));
    assertThat(session.arrive("deploy", "clock", expected))
        .isEqualTo(new BuildSession.Arrival(2, 3, false));
    // hello failed: nothing completes; another point is counted apart
    assertThat(session.arrive("other", "hello", expected).last()).isFalse();
    assertThat(session.arrive("deploy", "hello", expected).last()).isTrue();
  }
}
