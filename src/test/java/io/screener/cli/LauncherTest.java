package io.screener.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./screener} launcher's choice of JVM flags, with a stand-in {@code java} on the PATH
 * that prints its arguments (a copy of the script beside a jar it takes as fresh, so it builds
 * nothing).
 */
class LauncherTest {
  @TempDir Path dir;

  @Test
  void shouldRunTheReplayOnTheThroughputCollectorWithScaledCompileThresholds() throws Exception {
    List<String> args = launch(Map.of(), "replay", "--help");
    assertTrue(args.contains("-XX:+UseParallelGC"), args.toString());
    assertTrue(args.contains("-XX:CompileThresholdScaling=4"), args.toString());
    assertEquals(
        List.of("replay", "--help"),
        args.subList(args.size() - 2, args.size()),
        "arguments pass through");
  }

  @Test
  void shouldRunTheServiceOnG1WithAFixedHeapTouchedAtStart() throws Exception {
    List<String> heap = List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch");
    for (String command : List.of("run", "bench", "demo")) {
      List<String> args = launch(Map.of(), command);
      assertTrue(
          args.stream().noneMatch(a -> a.startsWith("-XX:+Use") && a.endsWith("GC")),
          args.toString());
      assertTrue(
          args.stream().noneMatch(a -> a.contains("CompileThresholdScaling")), args.toString());
      if (command.equals("demo")) {
        assertTrue(args.stream().noneMatch(heap::contains), "the demo sizes itself: " + args);
      } else {
        assertTrue(args.containsAll(heap), args.toString());
      }
    }
  }

  @Test
  void shouldLetAHeapSizeInJavaOptsWin() throws Exception {
    for (String opts : List.of("-Xmx4g", "-Xms2g -Xmx2g", "-XX:MaxRAMPercentage=50")) {
      List<String> args = launch(Map.of("JAVA_OPTS", opts), "run");
      assertTrue(args.containsAll(Arrays.asList(opts.split(" "))), args.toString());
      assertFalse(args.contains("-Xmx1g"), args.toString());
      assertFalse(args.contains("-XX:+AlwaysPreTouch"), args.toString());
    }
  }

  @Test
  void shouldRunTheDemoAndTheBenchFromTheToolsJarAndEverythingElseFromTheServiceJar()
      throws Exception {
    // The usage too: only the tools jar's lists every command.
    for (List<String> command :
        List.<List<String>>of(
            List.of("demo"), List.of("bench"), List.of(), List.of("--help"), List.of("-h"))) {
      List<String> args = launch(Map.of(), command.toArray(String[]::new));
      assertTrue(
          args.get(args.indexOf("-jar") + 1).endsWith("/target/screener-tools.jar"),
          args.toString());
    }
    for (String command : List.of("run", "replay", "generate", "publish-rules", "health")) {
      List<String> args = launch(Map.of(), command);
      assertTrue(
          args.get(args.indexOf("-jar") + 1).endsWith("/target/screener.jar"), args.toString());
    }
  }

  @Test
  void shouldLetCompileThresholdsInJavaOptsWin() throws Exception {
    List<String> args = launch(Map.of("JAVA_OPTS", "-XX:CompileThresholdScaling=1"), "replay");
    assertTrue(args.contains("-XX:CompileThresholdScaling=1"), args.toString());
    assertFalse(args.contains("-XX:CompileThresholdScaling=4"), args.toString());
    assertTrue(args.contains("-XX:+UseParallelGC"), args.toString());
  }

  @Test
  void shouldLetACollectorInJavaOptsWin() throws Exception {
    List<String> args = launch(Map.of("JAVA_OPTS", "-Xmx1g -XX:+UseSerialGC"), "replay");
    assertTrue(args.contains("-XX:+UseSerialGC"), args.toString());
    assertTrue(args.contains("-Xmx1g"), args.toString());
    assertFalse(args.contains("-XX:+UseParallelGC"), args.toString());
    assertTrue(args.contains("-XX:CompileThresholdScaling=4"), args.toString());
  }

  private List<String> launch(Map<String, String> env, String... command)
      throws IOException, InterruptedException {
    Path home = Files.createTempDirectory(dir, "home");
    Files.createDirectories(home.resolve("target"));
    Files.copy(Path.of("screener"), home.resolve("screener"));
    Files.writeString(home.resolve("target/screener.jar"), "");
    Files.writeString(home.resolve("target/screener-tools.jar"), "");
    Path bin = Files.createDirectories(home.resolve("bin"));
    Path java = bin.resolve("java");
    Files.writeString(java, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\"\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(
        home.resolve("screener"), PosixFilePermissions.fromString("rwxr-xr-x"));

    ProcessBuilder builder =
        new ProcessBuilder(
            Stream.concat(Stream.of(home.resolve("screener").toString()), Arrays.stream(command))
                .toList());
    builder.environment().remove("JAVA_OPTS");
    builder.environment().putAll(env);
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the launcher did not finish");
    assertEquals(0, process.exitValue(), output);
    return output.lines().toList();
  }
}
