package io.screener.domain;

/**
 * What the payee's recent history says, measured in event time up to and including the payment
 * being scored.
 *
 * @param windowMillis length of the sliding period the inflow figures cover
 * @param distinctPayers distinct payers to this payee within the period, this one included
 * @param inflowCount payments to this payee within the period, this one included
 * @param inflowMinor money received within the period, this payment included
 * @param sameAmountPayers other distinct payers who paid this payee exactly this amount in the
 *     period
 * @param devicePayers distinct payers who paid this payee from this payment's device in the period
 * @param firstPayment whether this is the first payment from this payer to this payee on record;
 *     known for payees who are people (false for merchants, who keep no payer list)
 * @param quickTurnovers times the payee moved money on soon after receiving it, within the period
 * @param lastTurnoverMillis lag of the payee's last quick turnover (from an inflow to the outflow
 *     that followed it), or -1 when none is on record
 * @param lot this payment read as a USDT lot ({@link LotPrice}), or {@link LotPrice#NONE}
 * @param dealerPricePayers other distinct payers who paid this payee USDT lots at one price in the
 *     period: at this payment's price when any did, else at the price most of them share
 * @param dealerLot one of the lots at that shared price, or {@link LotPrice#NONE} when there is
 *     none
 * @param merchantEvidencePoints for a merchant payee: the points of evidence about the merchant
 *     itself (its code and descriptor) that the last payment to it remembered for them carried, or
 *     0 when none is on record
 * @param merchantEvidenceAt that payment's event time (0 when the points are)
 */
public record BehaviourFeatures(
    long windowMillis,
    int distinctPayers,
    int inflowCount,
    long inflowMinor,
    int sameAmountPayers,
    int devicePayers,
    boolean firstPayment,
    int quickTurnovers,
    long lastTurnoverMillis,
    long lot,
    int dealerPricePayers,
    long dealerLot,
    int merchantEvidencePoints,
    long merchantEvidenceAt) {

  public BehaviourFeatures {
    if (merchantEvidencePoints <= 0) {
      merchantEvidencePoints = 0;
      merchantEvidenceAt = 0;
    }
  }

  /** Features of a payment with no history: a first payment to an unknown payee. */
  public static BehaviourFeatures firstSeen(long windowMillis, long amountMinor) {
    return new BehaviourFeatures(
        windowMillis, 1, 1, amountMinor, 0, 1, true, 0, -1, LotPrice.NONE, 0, LotPrice.NONE, 0, 0);
  }

  /** Whether this payment is at the shared dealer price. */
  public boolean atDealerPrice() {
    return lot != LotPrice.NONE && lot == dealerLot;
  }
}
