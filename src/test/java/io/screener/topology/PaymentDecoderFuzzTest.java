package io.screener.topology;

import static io.screener.fixtures.FuzzInputs.assertReason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.screener.avro.PaymentEvent;
import io.screener.fixtures.FuzzInputs;
import io.screener.screening.PaymentValidation;
import io.screener.serialization.AvroSerde;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The payments edge: any bytes on {@code payments} decode, through the source's serde, to a payment
 * that {@link PaymentValidation} accepts or refuses with a reason, or are rejected with a reason;
 * nothing throws, hangs or fills the heap. An accepted payment encodes back to itself.
 */
class PaymentDecoderFuzzTest {
  private static final AvroSerde<PaymentEvent> SERDE = AvroSerde.of(PaymentEvent.class);
  private static final Deserializer<IncomingPayment> SOURCE =
      IncomingPayment.serde(SERDE.deserializer()).deserializer();
  private static final PaymentValidation VALIDATION =
      new PaymentValidation(FuzzInputs.settings().validation());

  @FuzzTest(maxDuration = "10s")
  void shouldDecodeOrRejectAnyBytesWithAReason(byte[] input) {
    byte[] bytes = FuzzInputs.framed(input, PaymentEvent.getClassSchema());
    IncomingPayment incoming = SOURCE.deserialize("payments", bytes);
    if (incoming.payment() == null) {
      assertReason(incoming.problem(), input);
      return;
    }
    assertNull(incoming.problem());
    String problem = VALIDATION.problem(incoming.payment(), FuzzInputs.NOW);
    if (problem != null) {
      assertReason(problem, input);
      return;
    }
    byte[] again = SERDE.serializer().serialize("payments", incoming.payment());
    assertEquals(incoming.payment(), SOURCE.deserialize("payments", again).payment());
  }
}
