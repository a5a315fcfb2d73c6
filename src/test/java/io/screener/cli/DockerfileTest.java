package io.screener.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.broker.FreePorts;
import io.screener.config.ScreenerSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Checks the Dockerfile statically (no Docker needed) against the code and the README. */
class DockerfileTest {
  private static final List<String> LINES = read("Dockerfile");
  private static final String DEFAULT_PORT =
      ScreenerSettings.DEFAULTS.get("metrics.address").replaceAll(".*:", "");

  @Test
  void shouldBuildInOneStageAndRunFromAJreStage() {
    List<String> froms = lines("FROM ");
    assertEquals(2, froms.size(), froms.toString());
    assertTrue(froms.get(0).matches("FROM eclipse-temurin:17-jdk AS build"), froms.get(0));
    assertTrue(froms.get(1).startsWith("FROM eclipse-temurin:17-jre"), froms.get(1));
    assertTrue(
        LINES.stream().anyMatch(l -> l.startsWith("COPY --from=build ")),
        "runtime copies the build's jar");
  }

  @Test
  void shouldRunAsANonRootUser() {
    List<String> users = lines("USER ");
    assertEquals(1, users.size());
    String user = users.get(0).substring("USER ".length()).trim();
    assertFalse(user.equals("root") || user.equals("0") || user.startsWith("0:"), user);
    assertTrue(
        LINES.indexOf(users.get(0)) > LINES.indexOf(lines("FROM ").get(1)),
        "USER is in the runtime stage");
  }

  @Test
  void shouldStartScreenerRunAndCheckHealth() {
    assertEquals(
        List.of(
            "ENTRYPOINT [\"java\", \"-XX:MaxRAMPercentage=75\", \"-Dscreener.home=/app\", \"-jar\", \"/app/screener.jar\"]"),
        lines("ENTRYPOINT "));
    assertEquals(List.of("CMD [\"run\"]"), lines("CMD "));
    String file = String.join("\n", LINES);
    Matcher healthcheck =
        Pattern.compile("HEALTHCHECK [^\\n]*\\\\\\n\\s*CMD \\[(.*)\\]").matcher(file);
    assertTrue(healthcheck.find(), "a HEALTHCHECK");
    assertTrue(
        healthcheck.group(1).endsWith("\"-jar\", \"/app/screener.jar\", \"health\""),
        healthcheck.group(1));
  }

  @Test
  void shouldExposeTheMetricsPortOfTheCodeAndTheReadme() throws IOException {
    assertEquals(List.of("EXPOSE " + DEFAULT_PORT), lines("EXPOSE "));
    String env =
        LINES.stream()
            .filter(l -> l.contains("SCREENER_METRICS_ADDRESS="))
            .findFirst()
            .orElseThrow();
    assertTrue(env.contains("SCREENER_METRICS_ADDRESS=0.0.0.0:" + DEFAULT_PORT), env);
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    assertTrue(readme.contains("docker build -t payment-screener ."), "README builds the image");
    assertTrue(
        readme.contains("-p " + DEFAULT_PORT + ":" + DEFAULT_PORT + " payment-screener"),
        "README maps the port");
  }

  @Test
  void shouldReportUnhealthyWhenNoScreenerAnswers() {
    int port = FreePorts.onLoopback();
    int exit =
        ScreenerCommand.commandLine()
            .execute(
                "health",
                "--config",
                "config/screener.properties",
                "--set",
                "metrics.address=0.0.0.0:" + port);
    assertEquals(1, exit);
  }

  private static List<String> lines(String prefix) {
    return LINES.stream().filter(l -> l.startsWith(prefix)).collect(Collectors.toList());
  }

  private static List<String> read(String file) {
    try {
      return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
