package dev.visitstream.dashboard.deadletter;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The newest dead letters, each numbered on arrival and encoded once as its SSE message. Dead
 * letters are rare, so a lock is simpler than anything cleverer.
 */
public final class DeadLetterLog {

  private final int capacity;
  private final long firstSeq;
  private final ArrayDeque<Entry> entries;
  private long nextSeq;
  private long total;

  public DeadLetterLog(int capacity, long firstSeq) {
    this.capacity = capacity;
    this.entries = new ArrayDeque<>(capacity);
    this.firstSeq = firstSeq;
    this.nextSeq = firstSeq;
  }

  public long firstSeq() {
    return firstSeq;
  }

  /**
   * Adds a dead letter.
   *
   * @param build makes the dead letter from its sequence number
   * @param encode makes its SSE message
   */
  public synchronized Entry add(
      LongFunction<DeadLetter> build, java.util.function.Function<DeadLetter, Buffer> encode) {
    DeadLetter d = build.apply(nextSeq++);
    Entry e = new Entry(d, encode.apply(d));
    if (entries.size() == capacity) {
      entries.pollFirst();
    }
    entries.addLast(e);
    total++;
    return e;
  }

  /** Entries after {@code seq}, oldest first, at most {@code max}. */
  public synchronized List<Entry> after(long seq, int max) {
    List<Entry> out = new ArrayList<>();
    Iterator<Entry> it = entries.descendingIterator();
    while (it.hasNext()) {
      Entry e = it.next();
      if (e.letter().seq() <= seq) {
        break;
      }
      out.add(e);
    }
    java.util.Collections.reverse(out);
    return out.size() > max ? out.subList(0, max) : out;
  }

  /** The newest {@code n}, newest first. */
  public synchronized List<DeadLetter> newest(int n) {
    List<DeadLetter> out = new ArrayList<>(Math.min(n, entries.size()));
    Iterator<Entry> it = entries.descendingIterator();
    while (it.hasNext() && out.size() < n) {
      out.add(it.next().letter());
    }
    return out;
  }

  public synchronized long oldestSeq() {
    return entries.isEmpty() ? nextSeq : entries.peekFirst().letter().seq();
  }

  public synchronized long headSeq() {
    return nextSeq - 1;
  }

  public synchronized long total() {
    return total;
  }

  public record Entry(DeadLetter letter, Buffer message) {}
}
