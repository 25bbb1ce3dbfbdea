package dev.visitstream.bench.dashboard;

import dev.visitstream.dashboard.Visits;
import dev.visitstream.visit.VisitTopics;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Produces website-out records at a steady rate, a small batch every 5 ms, each stamped with
 * event_ts = the time it is sent: the benchmark's lag is measured from that stamp.
 */
final class PacedProducer implements Runnable {

  private static final long TICK_NANOS = 5_000_000L;

  private final KafkaProducer<String, String> producer;
  private final int perSecond;
  private volatile boolean stop;
  private volatile long sent;

  PacedProducer(String bootstrapServers, int perSecond) {
    this.producer = Visits.producer(bootstrapServers);
    this.perSecond = perSecond;
  }

  @Override
  public void run() {
    long start = System.nanoTime();
    long due = 0;
    long tick = 0;
    while (!stop) {
      tick++;
      long target = (long) ((double) perSecond * tick * TICK_NANOS / 1e9);
      long now = System.currentTimeMillis();
      for (; due < target; due++) {
        String user = "user-" + (due % 5000);
        producer.send(
            new ProducerRecord<>(
                VisitTopics.OUT, Visits.key(user, now), Visits.json(Visits.visit(user, now))));
      }
      sent = due;
      long wake = start + tick * TICK_NANOS;
      long wait = wake - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
    }
    producer.close();
  }

  void stop() {
    stop = true;
  }

  long sent() {
    return sent;
  }
}
