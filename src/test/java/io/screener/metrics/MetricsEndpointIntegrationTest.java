package io.screener.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.broker.EmbeddedKafkaBroker;
import io.screener.config.ScreenerSettings;
import io.screener.config.ScreenerSettings.TopicNames;
import io.screener.fixtures.KafkaFixtures;
import io.screener.fixtures.Payments;
import io.screener.fixtures.Scrapes;
import io.screener.service.ScreenerService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class MetricsEndpointIntegrationTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path stateDir;

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void shouldServeDecisionDeadLetterLatencyAndStreamsMetricsAndHealthOfARunningInstance()
      throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().partitions(2).start()) {
      ScreenerSettings settings =
          KafkaFixtures.settings(broker, stateDir, Map.of("metrics.address", "127.0.0.1:0"));
      TopicNames topics = settings.topics();
      KafkaFixtures.createTopics(broker, topics, 2);
      Instant now = Instant.now().minusSeconds(60);
      try (KafkaProducer<byte[], byte[]> producer = KafkaFixtures.producer(broker)) {
        KafkaFixtures.listExchange(producer, topics, "m-exchange", now);
        int port;
        try (ScreenerService service = ScreenerService.withMetrics(settings)) {
          service.start();
          port = service.metricsPort();
          awaitHealth(port, service.streams());

          KafkaFixtures.sendPayment(
              producer,
              topics.payments(),
              Payments.toMerchant("m-exchange", "Card purchase", "5999")
                  .id("pay-exchange")
                  .at(now)
                  .build());
          KafkaFixtures.sendPayment(
              producer, topics.payments(), Payments.grocery().id("pay-grocery-1").at(now).build());
          KafkaFixtures.sendPayment(
              producer, topics.payments(), Payments.grocery().id("pay-grocery-2").at(now).build());
          KafkaFixtures.sendPayment(
              producer, topics.payments(), Payments.grocery().id("pay-grocery-2").at(now).build());
          KafkaFixtures.sendPayment(
              producer,
              topics.payments(),
              Payments.grocery().id("pay-zero").amount(0).at(now).build());
          KafkaFixtures.send(
              producer,
              new ProducerRecord<>(
                  topics.payments(),
                  "junk".getBytes(StandardCharsets.UTF_8),
                  "not avro".getBytes(StandardCharsets.UTF_8)));
          KafkaFixtures.send(
              producer,
              new ProducerRecord<>(
                  topics.merchantReputation(),
                  "m-bad".getBytes(StandardCharsets.UTF_8),
                  "not avro either".getBytes(StandardCharsets.UTF_8)));
          producer.flush();

          // One scrape reads its meters one after another while the stream thread goes on
          // recording, so it may catch one meter before a payment and the next after it: wait for a
          // scrape in which every expected count has arrived, then hold each to its exact value.
          String scrape =
              Scrapes.await(
                  port,
                  text ->
                      Scrapes.value(text, "screener_record_latency_seconds_count", "") >= 3
                          && Scrapes.value(text, "screener_scoring_latency_seconds_count", "") >= 3
                          && Scrapes.value(text, "screener_payments_decided_total", "") >= 3
                          && Scrapes.value(text, "screener_payments_duplicates_total", "") >= 1
                          && Scrapes.value(text, "screener_dead_letters_total", "") >= 3);

          assertEquals(
              1,
              Scrapes.value(
                  scrape,
                  "screener_payments_decided_total",
                  "category=\"VIRTUAL_CURRENCY_EXCHANGE\",decision=\"BLOCK\""));
          assertEquals(
              2,
              Scrapes.value(
                  scrape,
                  "screener_payments_decided_total",
                  "category=\"NONE\",decision=\"CLEAR\""));
          assertEquals(
              1,
              Scrapes.value(
                  scrape,
                  "screener_decision_reasons_total",
                  "decision=\"BLOCK\",reason=\"MERCHANT_EXCHANGE\""));
          assertEquals(1, Scrapes.value(scrape, "screener_payments_duplicates_total", ""));
          assertEquals(
              1,
              Scrapes.value(
                  scrape,
                  "screener_dead_letters_total",
                  "cause=\"not-avro\",source=\"payments\",stage=\"DECODE\""));
          assertEquals(
              1,
              Scrapes.value(
                  scrape,
                  "screener_dead_letters_total",
                  "cause=\"amountMinor\",source=\"payments\",stage=\"VALIDATE\""));
          assertEquals(
              1,
              Scrapes.value(
                  scrape,
                  "screener_dead_letters_total",
                  "cause=\"not-avro\",source=\""
                      + topics.merchantReputation()
                      + "\",stage=\"DECODE\""));
          assertEquals(3, Scrapes.value(scrape, "screener_scoring_latency_seconds_count", ""));
          assertEquals(3, Scrapes.value(scrape, "screener_record_latency_seconds_count", ""));
          // Histograms, which aggregate across instances: the last bucket holds every payment.
          assertEquals(
              3, Scrapes.value(scrape, "screener_record_latency_seconds_bucket", "le=\"+Inf\""));
          assertEquals(
              3, Scrapes.value(scrape, "screener_scoring_latency_seconds_bucket", "le=\"+Inf\""));
          assertTrue(
              Scrapes.value(scrape, "screener_record_latency_seconds_bucket", "le=\"0.1\"") >= 0);
          assertTrue(
              Scrapes.value(scrape, "screener_event_time_lag_seconds", "") >= 50,
              "payments a minute old");
          assertEquals(1, Scrapes.value(scrape, "screener_rules_info", "version=\""));
          assertEquals(1, Scrapes.value(scrape, "screener_build_info", "version=\""));
          assertEquals(0, Scrapes.value(scrape, "screener_stream_thread_failures_total", ""));
          assertMonitoringNamesOnlyMetricsIn(scrape);
          assertTrue(
              Scrapes.value(scrape, "kafka_stream_thread_process_total", "") >= 4,
              "Kafka Streams' own metrics");
        }
        assertThrows(
            IOException.class, () -> get(port, "/health"), "endpoint closed with the service");
      }
    }
  }

  /**
   * The Grafana dashboard and the alert rules in config/monitoring name only metrics this running
   * instance exposes.
   */
  private static void assertMonitoringNamesOnlyMetricsIn(String scrape) throws IOException {
    java.util.Set<String> named = new java.util.TreeSet<>();
    for (Path file :
        List.of(
            Path.of("config", "monitoring", "grafana-dashboard.json"),
            Path.of("config", "monitoring", "alert-rules.yaml"))) {
      String text = java.nio.file.Files.readString(file, StandardCharsets.UTF_8);
      Matcher expr = Pattern.compile("\"?expr\"?:\\s*\"?([^\"\\n]+)").matcher(text);
      int exprs = 0;
      while (expr.find()) {
        exprs++;
        Matcher name =
            Pattern.compile("\\b((?:screener|kafka|jvm|process)_[a-z0-9_]+)")
                .matcher(expr.group(1));
        while (name.find()) {
          named.add(name.group(1));
        }
      }
      assertTrue(exprs >= 5, file + " has its expressions");
    }
    assertTrue(named.size() >= 8, named.toString());
    for (String metric : named) {
      assertTrue(
          Pattern.compile("(?m)^" + Pattern.quote(metric) + "[{ ]").matcher(scrape).find(),
          metric + " is named in config/monitoring but not exposed");
    }
  }

  private static void awaitHealth(int port, KafkaStreams streams) throws Exception {
    KafkaStreams.State before = streams.state();
    HttpResponse<String> first = get(port, "/health");
    // Not running on both sides of the request: it was answered while not running.
    if (before != KafkaStreams.State.RUNNING && streams.state() != KafkaStreams.State.RUNNING) {
      assertEquals(503, first.statusCode(), first.body());
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      HttpResponse<String> health = get(port, "/health");
      if (health.statusCode() == 200) {
        assertEquals("{\"status\":\"UP\",\"state\":\"RUNNING\"}\n", health.body());
        return;
      }
      assertEquals(503, health.statusCode());
      assertTrue(health.body().contains("\"status\":\"DOWN\""), health.body());
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never healthy: " + health.body());
      }
      Thread.sleep(100);
    }
  }

  private static HttpResponse<String> get(int port, String path)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
