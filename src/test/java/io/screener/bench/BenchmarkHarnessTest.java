package io.screener.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * {@code bench/jmh} runs what JMH's annotation processor listed at test-compile. Javac runs only
 * the processors the build names, so a build that stops naming JMH's compiles the benchmarks and
 * lists none: this test keeps every benchmark class in this package in the list.
 */
class BenchmarkHarnessTest {
  @Test
  void shouldListEveryBenchmarkForTheJmhRunner() throws IOException, URISyntaxException {
    String listed;
    try (InputStream list = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
      assertNotNull(list, "no JMH benchmark list: the annotation processor did not run");
      listed = new String(list.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> benchmarks = benchmarkClasses();
    assertFalse(benchmarks.isEmpty());
    for (String benchmark : benchmarks) {
      assertTrue(listed.contains(" " + benchmark + " "), () -> benchmark + " is not listed");
    }
  }

  /** Classes of this package (as compiled) with a {@code @Benchmark} method. */
  private List<String> benchmarkClasses() throws IOException, URISyntaxException {
    URL here = getClass().getResource(getClass().getSimpleName() + ".class");
    assertNotNull(here);
    try (Stream<Path> files = Files.list(Path.of(here.toURI()).getParent())) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".class") && !name.contains("$"))
          .map(name -> getClass().getPackageName() + "." + name.replace(".class", ""))
          .filter(BenchmarkHarnessTest::hasBenchmark)
          .sorted()
          .toList();
    }
  }

  private static boolean hasBenchmark(String className) {
    try {
      Method[] methods = Class.forName(className).getDeclaredMethods();
      return Arrays.stream(methods).anyMatch(m -> m.isAnnotationPresent(Benchmark.class));
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(className, e);
    }
  }
}
