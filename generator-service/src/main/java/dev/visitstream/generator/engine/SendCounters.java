package dev.visitstream.generator.engine;

import java.util.concurrent.atomic.LongAdder;

/**
 * What happened to the records handed to Kafka, good visits and malformed ones apart: sent
 * (accepted by the producer), acked (written by the broker, acks=all) or failed (given up by the
 * producer). {@code sendErrors} counts refusals of the producer itself (no metadata, full buffer);
 * the refused record is offered again, so it is not lost.
 */
public final class SendCounters {

  final LongAdder sentGood = new LongAdder();
  final LongAdder sentMalformed = new LongAdder();
  final LongAdder ackedGood = new LongAdder();
  final LongAdder ackedMalformed = new LongAdder();
  final LongAdder failedGood = new LongAdder();
  final LongAdder failedMalformed = new LongAdder();
  final LongAdder sendErrors = new LongAdder();

  void sent(boolean malformed) {
    (malformed ? sentMalformed : sentGood).increment();
  }

  void unsent(boolean malformed) {
    (malformed ? sentMalformed : sentGood).decrement();
  }

  void acked(boolean malformed) {
    (malformed ? ackedMalformed : ackedGood).increment();
  }

  void failed(boolean malformed) {
    (malformed ? failedMalformed : failedGood).increment();
  }

  public long sentTotal() {
    return sentGood.sum() + sentMalformed.sum();
  }

  public Snapshot snapshot() {
    // Answers are read before sends (which are counted before the send) so a snapshot never
    // shows more acked than sent.
    long ackedG = ackedGood.sum();
    long ackedM = ackedMalformed.sum();
    long failedG = failedGood.sum();
    long failedM = failedMalformed.sum();
    return new Snapshot(
        sentGood.sum(), sentMalformed.sum(), ackedG, ackedM, failedG, failedM, sendErrors.sum());
  }

  public record Snapshot(
      long sentGood,
      long sentMalformed,
      long ackedGood,
      long ackedMalformed,
      long failedGood,
      long failedMalformed,
      long sendErrors) {

    public long sent() {
      return sentGood + sentMalformed;
    }

    public long acked() {
      return ackedGood + ackedMalformed;
    }

    public long failed() {
      return failedGood + failedMalformed;
    }

    /** Sent but neither acked nor failed yet. */
    public long inFlight() {
      return sent() - acked() - failed();
    }
  }
}
