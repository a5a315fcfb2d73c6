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
 *   <li>{@code domain} (scoring, signals, behaviour features, the enforcement ladder) is plain Java:
 *       it knows no other package of the screener and no library.
 *   <li>{@code topology} (the Kafka Streams topology) knows nothing of how it is run, measured or
 *       tested: not the service, the tools or the embedded broker.
 *   <li>The embedded broker is tool infrastructure (demo, bench, tests): nothing the service runs
 *       depends on it.
 *   <li>The top-level packages form no cycle.
 * </ul>
 */
@AnalyzeClasses(packages = "io.screener", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String[] RUNNERS_AND_TOOLS = {
    "io.screener.service..", "io.screener.cli..", "io.screener.bench..", "io.screener.demo..",
    "io.screener.replay..", "io.screener.broker..", "io.screener.metrics..", "io.screener.generate.."
  };

  @ArchTest
  static final ArchRule domainIsPlainJava =
      classes()
          .that()
          .resideInAPackage("io.screener.domain..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("io.screener.domain..", "java..")
          .because("scoring is the latency-critical core and must not need Kafka, Avro or the service to run");

  @ArchTest
  static final ArchRule topologyKnowsNotHowItIsRun =
      noClasses()
          .that()
          .resideInAPackage("io.screener.topology..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(RUNNERS_AND_TOOLS);

  @ArchTest
  static final ArchRule theServiceNeedsNoEmbeddedBroker =
      noClasses()
          .that()
          .resideInAnyPackage(
              "io.screener.service..", "io.screener.topology..", "io.screener.domain..",
              "io.screener.config..", "io.screener.serialization..", "io.screener.metrics..",
              "io.screener.replay..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.screener.broker..")
          .because("the embedded broker is for the demo, the bench and the tests");

  @ArchTest
  static final ArchRule packagesFormNoCycle = slices().matching("io.screener.(*)..").should().beFreeOfCycles();
}
