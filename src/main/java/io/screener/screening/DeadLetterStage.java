package io.screener.screening;

/** Where in the pipeline a record was rejected, on its dead letter and in the metrics. */
public enum DeadLetterStage {
  /** The bytes are not a payment the screener can read. */
  DECODE,
  /** The payment was read but is unusable (missing ids, bad amount, absurd time, ...). */
  VALIDATE,
  /** A processor threw on the record: it is set aside and the task goes on. */
  PROCESS,
  /** What the record produced could not be written (refused by the broker, unserializable). */
  PRODUCE
}
