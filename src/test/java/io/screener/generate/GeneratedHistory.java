package io.screener.generate;

import io.screener.avro.CounterpartyReputation;
import io.screener.avro.CryptoQuote;
import io.screener.avro.MerchantReputation;
import io.screener.avro.PaymentEvent;
import io.screener.serialization.AvroJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A history folder read back from its files, as the replay tool would read it. */
final class GeneratedHistory {
  final List<String> paymentLines;
  final List<PaymentEvent> payments = new ArrayList<>();
  final List<String> labelLines;
  final Map<String, Scenario> scenarioById = new LinkedHashMap<>();
  final Map<String, MerchantReputation> merchants = new TreeMap<>();
  final Map<String, CounterpartyReputation> counterparties = new TreeMap<>();

  /** Epoch millis to price, per pair. */
  final Map<String, TreeMap<Long, Double>> quotes = new TreeMap<>();

  GeneratedHistory(Path dir) throws IOException {
    paymentLines = Files.readAllLines(dir.resolve(HistoryFiles.PAYMENTS), StandardCharsets.UTF_8);
    labelLines = Files.readAllLines(dir.resolve(HistoryFiles.LABELS), StandardCharsets.UTF_8);
    for (String line : paymentLines) {
      payments.add(AvroJson.fromJson(line, PaymentEvent.class));
    }
    for (String line :
        Files.readAllLines(dir.resolve(HistoryFiles.MERCHANTS), StandardCharsets.UTF_8)) {
      MerchantReputation record = AvroJson.fromJson(line, MerchantReputation.class);
      merchants.put(record.getMerchantId(), record);
    }
    for (String line :
        Files.readAllLines(dir.resolve(HistoryFiles.COUNTERPARTIES), StandardCharsets.UTF_8)) {
      CounterpartyReputation record = AvroJson.fromJson(line, CounterpartyReputation.class);
      counterparties.put(record.getAccountId(), record);
    }
    for (String line :
        Files.readAllLines(dir.resolve(HistoryFiles.QUOTES), StandardCharsets.UTF_8)) {
      CryptoQuote quote = AvroJson.fromJson(line, CryptoQuote.class);
      quotes
          .computeIfAbsent(quote.getPair(), pair -> new TreeMap<>())
          .put(quote.getEventTime().toEpochMilli(), quote.getPrice());
    }
  }

  /** The payments of one scenario, in file order. */
  List<PaymentEvent> of(Scenario scenario) {
    return payments.stream()
        .filter(p -> scenarioById.get(p.getTransactionId()) == scenario)
        .collect(Collectors.toList());
  }
}
