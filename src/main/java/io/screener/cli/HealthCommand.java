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

/**
 * {@code screener health}: asks a running screener's {@code /health} on {@code metrics.address};
 * exit code 0 when it is RUNNING, 1 otherwise. The Docker HEALTHCHECK uses it because the JRE image
 * has neither curl nor wget.
 */
@Command(
    name = "health",
    mixinStandardHelpOptions = true,
    description = "Exit 0 if the screener on metrics.address reports RUNNING on /health, else 1.")
final class HealthCommand implements Callable<Integer> {

  @Mixin SettingsOptions settings;

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
    URI uri = URI.create("http://" + host + ":" + address.getPort() + "/health");
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
      System.out.println("unreachable: " + uri + " (" + e.getMessage() + ")");
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }
}
