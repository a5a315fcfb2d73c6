package io.screener.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.CounterpartyCategory;
import io.screener.avro.CounterpartyReputation;
import io.screener.avro.PaymentEvent;
import io.screener.avro.ReviewVerdict;
import io.screener.avro.VerdictKind;
import io.screener.broker.EmbeddedKafkaBroker;
import io.screener.config.RulesDocument;
import io.screener.config.ScreenerSettings;
import io.screener.config.ScreenerSettings.TopicNames;
import io.screener.fixtures.Cli;
import io.screener.fixtures.KafkaFixtures;
import io.screener.fixtures.Payments;
import io.screener.fixtures.RulesDocuments;
import io.screener.screening.ScreeningEvents;
import io.screener.serialization.AvroSerde;
import io.screener.service.ScreenerService;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser against a real broker and screener: Debian's headless Chromium,
 * driven through chromedriver, signs in as an analyst, finds a flagged payment in the queue,
 * confirms it, and sees on the payee's account page the strike the verdict added and the warning it
 * brought; then marks it a false positive and sees the strike withdrawn. The browser packages are
 * installed by src/test/browser/install-chromium.sh when missing.
 */
class ConsoleBrowserIntegrationTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @BeforeAll
  static void installBrowser() throws Exception {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      return;
    }
    Process install =
        new ProcessBuilder("bash", "src/test/browser/install-chromium.sh").inheritIO().start();
    assertTrue(install.waitFor(15, TimeUnit.MINUTES), "installing chromium took too long");
    assertEquals(
        0,
        install.exitValue(),
        "src/test/browser/install-chromium.sh could not install chromium and chromium-driver");
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void shouldConfirmAFlaggedPaymentFromTheQueueAndSeeTheAccountStruck() throws Exception {
    Path users = dir.resolve("analysts");
    Files.writeString(users, "ana:" + Analysts.hashed("s3cret-pass") + "\n");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().partitions(2).start()) {
      ScreenerSettings settings =
          KafkaFixtures.settings(
              broker,
              dir.resolve("state"),
              Map.of("console.address", "127.0.0.1:0", "console.users-file", users.toString()));
      TopicNames topics = settings.topics();
      KafkaFixtures.createTopics(broker, topics, 2);
      Instant now = Instant.now().minusSeconds(60);
      try (KafkaProducer<byte[], byte[]> producer = KafkaFixtures.producer(broker);
          ScreenerService screener = new ScreenerService(settings, ScreeningEvents.NONE)) {
        KafkaFixtures.send(
            producer,
            topics.counterpartyReputation(),
            "dealer-7",
            new CounterpartyReputation(
                "dealer-7", CounterpartyCategory.SUSPECTED_OTC_DEALER, 60, 2, now),
            AvroSerde.of(CounterpartyReputation.class));
        producer.flush();
        screener.start();
        KafkaFixtures.waitForRunning(screener.streams());
        PaymentEvent flagged =
            Payments.transfer("buyer-3", "dealer-7", 718_000).id("pay-7").at(now).build();
        KafkaFixtures.sendPayment(producer, topics.payments(), flagged);
        KafkaFixtures.sendPayment(
            producer, topics.payments(), Payments.grocery().id("pay-grocery").at(now).build());
        producer.flush();

        try (Console console = Console.start(settings)) {
          assertTrue(console.feed().awaitCaughtUp(WAIT), "the console read the topics");
          String base = console.url();
          WebDriver browser = chromium();
          try {
            drive(browser, base);
            // Shadow rules that flag from 30: a grocery payment with a crypto word in its memo
            // (35 points) is cleared by the live rules and would be flagged by the shadow.
            Path candidate =
                RulesDocuments.write(
                    dir.resolve("candidate"), "threshold.flag=40", "threshold.flag=30");
            Cli shadow =
                Cli.run(
                    "publish-rules",
                    "--set",
                    "bootstrap.servers=" + broker.bootstrapServers(),
                    "--shadow",
                    candidate.toString());
            assertEquals(0, shadow.exit(), shadow.err());
            String shadowVersion = RulesDocument.read(candidate).version();
            // The screener takes the shadow from its global thread: send until one is diffed.
            seeShadowMove(browser, base, producer, topics, shadowVersion, now);
          } finally {
            browser.quit();
          }
        }

        // The confirmation and the correction, each written once, by the signed-in analyst.
        List<ConsumerRecord<byte[], byte[]>> written =
            KafkaFixtures.readCommitted(
                broker, List.of(topics.reviewVerdicts()), r -> r.size() >= 2, WAIT);
        List<ReviewVerdict> verdicts =
            written.stream()
                .map(
                    r ->
                        AvroSerde.of(ReviewVerdict.class)
                            .deserializer()
                            .deserialize(r.topic(), r.value()))
                .toList();
        assertEquals(
            List.of(VerdictKind.CONFIRMED_CRYPTO, VerdictKind.FALSE_POSITIVE),
            verdicts.stream().map(ReviewVerdict::getVerdict).toList(),
            verdicts::toString);
        assertEquals("ana", verdicts.get(0).getAnalyst());
        assertEquals("seen the chat: a USDT sale", verdicts.get(0).getNote());
        assertEquals(
            "pay-7",
            written.get(0).key() == null
                ? null
                : new String(written.get(0).key(), StandardCharsets.UTF_8));
      }
    }
  }

  private void drive(WebDriver browser, String base) throws Exception {
    String signedIn = base.replace("http://", "http://ana:s3cret-pass@");
    // The queue, until the flagged payment is in it; the cleared one never is.
    browser.get(signedIn + "queue");
    WebElement card =
        until(
            browser,
            b -> {
              List<WebElement> found = b.findElements(By.id("case-pay-7"));
              if (found.isEmpty()) {
                b.navigate().refresh();
                return null;
              }
              return found.get(0);
            });
    assertTrue(browser.findElements(By.id("case-pay-grocery")).isEmpty());
    assertTrue(card.getText().contains("Payee is a suspected OTC crypto dealer"), card.getText());
    assertTrue(card.getText().contains("7,180.00 CNY"), card.getText());
    assertTrue(browser.getPageSource().contains("Signed in as ana"));
    screenshot(browser, "console-queue.png");

    // Confirm it, with a note; the payment's page says it was written, then applied.
    card.findElement(By.name("note")).sendKeys("seen the chat: a USDT sale");
    card.findElement(By.cssSelector("button.confirm")).click();
    assertTrue(notice(browser).contains("Verdict written"), browser.getPageSource());
    waitForVerdict(browser, "APPLIED");

    // The payee's page shows the strike the confirmation added and the warning it brought.
    browser
        .findElement(By.id("case-pay-7"))
        .findElement(By.cssSelector("a[href='/accounts/dealer-7']"))
        .click();
    until(browser, b -> reloadUntil(b, "WARNED"));
    assertEquals("1", browser.findElement(By.id("points")).getText());
    assertEquals(
        1,
        browser
            .findElements(By.cssSelector("#strikes tr.strike[data-transaction='pay-7']"))
            .size());
    assertTrue(
        browser.findElement(By.id("history")).getText().contains("CONFIRMED_VERDICT"),
        browser.findElement(By.id("history")).getText());
    assertTrue(!"-".equals(browser.findElement(By.id("deadline")).getText()));
    screenshot(browser, "console-account.png");

    // Sending the same verdict again writes nothing.
    browser.get(base + "payments/pay-7");
    browser.findElement(By.id("case-pay-7")).findElement(By.cssSelector("button.confirm")).click();
    String again = notice(browser);
    assertTrue(again.contains("not written again"), again);

    // Correct it: a false positive withdraws the strike and the account is ACTIVE again.
    browser.findElement(By.id("case-pay-7")).findElement(By.cssSelector("button.clear")).click();
    waitForVerdict(browser, "APPLIED");
    browser.get(base + "accounts/dealer-7");
    until(browser, b -> reloadUntil(b, "ACTIVE"));
    assertEquals("0", browser.findElement(By.id("points")).getText());
    assertTrue(browser.findElements(By.cssSelector("#strikes tr.strike")).isEmpty());
    assertTrue(
        browser.findElement(By.id("history")).getText().contains("FALSE_POSITIVE_VERDICT"),
        browser.findElement(By.id("history")).getText());
  }

  /**
   * Sends memo payments that the shadow flags and the live rules clear (each from a payer and a
   * device of its own, so that no behaviour signal adds to the memo's points) until the shadow page
   * lists one, with its count under the shadow's version.
   */
  private void seeShadowMove(
      WebDriver browser,
      String base,
      KafkaProducer<byte[], byte[]> producer,
      TopicNames topics,
      String shadowVersion,
      Instant at)
      throws Exception {
    browser.get(base + "shadow");
    int[] sent = {0};
    WebElement move =
        until(
            browser,
            b -> {
              List<WebElement> found = b.findElements(By.cssSelector("tr.shadow-move"));
              if (!found.isEmpty()) {
                return found.get(0);
              }
              PaymentEvent moved =
                  Payments.grocery()
                      .memo("USDT")
                      .payer("shopper-" + sent[0])
                      .device("shopper-phone-" + sent[0])
                      .id("pay-memo-" + sent[0]++)
                      .at(at.plusMillis(sent[0]))
                      .build();
              KafkaFixtures.sendPayment(producer, topics.payments(), moved);
              producer.flush();
              b.navigate().refresh();
              return null;
            });
    assertTrue(move.getText().contains("CLEAR"), move.getText());
    assertTrue(move.getText().contains("FLAG"), move.getText());
    WebElement count = browser.findElement(By.cssSelector("#shadow-counts tr.shadow-count"));
    assertTrue(count.getText().contains(shadowVersion), count.getText());
    screenshot(browser, "console-shadow.png");
  }

  /**
   * The notice of the page the verdict form led to, once that page has loaded (a click on a form's
   * button may return before the browser has the next page).
   */
  private static String notice(WebDriver browser) {
    return until(browser, b -> b.findElement(By.id("notice"))).getText();
  }

  private static Boolean reloadUntil(WebDriver b, String status) {
    if (b.findElement(By.id("status")).getText().equals(status)) {
      return true;
    }
    b.navigate().refresh();
    return null;
  }

  private static void waitForVerdict(WebDriver browser, String state) {
    // The payment's page refreshes itself while the verdict is on its way.
    until(
        browser,
        b -> {
          String shown =
              b.findElement(By.id("case-pay-7"))
                  .findElement(By.className("verdict-state"))
                  .getDomAttribute("data-state");
          return state.equals(shown) ? true : null;
        });
  }

  private static <T> T until(WebDriver browser, Function<WebDriver, T> condition) {
    return new WebDriverWait(browser, WAIT, Duration.ofMillis(500))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .ignoring(org.openqa.selenium.NoSuchElementException.class)
        .until(condition);
  }

  private static void screenshot(WebDriver browser, String name) throws Exception {
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", name), png);
  }

  /** Headless Chromium with nothing that reaches outside this machine, in a fresh profile. */
  private WebDriver chromium() throws Exception {
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
        "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
    return new ChromeDriver(service, options);
  }
}
