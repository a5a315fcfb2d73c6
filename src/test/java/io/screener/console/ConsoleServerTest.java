package io.screener.console;

import static io.screener.console.Cases.flag;
import static io.screener.console.Cases.shadowDiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.Decision;
import io.screener.avro.ReviewVerdict;
import io.screener.avro.VerdictKind;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The web server on a loopback port, with the views and a verdict sink in memory. */
class ConsoleServerTest {
  private final ConsoleState state = new ConsoleState(100, 100);
  private final List<ReviewVerdict> sent = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private ConsoleServer server;

  private void start(Analysts analysts) {
    state.decision(flag("tx-1", 55, "buyer-1", "dealer b", 1));
    server =
        ConsoleServer.start(
            "127.0.0.1",
            0,
            state,
            new VerdictWriter(state, sent::add, Clock.systemUTC()),
            analysts,
            1024);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String form, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String token(String page) {
    Matcher m = Pattern.compile("name=\"token\" value=\"([0-9a-f]+)\"").matcher(page);
    assertTrue(m.find(), page);
    return m.group(1);
  }

  private static String form(String... pairs) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      out.append(i == 0 ? "" : "&")
          .append(pairs[i])
          .append('=')
          .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  @Test
  void shouldServeTheQueueThePaymentAndTheAccountPages() throws Exception {
    start(Analysts.none());

    HttpResponse<String> queue = get("/queue");
    assertEquals(200, queue.statusCode());
    assertTrue(queue.body().contains("Payee is a suspected OTC crypto dealer"), queue.body());
    assertTrue(queue.body().contains("7,234.50 CNY"));
    assertTrue(queue.body().contains("href=\"/accounts/dealer%20b\""), "ids are escaped in links");
    assertTrue(queue.headers().firstValue("Content-Security-Policy").isPresent());
    assertEquals(200, get("/payments/tx-1").statusCode());
    assertEquals(404, get("/payments/tx-none").statusCode());
    HttpResponse<String> account = get("/accounts/dealer%20b");
    assertEquals(200, account.statusCode());
    assertTrue(account.body().contains("Account dealer b"), account.body());
    assertEquals(200, get("/console.css").statusCode());
  }

  @Test
  void shouldServeTheShadowPage() throws Exception {
    start(Analysts.none());
    assertTrue(get("/shadow").body().contains("no shadow set"), "an empty shadow page says so");
    state.shadowDiff(shadowDiff("tx-9", Decision.CLEAR, 30, Decision.FLAG, "v2", 3));

    String page = get("/shadow").body();

    assertTrue(page.contains("class=\"shadow-count\""), page);
    assertTrue(page.contains("data-transaction=\"tx-9\""), page);
    assertTrue(page.contains("href=\"/accounts/payee-tx-9\""), page);
    assertTrue(page.contains("Payee is a suspected OTC crypto dealer"), page);
  }

  @Test
  void shouldEscapeWhatThePaymentSays() throws Exception {
    start(Analysts.none());
    state.decision(flag("<script>x</script>", 50, "p", "<b>d</b>", 2));

    String page = get("/queue").body();
    assertTrue(page.contains("&lt;script&gt;x&lt;/script&gt;"));
    assertTrue(!page.contains("<script>x"), "no markup from the data");
  }

  @Test
  void shouldWriteAVerdictOnceAndAskForTheAnalystsNameWithoutSignIn() throws Exception {
    start(Analysts.none());
    String token = token(get("/queue").body());

    assertEquals(
        400,
        post("/payments/tx-1/verdict", form("token", token, "verdict", "CONFIRMED_CRYPTO"))
            .statusCode(),
        "no name");
    HttpResponse<String> written =
        post(
            "/payments/tx-1/verdict",
            form("token", token, "verdict", "CONFIRMED_CRYPTO", "analyst", "Ana Li", "note", "x"));
    assertEquals(303, written.statusCode());
    assertEquals(
        "/payments/tx-1?written=1", written.headers().firstValue("Location").orElseThrow());
    HttpResponse<String> again =
        post(
            "/payments/tx-1/verdict",
            form("token", token, "verdict", "CONFIRMED_CRYPTO", "analyst", "Ana Li"));
    assertEquals("/payments/tx-1?written=0", again.headers().firstValue("Location").orElseThrow());

    assertEquals(1, sent.size());
    assertEquals("Ana Li", sent.get(0).getAnalyst());
    assertEquals(VerdictKind.CONFIRMED_CRYPTO, sent.get(0).getVerdict());
    String page = get("/payments/tx-1?written=0").body();
    assertTrue(page.contains("not written again"), page);
    assertTrue(page.contains("sent, waiting for the screener"), page);
    assertTrue(page.contains("http-equiv=\"refresh\""), "refreshes until applied");
  }

  @Test
  void shouldRefuseFormsWithoutTheTokenOrFromAnotherOrigin() throws Exception {
    start(Analysts.none());
    String token = token(get("/queue").body());

    assertEquals(
        403,
        post("/payments/tx-1/verdict", form("verdict", "CONFIRMED_CRYPTO", "analyst", "a"))
            .statusCode());
    assertEquals(
        403,
        post(
                "/payments/tx-1/verdict",
                form("token", token, "verdict", "CONFIRMED_CRYPTO", "analyst", "a"),
                "Origin",
                "http://evil.example")
            .statusCode());
    assertEquals(
        400,
        post("/payments/tx-1/verdict", form("token", token, "verdict", "MAYBE", "analyst", "a"))
            .statusCode());
    assertTrue(sent.isEmpty());
  }

  @Test
  void shouldAskForSignInAndRecordTheSignedInAnalyst() throws Exception {
    start(Analysts.parse(List.of("ana:secret"), "users"));
    String ana =
        "Basic "
            + Base64.getEncoder().encodeToString("ana:secret".getBytes(StandardCharsets.UTF_8));
    String wrong =
        "Basic " + Base64.getEncoder().encodeToString("ana:guess".getBytes(StandardCharsets.UTF_8));

    HttpResponse<String> anonymous = get("/queue");
    assertEquals(401, anonymous.statusCode());
    assertTrue(
        anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic "),
        anonymous.headers().toString());
    assertEquals(401, get("/queue", "Authorization", wrong).statusCode());
    assertEquals(401, get("/accounts/x", "Authorization", "Basic !!!").statusCode());
    assertEquals(401, post("/payments/tx-1/verdict", "verdict=FALSE_POSITIVE").statusCode());

    HttpResponse<String> queue = get("/queue", "Authorization", ana);
    assertEquals(200, queue.statusCode());
    assertTrue(queue.body().contains("Signed in as ana"));
    assertTrue(!queue.body().contains("name=\"analyst\""), "no name field when signed in");
    HttpResponse<String> written =
        post(
            "/payments/tx-1/verdict",
            form(
                "token",
                token(queue.body()),
                "verdict",
                "FALSE_POSITIVE",
                "analyst",
                "someone else"),
            "Authorization",
            ana);
    assertEquals(303, written.statusCode());
    assertEquals("ana", sent.get(0).getAnalyst(), "the signed-in name, not a form field");
  }
}
