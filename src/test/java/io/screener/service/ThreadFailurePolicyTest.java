package io.screener.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.screener.screening.ScreeningEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class ThreadFailurePolicyTest {
  private static final long MINUTE = 60_000;

  @Test
  void shouldReplaceTheThreadFiveTimesWithinTheWindowThenShutDown() {
    List<Boolean> counted = new ArrayList<>();
    ScreeningEvents events =
        new ScreeningEvents() {
          @Override
          public void streamThreadFailed(boolean replaced) {
            counted.add(replaced);
          }
        };
    ThreadFailurePolicy policy =
        new ThreadFailurePolicy(5, Duration.ofMinutes(10), () -> 0L, events);
    List<StreamThreadExceptionResponse> responses = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      responses.add(policy.handle(new IllegalStateException("boom " + i)));
    }

    assertEquals(
        List.of(
            StreamThreadExceptionResponse.REPLACE_THREAD,
            StreamThreadExceptionResponse.REPLACE_THREAD,
            StreamThreadExceptionResponse.REPLACE_THREAD,
            StreamThreadExceptionResponse.REPLACE_THREAD,
            StreamThreadExceptionResponse.REPLACE_THREAD,
            StreamThreadExceptionResponse.SHUTDOWN_CLIENT,
            StreamThreadExceptionResponse.SHUTDOWN_CLIENT),
        responses);
    assertEquals(List.of(true, true, true, true, true, false, false), counted);
  }

  @Test
  void shouldForgetFailuresOlderThanTheWindow() {
    AtomicLong now = new AtomicLong();
    ThreadFailurePolicy policy =
        new ThreadFailurePolicy(5, Duration.ofMinutes(10), now::get, ScreeningEvents.NONE);
    for (int day = 0; day < 30; day++) {
      now.set(day * 24L * 60 * MINUTE);
      assertEquals(
          StreamThreadExceptionResponse.REPLACE_THREAD,
          policy.handle(new IllegalStateException("day " + day)),
          "one failure a day for a month");
    }
    for (int i = 0; i < 5; i++) {
      now.addAndGet(MINUTE);
      policy.handle(new IllegalStateException("burst " + i));
    }
    assertEquals(
        StreamThreadExceptionResponse.SHUTDOWN_CLIENT,
        policy.handle(new IllegalStateException("sixth within ten minutes")));
  }
}
