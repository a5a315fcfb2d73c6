package io.screener.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.config.ConfigException;
import io.screener.config.ConsoleSettings;
import io.screener.config.ScreenerSettings;
import io.screener.domain.ReasonCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalystsTest {
  @TempDir Path dir;

  @Test
  void shouldSignInListedAnalystsByPlainOrHashedPassword() {
    Analysts analysts =
        Analysts.parse(
            List.of(
                "# the review team",
                "",
                "ana:correct horse",
                "bo:" + Analysts.hashed("battery staple")),
            "users");

    assertTrue(analysts.required());
    assertEquals("ana", analysts.signIn("ana", "correct horse"));
    assertEquals("bo", analysts.signIn("bo", "battery staple"));
    assertNull(analysts.signIn("ana", "battery staple"));
    assertNull(analysts.signIn("eve", "correct horse"));
    assertNull(analysts.signIn(null, "correct horse"));
    assertNull(analysts.signIn("ana", null));
    assertFalse(Analysts.none().required());
  }

  @Test
  void shouldRefuseABadUsersFileNamingTheSettingAndLine() {
    assertEquals(
        "config key 'console.users-file': users line 2: expected name:password",
        assertThrows(ConfigException.class, () -> Analysts.parse(List.of("# x", "ana"), "users"))
            .getMessage());
    assertTrue(
        assertThrows(
                ConfigException.class, () -> Analysts.parse(List.of("ana:a", "ana:b"), "users"))
            .getMessage()
            .contains("ana is listed twice"));
    assertTrue(
        assertThrows(ConfigException.class, () -> Analysts.parse(List.of("ana:"), "users"))
            .getMessage()
            .contains("no password"));
    assertTrue(
        assertThrows(ConfigException.class, () -> Analysts.parse(List.of("# none"), "users"))
            .getMessage()
            .contains("names no analyst"));
    assertThrows(ConfigException.class, () -> Analysts.parse(List.of("ana:sha256:12"), "u"));
    assertThrows(ConfigException.class, () -> Analysts.parse(List.of("a b:x"), "u"));
  }

  @Test
  void shouldServeOnlyLoopbackWithoutSignIn() throws Exception {
    assertEquals("127.0.0.1", settings(Map.of()).console().host());
    assertEquals(8080, settings(Map.of()).console().port());

    for (String open : List.of("0.0.0.0:8080", "[::]:8080", "10.1.2.3:80", "console.example:80")) {
      ConfigException e =
          assertThrows(
              ConfigException.class, () -> settings(Map.of("console.address", open)), open);
      assertTrue(e.getMessage().startsWith("config key 'console.address': "), e.getMessage());
      assertTrue(e.getMessage().contains("console.users-file"), e.getMessage());
    }
    assertEquals(
        "::1", settings(Map.of("console.address", "[::1]:0")).console().host(), "loopback v6");
    assertEquals("localhost", settings(Map.of("console.address", "localhost:9")).console().host());

    Path users = dir.resolve("analysts");
    Files.writeString(users, "ana:secret\n");
    ScreenerSettings open =
        settings(Map.of("console.address", "0.0.0.0:8443", "console.users-file", users.toString()));
    assertEquals("0.0.0.0", open.console().host());
    assertEquals("ana", Analysts.of(open.console()).signIn("ana", "secret"));

    assertThrows(ConfigException.class, () -> settings(Map.of("console.address", "127.0.0.1")));
    assertThrows(
        ConfigException.class, () -> settings(Map.of("console.address", "127.0.0.1:99999")));
    assertThrows(ConfigException.class, () -> settings(Map.of("console.queue-size", "1")));
  }

  @Test
  void shouldTellLoopbackHostsWithoutLookingNamesUp() {
    assertTrue(ConsoleSettings.loopback("127.0.0.1"));
    assertTrue(ConsoleSettings.loopback("127.0.0.2"));
    assertTrue(ConsoleSettings.loopback("::1"));
    assertTrue(ConsoleSettings.loopback("localhost"));
    assertFalse(ConsoleSettings.loopback("0.0.0.0"));
    assertFalse(ConsoleSettings.loopback("::"));
    assertFalse(ConsoleSettings.loopback("cafe"));
    assertFalse(ConsoleSettings.loopback("192.168.1.1"));
  }

  @Test
  void shouldHaveWordsForEveryReason() {
    for (ReasonCode code : ReasonCode.values()) {
      assertTrue(ReasonWords.covers(code), code.name());
    }
    assertEquals("some new code", ReasonWords.of("SOME_NEW_CODE"));
  }

  private static ScreenerSettings settings(Map<String, String> overrides) {
    return ScreenerSettings.load(Path.of("config", "screener.properties"), Map.of(), overrides);
  }
}
