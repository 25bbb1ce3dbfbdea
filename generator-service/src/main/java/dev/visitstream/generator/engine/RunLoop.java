package dev.visitstream.generator.engine;

import dev.visitstream.generator.visit.VisitRecord;
import dev.visitstream.generator.visit.VisitStream;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The sender: on its own thread, emits the events due by the rate schedule in small batches and
 * sleeps until the next one is due. Settings are read before every batch, so changes apply live. A
 * record the producer refuses (broker unreachable, buffer full) is kept and offered again after a
 * pause: the generator keeps going through a broker outage and resumes when the broker is back.
 */
final class RunLoop implements Runnable {

  private static final Logger LOG = Logger.getLogger(RunLoop.class);
  private static final int MAX_BATCH = 512;
  private static final long MAX_SLEEP_NANOS = 50_000_000L;
  private static final long REFUSED_PAUSE_NANOS = 500_000_000L;

  private final Run run;
  private final Supplier<Setup> setups;
  private final VisitProducer producer;
  private final SendCounters total;
  private final KafkaLink link;

  RunLoop(
      Run run, Supplier<Setup> setups, VisitProducer producer, SendCounters total, KafkaLink link) {
    this.run = run;
    this.setups = setups;
    this.producer = producer;
    this.total = total;
    this.link = link;
  }

  @Override
  public void run() {
    run.senderIs(Thread.currentThread());
    try {
      send();
      run.end(run.stopRequested() ? Run.State.STOPPED : Run.State.COMPLETED, null);
    } catch (RuntimeException | Error e) {
      LOG.errorf(e, "run %d failed", run.id());
      run.end(Run.State.FAILED, e.toString());
    }
  }

  private void send() {
    Thread sender = Thread.currentThread();
    DeliveryReport goodReport = new DeliveryReport(run.counters(), total, false, link, sender);
    DeliveryReport malformedReport = new DeliveryReport(run.counters(), total, true, link, sender);
    VisitStream visits = new VisitStream(run.seed());
    Setup setup = setups.get();
    RateSchedule schedule = scheduleFor(setup, System.nanoTime());
    long remaining = run.remainingCount();
    VisitRecord refused = null;

    while (remaining > 0 && !run.stopRequested()) {
      Setup current = setups.get();
      if (current != setup) {
        if (current.settings().rate() != setup.settings().rate()) {
          schedule = scheduleFor(current, System.nanoTime());
        }
        setup = current;
      }
      long now = System.nanoTime();
      long scheduled = Math.min(schedule.due(now), MAX_BATCH);
      long batch =
          Math.min(scheduled + Math.min(run.burstCredit(), MAX_BATCH - scheduled), remaining);
      if (batch <= 0) {
        LockSupport.parkNanos(Math.max(1, Math.min(schedule.nanosUntilNext(now), MAX_SLEEP_NANOS)));
        continue;
      }
      long sent = 0;
      while (sent < batch && !run.stopRequested()) {
        VisitRecord record =
            refused != null
                ? refused
                : visits.next(setup.model(), setup.settings(), System.currentTimeMillis());
        refused = offer(record, record.malformed() ? malformedReport : goodReport);
        if (refused != null) {
          break;
        }
        sent++;
      }
      schedule.issued(Math.min(sent, scheduled));
      if (sent > scheduled) {
        run.spendBurst(sent - scheduled);
      }
      remaining -= sent;
      run.timeline().sample(System.nanoTime(), run.counters().sentTotal());
      if (refused != null) {
        LockSupport.parkNanos(REFUSED_PAUSE_NANOS);
      }
    }
  }

  /** Null when the producer took the record, else the record to offer again. */
  private VisitRecord offer(VisitRecord record, DeliveryReport report) {
    // Counted before the send: the ack may arrive before send() returns.
    run.counters().sent(record.malformed());
    total.sent(record.malformed());
    Exception refusal;
    try {
      producer.send(record, report);
      refusal = report.takeRefusal();
    } catch (RuntimeException e) {
      refusal = e;
    }
    if (refusal != null) {
      run.counters().unsent(record.malformed());
      total.unsent(record.malformed());
      run.counters().sendErrors.increment();
      total.sendErrors.increment();
      link.failed(refusal);
      LOG.debugf("producer refused a record: %s", refusal);
      return record;
    }
    return null;
  }

  private RateSchedule scheduleFor(Setup setup, long now) {
    return new RateSchedule(run.mode() == Run.Mode.BURST ? 0 : setup.settings().rate(), now);
  }
}
