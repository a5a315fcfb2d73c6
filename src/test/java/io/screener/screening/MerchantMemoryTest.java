package io.screener.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.screener.avro.PayeeType;
import io.screener.avro.PaymentEvent;
import io.screener.domain.BehaviourFeatures;
import io.screener.domain.Decision;
import io.screener.domain.ReasonCode;
import io.screener.domain.Scorer;
import io.screener.domain.Screening;
import io.screener.domain.ScreeningInput;
import io.screener.domain.behaviour.AccountActivity;
import io.screener.fixtures.Payments;
import io.screener.fixtures.TestRules;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The behaviour step and the scorer together, as the topology and the replay run them: a merchant's
 * record remembers a payment whose code and descriptor were flag-worthy, and the merchant's later
 * payments that say less are weighed with it.
 */
class MerchantMemoryTest {
  private static final long HOUR = 3_600_000L;

  private final Map<String, AccountActivity> accounts = new HashMap<>();
  private int writes;
  private final Scorer scorer = Scorer.standard(TestRules.shipped());
  private final Behaviour behaviour =
      new Behaviour(
          new BehaviourState() {
            @Override
            public @Nullable AccountActivity account(String accountId) {
              return accounts.get(accountId);
            }

            @Override
            public void putAccount(String accountId, AccountActivity activity) {
              writes++;
              accounts.put(accountId, activity);
            }

            @Override
            public boolean spilled(String accountId, long legKey, long cutoff) {
              return false;
            }

            @Override
            public void spill(String accountId, long legKey, long time) {}

            @Override
            public void deleteOlderThan(long idleCutoff, long dedupCutoff) {}
          },
          TestRules::shipped,
          Duration.ofDays(7),
          Duration.ofDays(1),
          ScreeningEvents.NONE);

  /** Screens a payment as the live topology and the replay do, and returns the verdict. */
  private Screening screen(Payments payment, long time) {
    PaymentEvent event = payment.at(java.time.Instant.ofEpochMilli(time)).build();
    BehaviourFeatures features = behaviour.received(event, time, time, null);
    assertNotNull(features);
    Screening screening =
        scorer.score(
            new ScreeningInput(AvroMapping.payment(event), null, null, null, null, null, features));
    behaviour.decided(event, time, screening);
    return screening;
  }

  @Test
  void shouldRememberAMerchantsCryptoCodeAndDescriptorForItsOtherTerminals() {
    long t0 = Payments.T0.toEpochMilli();

    Screening first =
        screen(Payments.toMerchant("m-1", "Nexora*BUY CRYPTO", "6051").id("tx-1"), t0);
    int writesAfterFirst = writes;
    Screening bare = screen(Payments.toMerchant("m-1", "NEXORA LTD", "7372").id("tx-2"), t0 + HOUR);

    assertEquals(Decision.FLAG, first.decision());
    assertEquals(85, first.merchantEvidencePoints());
    assertEquals(85, accounts.get("m-1").merchantEvidencePoints());
    assertEquals(t0, accounts.get("m-1").merchantEvidenceAt());
    assertEquals(2, writesAfterFirst, "the payment's own write, then the evidence remembered");
    assertEquals(Decision.FLAG, bare.decision());
    assertEquals(ReasonCode.MERCHANT_CRYPTO_HISTORY, bare.reasons().get(0).code());
    assertEquals(3, writes, "a payment that adds no evidence costs no second write");
  }

  @Test
  void shouldRememberNothingForPeopleOrForEvidenceBelowTheFlagThreshold() {
    long t0 = Payments.T0.toEpochMilli();

    // A person paid with crypto words in the memo: not evidence about a merchant.
    screen(
        Payments.transfer("p-1", "p-2", 718_000).memo("USDT").payee("p-2", PayeeType.PERSONAL), t0);
    // A travel-money counter: 6051, but its name explains the code (10 points).
    screen(Payments.toMerchant("m-2", "Airport Foreign Exchange", "6051"), t0);
    Screening later = screen(Payments.toMerchant("m-2", "AIRPORT FX LTD", "7372"), t0 + HOUR);

    assertEquals(0, accounts.get("p-2").merchantEvidencePoints());
    assertEquals(0, accounts.get("m-2").merchantEvidencePoints());
    assertEquals(Decision.CLEAR, later.decision());
  }
}
