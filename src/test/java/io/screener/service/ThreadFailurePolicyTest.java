package io.screener.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class ThreadFailurePolicyTest {
  @Test
  void shouldReplaceTheThreadFiveTimesThenShutDown() {
    ThreadFailurePolicy policy = new ThreadFailurePolicy(5);
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
  }
}
