package dev.visitstream.dashboard.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visitstream.dashboard.stream.QueryRowsSubscriber;
import dev.visitstream.dashboard.stream.QueryRowsSubscriber.ResultRow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads one query's result topic from its beginning on a thread of its own (assigned partitions, no
 * consumer group, nothing committed), keeps the newest row per key (or the latest rows, for rows
 * without a key) for browsers that open later, and hands every row to the open browsers.
 */
final class QueryResults implements AutoCloseable {

  private final String topic;
  private final ObjectMapper mapper;
  private final int keptRows;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private final LinkedHashMap<Object, ResultRow> kept = new LinkedHashMap<>();
  private final Set<QueryRowsSubscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final AtomicLong rows = new AtomicLong();
  private volatile long lastWatchedMillis = System.currentTimeMillis();
  private volatile boolean closed;
  private long unkeyed;

  QueryResults(
      String bootstrapServers, String topic, int partitions, ObjectMapper mapper, int keptRows) {
    this.topic = topic;
    this.mapper = mapper;
    this.keptRows = keptRows;
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            1000);
    this.consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> assigned = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      assigned.add(new TopicPartition(topic, p));
    }
    consumer.assign(assigned);
    consumer.seekToBeginning(assigned);
    this.thread = new Thread(this::poll, "query-results-" + topic);
    thread.setDaemon(true);
    thread.start();
  }

  private void poll() {
    try {
      while (!closed) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          ResultRow row = decode(record);
          if (row == null) {
            continue;
          }
          rows.incrementAndGet();
          synchronized (kept) {
            Object key = row.key() == null ? Long.valueOf(unkeyed++) : row.key();
            kept.remove(key);
            kept.put(key, row);
            if (kept.size() > keptRows) {
              Iterator<Object> oldest = kept.keySet().iterator();
              oldest.next();
              oldest.remove();
            }
            // under the lock, so that a browser that comes now gets each row once and in order
            subscribers.forEach(s -> s.offer(row));
          }
        }
      }
    } catch (WakeupException e) {
      // close() woke the poll
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  /** A record the job wrote (a JSON array, key too when present); anything else is skipped. */
  private ResultRow decode(ConsumerRecord<byte[], byte[]> record) {
    try {
      JsonNode values = record.value() == null ? null : mapper.readTree(record.value());
      if (values == null || !values.isArray()) {
        return null;
      }
      String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
      return new ResultRow(key, values);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** The rows kept so far, then every new one. */
  void add(QueryRowsSubscriber subscriber) {
    synchronized (kept) {
      kept.values().forEach(subscriber::offer);
      subscribers.add(subscriber);
    }
    watched();
  }

  void remove(QueryRowsSubscriber subscriber) {
    subscribers.remove(subscriber);
    watched();
  }

  Set<QueryRowsSubscriber> subscribers() {
    return subscribers;
  }

  private void watched() {
    lastWatchedMillis = System.currentTimeMillis();
  }

  /** Milliseconds since a browser last watched; 0 while one does. */
  long idleMillis() {
    return subscribers.isEmpty() ? System.currentTimeMillis() - lastWatchedMillis : 0;
  }

  long rows() {
    return rows.get();
  }

  String topic() {
    return topic;
  }

  @Override
  public void close() {
    closed = true;
    consumer.wakeup();
  }
}
