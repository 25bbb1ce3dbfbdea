package dev.visitstream.generator.engine;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Counts the broker's answer for one record; one instance per run and kind, not per record.
 *
 * <p>The producer also reports a refusal (no metadata within max.block.ms, buffer full) through
 * this callback, at once and on the sending thread, instead of throwing. Such a record never left,
 * so it is not counted as failed but kept for the sender to offer again.
 */
final class DeliveryReport implements Callback {

  private final SendCounters run;
  private final SendCounters total;
  private final boolean malformed;
  private final KafkaLink link;
  private final Thread sender;
  private Exception refusal;

  DeliveryReport(
      SendCounters run, SendCounters total, boolean malformed, KafkaLink link, Thread sender) {
    this.run = run;
    this.total = total;
    this.malformed = malformed;
    this.link = link;
    this.sender = sender;
  }

  @Override
  public void onCompletion(RecordMetadata metadata, Exception error) {
    if (error == null) {
      run.acked(malformed);
      total.acked(malformed);
      link.acked();
    } else if (Thread.currentThread() == sender) {
      refusal = error;
    } else {
      run.failed(malformed);
      total.failed(malformed);
      link.failed(error);
    }
  }

  /** The refusal reported during the last send, if any; clears it. Sender thread only. */
  Exception takeRefusal() {
    Exception taken = refusal;
    refusal = null;
    return taken;
  }
}
