package io.screener.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/** Where an account's behaviour state lives, and when a payment leg may stay in its task. */
class AccountPartitionerTest {
  @Test
  void placesAnAccountWhereKafkasDefaultPartitionerPlacesARecordKeyedByIt() {
    Random random = new Random(5);
    AccountPartitioner byAccount = new AccountPartitioner();
    for (int i = 0; i < 10_000; i++) {
      String account =
          (random.nextBoolean() ? "wxid_" : "mch_") + Long.toHexString(random.nextLong()) + "数";
      int count = 1 + random.nextInt(64);
      int expected =
          BuiltInPartitioner.partitionForKey(account.getBytes(StandardCharsets.UTF_8), count);
      assertEquals(
          Optional.of(Set.of(expected)), byAccount.partitions("t", account, null, count), account);
    }
  }

  @Test
  void keepsALegInItsTaskOnlyOnItsAccountsPartitionOnceTheCountIsKnown() {
    AccountPartitioner byAccount = new AccountPartitioner();
    String account = "wxid_0001";
    int home = AccountPartitioner.partitionOf(account, 6);
    for (int p = 0; p < 6; p++) {
      assertFalse(byAccount.ownedBy(p, account), "nothing is known before the first send");
    }
    byAccount.partitions("t", "other", null, 6);
    for (int p = -1; p < 8; p++) {
      assertEquals(p == home, byAccount.ownedBy(p, account), "input partition " + p);
    }
  }
}
