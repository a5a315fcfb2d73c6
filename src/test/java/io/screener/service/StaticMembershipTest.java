package io.screener.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.config.ScreenerSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * {@code instance.id} as Kafka Streams takes it: each stream thread's main consumer a static member
 * under the id and the thread's index, the restore and global consumers in no group; and what
 * closing does to the membership, staying for a static member and leaving for a dynamic one.
 */
class StaticMembershipTest {

  private static Properties props(Map<String, String> overrides) {
    return StreamsProperties.of(
        ScreenerSettings.load(Path.of("config", "screener.properties"), Map.of(), overrides));
  }

  @Test
  void shouldMakeEachStreamThreadAStaticMemberNamedAfterTheInstance() {
    Properties props = props(Map.of("instance.id", "screener-1"));
    StreamsConfig config = new StreamsConfig(props);

    assertEquals(
        "screener-1-1",
        config
            .getMainConsumerConfigs("payment-screener", "client", 1)
            .get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
    assertEquals(
        "screener-1-2",
        config
            .getMainConsumerConfigs("payment-screener", "client", 2)
            .get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
    assertNull(
        config.getRestoreConsumerConfigs("client").get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
    assertNull(
        config.getGlobalConsumerConfigs("client").get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
    assertTrue(StreamsProperties.staticMember(props));
    assertEquals(GroupMembershipOperation.REMAIN_IN_GROUP, StreamsProperties.onClose(props));
  }

  @Test
  void shouldLeaveTheGroupOnCloseWithoutAnInstanceId() {
    Properties props = props(Map.of());

    assertNull(
        new StreamsConfig(props)
            .getMainConsumerConfigs("payment-screener", "client", 1)
            .get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
    assertFalse(StreamsProperties.staticMember(props));
    assertEquals(GroupMembershipOperation.LEAVE_GROUP, StreamsProperties.onClose(props));
  }

  /**
   * A {@code group.instance.id} passed to the clients as it is makes a static member too: leaving
   * on close would end its membership.
   */
  @Test
  void shouldStayInTheGroupOnCloseWithARawGroupInstanceId() {
    for (String raw :
        new String[] {
          "kafka.group.instance.id",
          "kafka.consumer.group.instance.id",
          "kafka.main.consumer.group.instance.id"
        }) {
      Properties props = props(Map.of(raw, "legacy"));

      assertEquals(
          "legacy-1",
          new StreamsConfig(props)
              .getMainConsumerConfigs("payment-screener", "client", 1)
              .get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
          raw);
      assertEquals(GroupMembershipOperation.REMAIN_IN_GROUP, StreamsProperties.onClose(props), raw);
    }
  }
}
