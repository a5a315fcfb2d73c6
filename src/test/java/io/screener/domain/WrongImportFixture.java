package io.screener.domain;

import org.apache.kafka.common.serialization.Serdes;

/**
 * A deliberately wrong class: domain code that uses Kafka. Only ArchitectureRulesTest reads it, to
 * show that ArchitectureTest's rule fails on such an import (the rule itself checks main classes).
 */
final class WrongImportFixture {
  private WrongImportFixture() {}

  static Object serde() {
    return Serdes.String();
  }
}
