package io.screener.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.security.BasicAuthCredentials;
import io.screener.avro.VerdictKind;
import io.screener.console.Pages.Frame;
import io.screener.console.Pages.QueueEntry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's web server (Javalin on Jetty): pages rendered from the precompiled templates in
 * {@code src/main/jte}, the verdict form, and the sign-in. Every page and form needs a signed-in
 * analyst when {@link Analysts#required()}. Forms carry a token only this server's pages hold, so
 * another site cannot post a verdict through an analyst's browser; the pages load nothing from
 * elsewhere (no CDN, no script) and forbid framing.
 */
public final class ConsoleServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
  private static final String ANALYST = "screener.analyst";
  private static final Pattern ANALYST_NAME = Pattern.compile("[\\p{L}\\p{N} ._@'-]{1,64}");
  private static final String CSP =
      "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
          + " frame-ancestors 'none'; base-uri 'none'";

  private final ConsoleState state;
  private final VerdictWriter writer;
  private final Analysts analysts;
  private final int maxNoteChars;
  private final String token;
  private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
  private final byte[] css;
  private final Javalin app;

  private ConsoleServer(
      String host,
      int port,
      ConsoleState state,
      VerdictWriter writer,
      Analysts analysts,
      int maxNoteChars) {
    this.state = state;
    this.writer = writer;
    this.analysts = analysts;
    this.maxNoteChars = maxNoteChars;
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    this.token = HexFormat.of().formatHex(random);
    this.css = resource("console.css");
    this.app =
        Javalin.create(
            config -> {
              config.jetty.host = host;
              config.jetty.port = port;
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.http.maxRequestSize = 64 * 1024;
              config.routes.beforeMatched(this::signIn);
              config.routes.get("/", ctx -> ctx.redirect("/queue", HttpStatus.SEE_OTHER));
              config.routes.get("/queue", this::queue);
              config.routes.get("/payments/{id}", this::payment);
              config.routes.post("/payments/{id}/verdict", this::verdict);
              config.routes.get("/accounts", this::findAccount);
              config.routes.get("/accounts/{id}", this::account);
              config.routes.get("/shadow", this::shadow);
              config.routes.get("/console.css", this::stylesheet);
            });
  }

  /** Starts serving; {@code port} 0 picks a free one ({@link #port()}). */
  public static ConsoleServer start(
      String host,
      int port,
      ConsoleState state,
      VerdictWriter writer,
      Analysts analysts,
      int maxNoteChars) {
    ConsoleServer server = new ConsoleServer(host, port, state, writer, analysts, maxNoteChars);
    server.app.start();
    return server;
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }

  // ---- sign-in and headers -----------------------------------------------------------------

  private void signIn(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-store");
    if (!analysts.required()) {
      return;
    }
    String analyst = null;
    try {
      BasicAuthCredentials credentials = ctx.basicAuthCredentials();
      if (credentials != null) {
        analyst = analysts.signIn(credentials.getUsername(), credentials.getPassword());
      }
    } catch (IllegalArgumentException malformed) {
      analyst = null;
    }
    if (analyst == null) {
      ctx.header("WWW-Authenticate", "Basic realm=\"screener console\", charset=\"UTF-8\"");
      throw new UnauthorizedResponse("sign in as an analyst listed in console.users-file");
    }
    ctx.attribute(ANALYST, analyst);
  }

  private Frame frame(Context ctx) {
    String analyst = ctx.attribute(ANALYST);
    return new Frame(analyst, token, state.readStatus());
  }

  // ---- pages ---------------------------------------------------------------------------------

  private void queue(Context ctx) {
    QueueQuery query =
        QueueQuery.of(
            ctx.queryParam("decision"),
            ctx.queryParam("category"),
            ctx.queryParam("reason"),
            ctx.queryParam("order"),
            ctx.queryParam("open"));
    render(ctx, "queue.jte", state.queue(query, frame(ctx)));
  }

  private void payment(Context ctx) {
    String id = ctx.pathParam("id");
    QueueEntry entry = state.payment(id);
    if (entry == null) {
      throw new NotFoundResponse("payment " + id + " is not among the flagged or blocked ones");
    }
    String notice =
        switch (Objects.requireNonNullElse(ctx.queryParam("written"), "")) {
          case "1" -> "Verdict written to the review topic.";
          case "0" -> "That verdict stood already: not written again.";
          default -> null;
        };
    render(ctx, "payment.jte", new PaymentView(entry, frame(ctx), notice));
  }

  /** The payment page's model: the entry, and what the last form post came to. */
  public record PaymentView(QueueEntry entry, Frame frame, @Nullable String notice) {}

  private void findAccount(Context ctx) {
    String id = Objects.requireNonNullElse(ctx.queryParam("id"), "").strip();
    if (id.isEmpty()) {
      ctx.redirect("/queue", HttpStatus.SEE_OTHER);
      return;
    }
    ctx.redirect(Links.account(id), HttpStatus.SEE_OTHER);
  }

  private void account(Context ctx) {
    render(ctx, "account.jte", state.account(ctx.pathParam("id"), frame(ctx)));
  }

  private void shadow(Context ctx) {
    render(ctx, "shadow.jte", state.shadow(frame(ctx)));
  }

  private void stylesheet(Context ctx) {
    ctx.header("Cache-Control", "max-age=300");
    ctx.contentType("text/css; charset=utf-8").result(css);
  }

  // ---- the verdict form ----------------------------------------------------------------------

  private void verdict(Context ctx) {
    sameOrigin(ctx);
    String given = Objects.requireNonNullElse(ctx.formParam("token"), "");
    if (!MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
      throw new ForbiddenResponse("the form is stale or from elsewhere: reload the page");
    }
    String id = ctx.pathParam("id");
    VerdictKind kind;
    try {
      kind =
          VerdictKind.valueOf(
              Objects.requireNonNullElse(ctx.formParam("verdict"), "").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequestResponse("verdict must be CONFIRMED_CRYPTO or FALSE_POSITIVE");
    }
    String analyst = ctx.attribute(ANALYST);
    if (analyst == null) {
      analyst = Objects.requireNonNullElse(ctx.formParam("analyst"), "").strip();
      if (!ANALYST_NAME.matcher(analyst).matches()) {
        throw new BadRequestResponse("your name, 1 to 64 letters, digits or spaces, is required");
      }
    }
    String note = ctx.formParam("note");
    if (note != null && note.length() > maxNoteChars) {
      throw new BadRequestResponse("the note is longer than " + maxNoteChars + " characters");
    }
    VerdictWriter.Outcome outcome;
    try {
      outcome = writer.write(id, kind, analyst, note);
    } catch (VerdictWriter.NotWritten e) {
      LOG.warn("verdict on a payment not written: {}", e.getMessage());
      ctx.status(HttpStatus.SERVICE_UNAVAILABLE);
      render(
          ctx,
          "problem.jte",
          new ProblemView(Objects.requireNonNullElse(e.getMessage(), "?"), frame(ctx)));
      return;
    }
    LOG.info(
        "{} verdict {} by {}",
        outcome.written() ? "wrote" : "kept the standing",
        kind,
        analyst.replaceAll("[^A-Za-z0-9._@ -]", "?"));
    ctx.redirect(
        Links.payment(id) + "?written=" + (outcome.written() ? "1" : "0"), HttpStatus.SEE_OTHER);
  }

  /** A page that says what went wrong. */
  public record ProblemView(String message, Frame frame) {}

  /** A form post must come from this server's pages, when the browser says where from. */
  private static void sameOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    String host = ctx.header("Host");
    if (origin == null || origin.equals("null") || host == null) {
      return;
    }
    String authority;
    try {
      authority = URI.create(origin).getRawAuthority();
    } catch (IllegalArgumentException e) {
      throw new ForbiddenResponse("bad Origin header");
    }
    if (!host.equalsIgnoreCase(authority)) {
      throw new ForbiddenResponse("a verdict can only be posted from the console's own pages");
    }
  }

  // ---- rendering -----------------------------------------------------------------------------

  private void render(Context ctx, String template, Object model) {
    StringOutput out = new StringOutput();
    templates.render(template, model, out);
    ctx.html(out.toString());
  }

  private static byte[] resource(String name) {
    try (InputStream in = ConsoleServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + name, e);
    }
  }

  /** Links between the pages, with ids made safe for a path segment. */
  public static final class Links {
    private Links() {}

    public static String account(String id) {
      return "/accounts/" + segment(id);
    }

    public static String payment(String id) {
      return "/payments/" + segment(id);
    }

    public static String verdict(String id) {
      return payment(id) + "/verdict";
    }

    /** The queue of the payments with this reason. */
    public static String reason(String code) {
      return "/queue?reason=" + query(code);
    }

    /** The queue of the payments in this category. */
    public static String category(String category) {
      return "/queue?category=" + query(category);
    }

    private static String segment(String id) {
      return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(String value) {
      return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
  }
}
