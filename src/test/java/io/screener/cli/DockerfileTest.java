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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the Dockerfile statically (no Docker needed) against the code and the README. */
class DockerfileTest {
  private static final List<String> LINES = read("Dockerfile");
  private static final String DEFAULT_PORT =
      ScreenerSettings.DEFAULTS.get("metrics.address").replaceAll(".*:", "");

  @Test
  void shouldBuildInOneStageAndRunFromAJreStage() {
    List<String> froms = lines("FROM ");
    assertEquals(2, froms.size(), froms.toString());
    // The build stage's JDK must be one the pom's toolchain range [22,) accepts (NullAway's
    // JSpecify
    // mode); the code is compiled for, and runs on, 17.
    Matcher build =
        Pattern.compile("FROM eclipse-temurin:(\\d+)-jdk AS build").matcher(froms.get(0));
    assertTrue(build.matches(), froms.get(0));
    assertTrue(Integer.parseInt(build.group(1)) >= 22, froms.get(0));
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

  /**
   * The entry point as the image runs it: its JSON array executed as given, with {@code JAVA_OPTS}
   * set, the image's {@code CMD}, and a stand-in {@code java} on the PATH that prints its
   * arguments.
   */
  @Test
  void shouldStartScreenerRunWithJavaOptsAndCheckHealth(@TempDir Path dir) throws Exception {
    List<String> entrypoint =
        jsonArray(lines("ENTRYPOINT ").get(0).substring("ENTRYPOINT ".length()));
    assertEquals(List.of("CMD [\"run\"]"), lines("CMD "));
    Path java = dir.resolve("java");
    Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> command = new ArrayList<>(entrypoint);
    command.add("run");
    command.add("--set");
    command.add("a=b c");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PATH", dir + ":" + System.getenv("PATH"));
    builder.environment().put("JAVA_OPTS", "-Xmx123m -Dx=y");
    Process process = builder.start();
    List<String> args =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
            .lines()
            .toList();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(
        List.of(
            "-XX:MaxRAMPercentage=75",
            "-XX:+ExitOnOutOfMemoryError",
            "-Xmx123m",
            "-Dx=y",
            "-Dscreener.home=/app",
            "-jar",
            "/app/screener.jar",
            "run",
            "--set",
            "a=b c"),
        args,
        "JAVA_OPTS split into options before the jar, the arguments passed on whole");
    String file = String.join("\n", LINES);
    Matcher healthcheck =
        Pattern.compile("HEALTHCHECK [^\\n]*\\\\\\n\\s*CMD \\[(.*)\\]").matcher(file);
    assertTrue(healthcheck.find(), "a HEALTHCHECK");
    assertTrue(
        healthcheck.group(1).endsWith("\"-jar\", \"/app/screener.jar\", \"health\", \"--live\""),
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

  /** A Dockerfile exec-form array: JSON strings with {@code \\"} and {@code \\\\} escapes. */
  private static List<String> jsonArray(String text) throws IOException {
    return List.of(
        new com.fasterxml.jackson.databind.ObjectMapper().readValue(text, String[].class));
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
