package io.screener.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.CounterpartyReputation;
import io.screener.avro.CryptoQuote;
import io.screener.avro.MerchantReputation;
import io.screener.cli.ScreenerCommand;
import io.screener.serialization.AvroJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The library API the demo streams from, and the command line around it. */
class HistoryGeneratorTest {

  @Test
  void shouldReplayTheSamePaymentsOnEveryCall() {
    HistoryGenerator history = new HistoryGenerator(HistorySpec.of(5_000, 7));

    Iterator<LabeledPayment> first = history.payments();
    Iterator<LabeledPayment> second = history.payments();
    int count = 0;
    while (first.hasNext()) {
      LabeledPayment a = first.next();
      LabeledPayment b = second.next();
      assertEquals(AvroJson.toJson(a.payment()), AvroJson.toJson(b.payment()));
      assertEquals(a.scenario(), b.scenario());
      count++;
    }
    assertEquals(5_000, count);
    assertFalse(second.hasNext());
  }

  @Test
  void shouldFeedReputationThenQuotesThenPaymentsToASink() throws Exception {
    HistoryGenerator history = new HistoryGenerator(HistorySpec.of(2_000, 3));
    List<String> kinds = new ArrayList<>();
    history.generate(
        new HistorySink() {
          @Override
          public void merchant(MerchantReputation record) {
            add("merchant");
          }

          @Override
          public void counterparty(CounterpartyReputation record) {
            add("counterparty");
          }

          @Override
          public void quote(CryptoQuote record) {
            add("quote");
          }

          @Override
          public void payment(LabeledPayment payment) {
            add("payment");
          }

          private void add(String kind) {
            if (kinds.isEmpty() || !kinds.get(kinds.size() - 1).equals(kind)) {
              kinds.add(kind);
            }
          }
        });

    assertEquals(List.of("merchant", "counterparty", "quote", "payment"), kinds);
  }

  @Test
  void shouldSpreadSmallHistoriesOverFewerDays() {
    assertEquals(Duration.ofDays(1), HistorySpec.of(1_000, 1).span());
    assertEquals(Duration.ofDays(4), HistorySpec.of(20_000, 1).span());
    assertEquals(Duration.ofDays(30), HistorySpec.of(1_000_000, 1).span());
  }

  @Test
  void shouldRejectHistoriesTooSmallForEveryScenario() {
    assertThrows(IllegalArgumentException.class, () -> HistorySpec.of(999, 1));
  }

  @Test
  void shouldWriteTheFilesAndASummaryFromTheCommandLine(@TempDir Path dir) throws Exception {
    CommandLine cli = ScreenerCommand.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));

    int exit =
        cli.execute("generate", "--out", dir.toString(), "--payments", "1000", "--seed", "5");

    assertEquals(0, exit);
    assertTrue(out.toString().contains("1000 payments"), out.toString());
    assertTrue(out.toString().contains("otc-unlisted-dealer="), out.toString());
    assertEquals(1000, Files.readAllLines(dir.resolve(HistoryFiles.PAYMENTS)).size());
    assertEquals(1000, Files.readAllLines(dir.resolve(HistoryFiles.LABELS)).size());
  }

  @Test
  void shouldRefuseTooFewPaymentsOnTheCommandLine(@TempDir Path dir) {
    CommandLine cli = ScreenerCommand.commandLine();
    cli.setErr(new PrintWriter(new StringWriter()));

    assertEquals(2, cli.execute("generate", "--out", dir.toString(), "--payments", "10"));
  }
}
