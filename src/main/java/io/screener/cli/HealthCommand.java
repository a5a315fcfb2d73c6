package io.screener.cli;

import io.screener.metrics.MetricsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code screener health}: asks a running screener's {@code /health/ready} (or, with {@code
 * --live}, {@code /health/live}) on {@code metrics.address}; exit code 0 when it answers 200, 1
 * otherwise. The Docker HEALTHCHECK uses it with {@code --live} because the JRE image has neither
 * curl nor wget.
 */
@Command(
    name = "health",
    mixinStandardHelpOptions = true,
    description =
        "Exit 0 if the screener on metrics.address is ready (RUNNING, /health/ready), or with --live "
            + "alive (not failed or stopped: rebalancing counts, /health/live); else 1.")
final class HealthCommand implements Callable<Integer> {

  @SuppressWarnings("NullAway.Init") // picocli sets it
  @Mixin
  SettingsOptions settings;

  @Option(names = "--live", description = "Ask whether it is alive rather than ready.")
  boolean live;

  @Override
  public Integer call() {
    InetSocketAddress address = MetricsServer.parse(settings.load().metricsAddress());
    // A wildcard bind address is reachable on loopback from inside the container.
    String host =
        address.getAddress() != null && address.getAddress().isAnyLocalAddress()
            ? "127.0.0.1"
            : address.getHostString();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    URI uri =
        URI.create(
            "http://" + host + ":" + address.getPort() + (live ? "/health/live" : "/health/ready"));
    try {
      HttpResponse<String> response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(2))
              .build()
              .send(
                  HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(),
                  HttpResponse.BodyHandlers.ofString());
      System.out.print(response.body());
      return response.statusCode() == 200 ? 0 : 1;
    } catch (IOException e) {
      System.out.println("unreachable: " + uri + " (" + e + ")");
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }
}
