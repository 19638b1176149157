package dev.azbuild.plan;

import dev.azbuild.graph.ImageModule;
import dev.azbuild.io.RequestPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Asks the cache registry about many modules at once. Each probe is one round trip that does not
 * depend on any other, so a plan of N modules waits for about N / concurrency round trips instead
 * of N.
 */
final class CacheProbes {

  /** One question: does the module's image hold this tag. */
  record Question(ImageModule module, String tag) {}

  private CacheProbes() {}

  /**
   * The answers in the order of the questions.
   *
   * @throws PlanException for the first question (in order) whose probe failed
   */
  static List<Optional<Boolean>> ask(CacheProbe cache, List<Question> questions, int concurrency)
      throws PlanException {
    if (cache == CacheProbe.NONE || questions.isEmpty()) {
      return questions.stream().map(q -> Optional.<Boolean>empty()).toList();
    }
    ExecutorService pool = RequestPool.open("cache-probe", Math.min(concurrency, questions.size()));
    try {
      List<Future<Optional<Boolean>>> futures = new ArrayList<>(questions.size());
      for (Question q : questions) {
        futures.add(pool.submit(() -> cache.exists(q.module(), q.tag())));
      }
      List<Optional<Boolean>> answers = new ArrayList<>(questions.size());
      for (int i = 0; i < questions.size(); i++) {
        answers.add(answer(futures.get(i), questions.get(i)));
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Optional<Boolean> answer(Future<Optional<Boolean>> future, Question q)
      throws PlanException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw failure(q, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlanException(
          q.module().label() + ": interrupted while checking the cache registry", e);
    }
  }

  /** The one-line error of a probe that failed (Planner's one-at-a-time probes give the same). */
  static PlanException failure(Question q, Throwable cause) {
    return new PlanException(
        q.module().label()
            + ": cannot check the cache registry for "
            + q.module().image()
            + ":"
            + q.tag()
            + ": "
            + cause.getMessage(),
        cause);
  }
}
