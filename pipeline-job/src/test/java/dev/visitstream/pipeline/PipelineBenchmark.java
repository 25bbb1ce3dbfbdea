package dev.visitstream.pipeline;

import dev.visitstream.visit.testing.SampleVisit;
import dev.visitstream.broker.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Throughput and latency of the job on the embedded Flink runner against the real broker (not a
 * test: run by hand, see README "Measured").
 *
 * <ol>
 *   <li>Throughput: preload N visits, start the job, and divide N by the time between the first
 *       and the last website-out record (their producer timestamps).
 *   <li>Latency: then send visits at a steady rate with event_ts = send time; latency is the
 *       website-out record's timestamp (set when the job's producer sends it) minus event_ts.
 * </ol>
 *
 * <p>Arguments: {@code events=200000 rate=500 seconds=20} and then any job options, e.g.
 * {@code --maxBundleTimeMills=1000}. The broker is the in-process test broker unless
 * {@code --bootstrapServers} is given.
 */
public final class PipelineBenchmark {

  public static void main(String[] args) throws Exception {
    int events = 200_000;
    int rate = 500;
    int seconds = 20;
    List<String> jobArgs = new ArrayList<>();
    String bootstrap = null;
    for (String arg : args) {
      if (arg.startsWith("events=")) {
        events = Integer.parseInt(arg.substring(7));
      } else if (arg.startsWith("rate=")) {
        rate = Integer.parseInt(arg.substring(5));
      } else if (arg.startsWith("seconds=")) {
        seconds = Integer.parseInt(arg.substring(8));
      } else if (arg.startsWith("--bootstrapServers=")) {
        bootstrap = arg.substring("--bootstrapServers=".length());
      } else {
        jobArgs.add(arg);
      }
    }
    if (bootstrap == null) {
      bootstrap = TestKafka.bootstrapServers();
    }

    String run = UUID.randomUUID().toString().substring(0, 8);
    String input = "bench-visit-" + run;
    String out = "bench-out-" + run;
    try (KafkaTopics kafka = new KafkaTopics(bootstrap)) {
      kafka.create(3, input, out, "bench-stats-" + run, "bench-dlq-" + run);

      long firstEventTs = System.currentTimeMillis() - events; // 1 ms apart, ending about now
      VisitTraffic traffic = VisitTraffic.generate(events, firstEventTs, 1, Integer.MAX_VALUE, 1L);
      long produceStart = System.nanoTime();
      kafka.produce(input, traffic.records);
      System.out.printf(
          Locale.ROOT,
          "preloaded %,d visits (%d B each) in %.1f s%n",
          events,
          traffic.records.get(0).value().length,
          (System.nanoTime() - produceStart) / 1e9);

      List<String> all = new ArrayList<>(jobArgs);
      all.addAll(
          Arrays.asList(
              "--bootstrapServers=" + bootstrap,
              "--inputTopic=" + input,
              "--outputTopic=" + out,
              "--statsTopic=bench-stats-" + run,
              "--deadLetterTopic=bench-dlq-" + run,
              "--groupId=bench-" + run));
      System.out.println("job options: " + all);
      long jobStart = System.nanoTime();
      try (EmbeddedJob job = EmbeddedJob.start(all.toArray(new String[0]));
          KafkaTopics.Reader reader = kafka.reader(out)) {
        int expected = events;
        List<ConsumerRecord<byte[], byte[]>> outRecords =
            reader.until(r -> r.size() >= expected, Duration.ofMinutes(10), "the preloaded visits");
        long first = outRecords.stream().mapToLong(ConsumerRecord::timestamp).min().orElseThrow();
        long last = outRecords.stream().mapToLong(ConsumerRecord::timestamp).max().orElseThrow();
        System.out.printf(
            Locale.ROOT,
            "throughput: %,d visits in %.2f s between first and last output = %,.0f visits/s"
                + " (%.1f s from job start to last output)%n",
            events,
            (last - first) / 1000.0,
            events * 1000.0 / Math.max(1, last - first),
            (System.nanoTime() - jobStart) / 1e9);

        // The stats path (a keyed shuffle) may still work through its backlog: wait until every
        // window of the preload is emitted, so that the latency phase starts on an idle job.
        long windows =
            Math.floorDiv(firstEventTs + events - 1, 10_000L) - Math.floorDiv(firstEventTs, 10_000L) + 1;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (job.counter(PipelineMetrics.STATS_WINDOWS) < windows && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        System.out.printf(
            Locale.ROOT,
            "stats: %d of %d windows emitted %.1f s after job start%n",
            job.counter(PipelineMetrics.STATS_WINDOWS),
            windows,
            (System.nanoTime() - jobStart) / 1e9);

        if (rate > 0 && seconds > 0) {
          measureLatency(kafka, reader, input, rate, seconds, outRecords.size());
        }
      }
    }
    System.exit(0); // the in-process broker keeps non-daemon threads
  }

  private static void measureLatency(
      KafkaTopics kafka, KafkaTopics.Reader reader, String input, int rate, int seconds, int already)
      throws Exception {
    int total = rate * seconds;
    long intervalNanos = 1_000_000_000L / rate;
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      long due = start + i * intervalNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      SampleVisit visit = SampleVisit.of("user-" + (i % 150), System.currentTimeMillis());
      kafka.produce(
          input, List.of(new ProducerRecord<>("", null, VisitTraffic.utf8(visit.id()), visit.bytes())));
    }
    List<ConsumerRecord<byte[], byte[]>> outRecords =
        reader.until(r -> r.size() >= already + total, Duration.ofMinutes(2), "the paced visits");
    List<Long> latencies = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : outRecords.subList(already, outRecords.size())) {
      long eventTs = VisitTraffic.json(record.value()).get("event_ts").asLong();
      latencies.add(record.timestamp() - eventTs);
    }
    Collections.sort(latencies);
    System.out.printf(
        Locale.ROOT,
        "latency at %d visits/s for %d s (send -> website-out record timestamp): p50 %d ms,"
            + " p90 %d ms, p99 %d ms, max %d ms%n",
        rate,
        seconds,
        latencies.get(latencies.size() / 2),
        latencies.get(latencies.size() * 9 / 10),
        latencies.get(latencies.size() * 99 / 100),
        latencies.get(latencies.size() - 1));
  }
}
