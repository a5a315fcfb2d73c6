package io.screener.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * ArchitectureTest's rules can fail: each is evaluated on a deliberately wrong class from the test
 * sources and must report it, and on a right one and must not.
 */
class ArchitectureRulesTest {
  private static final ClassFileImporter IMPORTER = new ClassFileImporter();

  @Test
  void theDomainRuleCatchesAKafkaImport() throws Exception {
    JavaClasses wrong =
        IMPORTER.importClasses(Class.forName("io.screener.domain.WrongImportFixture"));
    EvaluationResult result = ArchitectureTest.domainIsPlainJava.evaluate(wrong);
    assertTrue(result.hasViolation(), "no violation reported");
    assertTrue(
        result
            .getFailureReport()
            .toString()
            .contains("org.apache.kafka.common.serialization.Serdes"),
        result.getFailureReport().toString());

    JavaClasses right = IMPORTER.importClasses(io.screener.domain.Scorer.class);
    assertFalse(ArchitectureTest.domainIsPlainJava.evaluate(right).hasViolation());
  }

  @Test
  void theToolsRuleCatchesTheServiceUsingTheBroker() throws Exception {
    JavaClasses wrong =
        IMPORTER.importClasses(Class.forName("io.screener.service.WrongToolImportFixture"));
    EvaluationResult result = ArchitectureTest.theServiceNeedsNoTools.evaluate(wrong);
    assertTrue(result.hasViolation(), "no violation reported");
    assertTrue(
        result.getFailureReport().toString().contains("io.screener.broker.FreePorts"),
        result.getFailureReport().toString());

    JavaClasses right = IMPORTER.importClasses(io.screener.service.ScreenerService.class);
    assertFalse(ArchitectureTest.theServiceNeedsNoTools.evaluate(right).hasViolation());
  }
}
