package io.screener.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package boundaries, checked on the main classes in every build: a wrong import fails here.
 *
 * <ul>
 *   <li>{@code domain} (scoring, signals, behaviour features, the enforcement ladder) is plain
 *       Java: it knows no other package of the screener and no library.
 *   <li>{@code screening} (validation, the behaviour step, quotes, the mapping between Avro records
 *       and the domain: what the topology and the replay share) imports no Kafka, and knows neither
 *       the topology nor the replay.
 *   <li>{@code topology} (the Kafka Streams topology) knows nothing of how it is run, measured or
 *       tested: not the service, the tools or the embedded broker.
 *   <li>The tools ({@code demo}, {@code bench}, the embedded {@code broker} they start, and the
 *       {@code tools} command line) are packaged apart from the service: nothing else depends on
 *       them, so the service's jar can leave them out.
 *   <li>The review {@code console} is an application of its own beside the service: only the
 *       command line and the demo start it, and it needs none of the tools.
 *   <li>The top-level packages form no cycle.
 * </ul>
 */
@AnalyzeClasses(packages = "io.screener", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String[] RUNNERS_AND_TOOLS = {
    "io.screener.service..",
    "io.screener.cli..",
    "io.screener.bench..",
    "io.screener.demo..",
    "io.screener.replay..",
    "io.screener.broker..",
    "io.screener.metrics..",
    "io.screener.generate..",
    "io.screener.console.."
  };

  @ArchTest
  static final ArchRule domainIsPlainJava =
      classes()
          .that()
          .resideInAPackage("io.screener.domain..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("io.screener.domain..", "java..", "org.jspecify.annotations..")
          .because(
              "scoring is the latency-critical core and must not need Kafka, Avro or the service to run");

  @ArchTest
  static final ArchRule screeningNeedsNoKafka =
      noClasses()
          .that()
          .resideInAPackage("io.screener.screening..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.apache.kafka..",
              "io.screener.topology..",
              "io.screener.service..",
              "io.screener.replay..")
          .because("the topology and the replay share it: it must run the same without Kafka");

  @ArchTest
  static final ArchRule topologyKnowsNotHowItIsRun =
      noClasses()
          .that()
          .resideInAPackage("io.screener.topology..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(RUNNERS_AND_TOOLS);

  /**
   * The demo, the bench and the broker they start: in the tools jar only (pom.xml's service shade).
   */
  static final String[] TOOLS = {
    "io.screener.broker..", "io.screener.bench..", "io.screener.demo..", "io.screener.tools.."
  };

  @ArchTest
  static final ArchRule theServiceNeedsNoTools =
      noClasses()
          .that()
          .resideOutsideOfPackages(TOOLS)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(TOOLS)
          .because(
              "the service's jar and image hold no broker, demo or bench: a class that needs them would fail there");

  @ArchTest
  static final ArchRule onlyTheCommandLineStartsTheConsole =
      noClasses()
          .that()
          .resideOutsideOfPackages(
              "io.screener.console..", "io.screener.cli..", "io.screener.demo..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.screener.console..")
          .because("the console reads the screener's topics; the screener knows nothing of it");

  @ArchTest
  static final ArchRule theConsoleRunsNoScreener =
      noClasses()
          .that()
          .resideInAPackage("io.screener.console..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.screener.service..",
              "io.screener.replay..",
              "io.screener.generate..",
              "io.screener.bench..",
              "io.screener.broker..",
              "io.screener.demo..",
              "io.screener.tools..")
          .because("it runs beside the screener and reads what it writes, in the service's jar");

  @ArchTest
  static final ArchRule packagesFormNoCycle =
      slices().matching("io.screener.(*)..").should().beFreeOfCycles();
}
