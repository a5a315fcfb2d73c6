package io.screener.generate;

import io.screener.avro.PayeeType;
import io.screener.avro.PaymentEvent;
import io.screener.avro.PaymentType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * Runs a world's activities as one discrete-event simulation and yields exactly the requested
 * number of payments in event-time order. Memory stays bounded: the queue holds the next arrival of
 * each activity plus payments already scheduled for the next few minutes (red-packet grabs,
 * dealers' outflows).
 *
 * <p>Transaction ids are handed out as payments leave the queue, so (event time, transaction id)
 * order is emission order.
 */
final class Simulation implements Iterator<LabeledPayment> {

  /** Something scheduled: an activity's next arrival, a payment, or a deferred action. */
  private abstract static class Event implements Comparable<Event> {
    final long time;
    final long order;

    Event(long time, long order) {
      this.time = time;
      this.order = order;
    }

    @Override
    public int compareTo(Event other) {
      int byTime = Long.compare(time, other.time);
      return byTime != 0 ? byTime : Long.compare(order, other.order);
    }
  }

  private static final class Arrival extends Event {
    final Activity activity;

    Arrival(long time, long order, Activity activity) {
      super(time, order);
      this.activity = activity;
    }
  }

  private static final class Payment extends Event {
    final PaymentEvent payment;
    final Scenario scenario;

    Payment(long time, long order, PaymentEvent payment, Scenario scenario) {
      super(time, order);
      this.payment = payment;
      this.scenario = scenario;
    }
  }

  private static final class Deferred extends Event {
    final Action action;

    Deferred(long time, long order, Action action) {
      super(time, order);
      this.action = action;
    }
  }

  /** Work to do at a later event time, such as a dealer moving money on. */
  @FunctionalInterface
  interface Action {
    void run(long time, Simulation sim);
  }

  private final PriorityQueue<Event> queue = new PriorityQueue<>();
  private final QuoteTape quotes;
  private final Ids ids;
  private final long target;
  private long order;
  private long emitted;
  private @Nullable LabeledPayment lookahead;
  private @Nullable LocalDate idDay;

  Simulation(World world) {
    this.target = world.spec.payments();
    this.ids = world.ids;
    this.quotes = new QuoteTape(world.seed, world.quotesFrom, world.coverEnd);
    List<Activity> activities = world.newActivities();
    for (Activity activity : activities) {
      schedule(activity, activity.nextArrival(world.start));
    }
  }

  private void schedule(Activity activity, long time) {
    if (time != RateTable.NEVER) {
      queue.add(new Arrival(time, order++, activity));
    }
  }

  /** Schedules a payment; its time is its event time. */
  void emit(Scenario scenario, PaymentEvent payment) {
    queue.add(new Payment(payment.getEventTime().toEpochMilli(), order++, payment, scenario));
  }

  /** Runs {@code action} at event time {@code time}. */
  void later(long time, Action action) {
    queue.add(new Deferred(time, order++, action));
  }

  /** The USDT/CNY price in force at {@code time} (the last quote at or before it). */
  double usdtAt(long time) {
    return quotes.usdtAt(time);
  }

  @Override
  public boolean hasNext() {
    if (lookahead == null && emitted < target) {
      lookahead = advance();
    }
    return lookahead != null;
  }

  @Override
  public LabeledPayment next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    LabeledPayment next = Objects.requireNonNull(lookahead, "the payment hasNext looked ahead to");
    lookahead = null;
    return next;
  }

  private LabeledPayment advance() {
    while (true) {
      Event event = queue.poll();
      if (event == null) {
        throw new IllegalStateException(
            "the activities ran out after " + emitted + " of " + target + " payments");
      }
      if (event instanceof Arrival arrival) {
        arrival.activity.arrive(arrival.time, this);
        schedule(arrival.activity, arrival.activity.nextArrival(arrival.time));
      } else if (event instanceof Deferred deferred) {
        deferred.action.run(event.time, this);
      } else {
        Payment payment = (Payment) event;
        emitted++;
        payment.payment.setTransactionId(transactionId(payment.time));
        return new LabeledPayment(payment.payment, payment.scenario);
      }
    }
  }

  private String transactionId(long time) {
    if (idDay == null || time >= ShanghaiCalendar.midnight(idDay.plusDays(1))) {
      idDay = ShanghaiCalendar.date(time);
    }
    return ids.transaction(idDay, emitted);
  }

  /** A payment to a merchant account. */
  static PaymentEvent toMerchant(
      long time,
      PaymentType type,
      String payerId,
      Merchant merchant,
      long amountFen,
      String channel,
      @Nullable String memo,
      @Nullable String deviceId) {
    return new PaymentEvent(
        null,
        Instant.ofEpochMilli(time),
        type,
        payerId,
        merchant.id(),
        PayeeType.MERCHANT,
        amountFen,
        "CNY",
        merchant.name(),
        merchant.mcc(),
        memo,
        channel,
        deviceId);
  }

  /** A payment from one person to another (a transfer, a red packet, a withdrawal to a card). */
  static PaymentEvent toPerson(
      long time,
      PaymentType type,
      String payerId,
      String payeeId,
      long amountFen,
      String channel,
      @Nullable String memo,
      @Nullable String deviceId) {
    return new PaymentEvent(
        null,
        Instant.ofEpochMilli(time),
        type,
        payerId,
        payeeId,
        PayeeType.PERSONAL,
        amountFen,
        "CNY",
        null,
        null,
        memo,
        channel,
        deviceId);
  }
}
