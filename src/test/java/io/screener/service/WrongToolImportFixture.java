package io.screener.service;

import io.screener.broker.FreePorts;

/**
 * A deliberately wrong class: service code that uses the embedded broker's package, which the
 * service jar leaves out. Only ArchitectureRulesTest reads it.
 */
final class WrongToolImportFixture {
  private WrongToolImportFixture() {}

  static int port() {
    return FreePorts.onLoopback();
  }
}
