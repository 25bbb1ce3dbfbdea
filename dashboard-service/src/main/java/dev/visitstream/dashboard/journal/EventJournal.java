package dev.visitstream.dashboard.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.visitstream.visit.VisitField;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The in-memory ring of the newest events, in sealed {@link Frame}s, each event numbered on ingest
 * with a sequence that only grows.
 *
 * <p>One writer (the Kafka ingest) appends into an open frame; a timer seals it every frame
 * interval (or the writer when it is full). Readers never lock: each client's writer holds its own
 * cursor (a sequence) and pulls sealed frames by number, so a slow client costs nothing to the
 * ingest or to other clients. When more than {@code capacity} events are held, the oldest frames
 * are forgotten; a client that comes back for them gets a gap.
 *
 * <p>Sequences start at the wall clock in microseconds, so the ids a browser holds from before a
 * restart are older than anything the restarted service has: they read as a gap, never as the wrong
 * events.
 */
public final class EventJournal {

  private static final VisitField[] FIELDS = VisitField.ALL;

  private final int capacity;
  private final int maxFrameEvents;
  private final long firstSeq;
  private final JsonFactory json = new JsonFactory();
  private final List<Consumer<Frame>> sealListeners = new CopyOnWriteArrayList<>();

  private final ReentrantLock lock = new ReentrantLock();
  // open frame, guarded by lock
  private ByteArrayOutputStream body;
  private JsonGenerator generator;
  private int openCount;
  private long openFromSeq;
  private int[] offsets;
  private int[] lengths;
  private int[] httpResponses;
  private String[] ageBrackets;
  private String[] userIds;
  private String[] pages;
  private long nextSeq;
  private long nextFrameNumber;
  private long retainedEvents;

  private final AtomicReferenceArray<Frame> ring;
  private volatile long headSeq;
  private volatile long latestNumber = -1;
  private volatile long oldestNumber;

  public EventJournal(int capacity, int maxFrameEvents, long firstSeq) {
    if (maxFrameEvents < 1 || capacity < maxFrameEvents) {
      throw new IllegalArgumentException(
          "dashboard.journal.capacity ("
              + capacity
              + ") must be at least dashboard.frames.max-events ("
              + maxFrameEvents
              + ") and that at least 1");
    }
    this.capacity = capacity;
    this.maxFrameEvents = maxFrameEvents;
    // one slot more than events held: every held frame has at least one event, and the newest
    // is stored before the oldest is forgotten
    this.ring = new AtomicReferenceArray<>(capacity + 1);
    this.firstSeq = firstSeq;
    this.nextSeq = firstSeq;
    this.headSeq = firstSeq - 1;
    openFrame();
  }

  /** Sequence that the first event of a journal started now would get. */
  public static long clockSeededSeq() {
    return System.currentTimeMillis() * 1000;
  }

  public void onSeal(Consumer<Frame> listener) {
    sealListeners.add(listener);
  }

  /** Appends events in order, numbering each; returns the sequence of the last one. */
  public long append(List<VisitEvent> events) {
    List<Frame> sealed = null;
    lock.lock();
    try {
      for (VisitEvent e : events) {
        write(e);
        if (openCount == maxFrameEvents) {
          if (sealed == null) {
            sealed = new ArrayList<>(2);
          }
          sealed.add(sealLocked());
        }
      }
    } finally {
      lock.unlock();
    }
    if (sealed != null) {
      sealed.forEach(this::announce);
    }
    return headSeq;
  }

  /** Seals the open frame if it holds any event; returns the new frame or {@code null}. */
  public Frame seal() {
    Frame f;
    lock.lock();
    try {
      f = openCount == 0 ? null : sealLocked();
    } finally {
      lock.unlock();
    }
    if (f != null) {
      announce(f);
    }
    return f;
  }

  /** The newest sealed frame, or {@code null} before the first. */
  public Frame latest() {
    long n = latestNumber;
    return n < 0 ? null : frame(n);
  }

  /** Frame by number, or {@code null} when it is not sealed yet or already forgotten. */
  public Frame frame(long number) {
    if (number < 0 || number > latestNumber) {
      return null;
    }
    Frame f = ring.get((int) (number % ring.length()));
    return f != null && f.number() == number ? f : null;
  }

  /** Sequence of the first event this journal numbered (or will number). */
  public long firstSeq() {
    return firstSeq;
  }

  /** Sequence of the newest event appended (sealed or not). */
  public long headSeq() {
    return headSeq;
  }

  /** Sequence of the oldest event still held ({@code headSeq()+1} when none is). */
  public long oldestSeq() {
    for (int attempt = 0; attempt < 3; attempt++) {
      Frame f = frame(oldestNumber);
      if (f != null) {
        return f.fromSeq();
      }
    }
    Frame latest = latest();
    return latest == null ? headSeq + 1 : latest.fromSeq();
  }

  public long oldestFrameNumber() {
    return oldestNumber;
  }

  public long latestFrameNumber() {
    return latestNumber;
  }

  /** Events held in sealed frames. */
  public long retainedEvents() {
    lock.lock();
    try {
      return retainedEvents;
    } finally {
      lock.unlock();
    }
  }

  public int capacity() {
    return capacity;
  }

  /**
   * Number of the frame holding {@code seq}: a sealed frame, or the next frame to be sealed when
   * {@code seq} is newer than every sealed one. {@code -1} when it has been forgotten.
   */
  public long frameNumberOf(long seq) {
    long lo = oldestNumber;
    long hi = latestNumber;
    Frame latest = frame(hi);
    if (latest == null || seq > latest.toSeq()) {
      return hi + 1;
    }
    while (lo <= hi) {
      long mid = (lo + hi) >>> 1;
      Frame f = frame(mid);
      if (f == null) {
        lo = mid + 1;
        continue;
      }
      if (seq < f.fromSeq()) {
        hi = mid - 1;
      } else if (seq > f.toSeq()) {
        lo = mid + 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  private void write(VisitEvent e) {
    long seq = nextSeq++;
    try {
      if (openCount > 0) {
        body.write(',');
      }
      int start = body.size();
      JsonGenerator g = generator;
      g.writeStartObject();
      g.writeNumberField("seq", seq);
      for (VisitField field : FIELDS) {
        g.writeFieldName(field.jsonName());
        writeValue(g, e.value(field));
      }
      g.writeEndObject();
      g.flush();
      int i = openCount++;
      if (i == 0) {
        openFromSeq = seq;
      }
      offsets[i] = start;
      lengths[i] = body.size() - start;
      httpResponses[i] = e.httpResponse();
      ageBrackets[i] = e.ageBracket();
      userIds[i] = e.id();
      pages[i] = e.page();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    headSeq = seq;
  }

  /** A visit's value by its Java type ({@link dev.visitstream.visit.VisitFieldType}). */
  private static void writeValue(JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof String text) {
      g.writeString(text);
    } else if (value instanceof Long number) {
      g.writeNumber(number);
    } else if (value instanceof Integer number) {
      g.writeNumber(number);
    } else if (value instanceof Double number) {
      g.writeNumber(number);
    } else if (value instanceof Boolean bool) {
      g.writeBoolean(bool);
    } else {
      g.writeString(value.toString());
    }
  }

  private Frame sealLocked() {
    long from = openFromSeq;
    long to = from + openCount - 1;
    long number = nextFrameNumber++;
    byte[] head = Frame.header(from, to, openCount);
    byte[] raw = body.toByteArray();
    byte[] trailer = Frame.trailer();
    byte[] payload = new byte[head.length + raw.length + trailer.length];
    System.arraycopy(head, 0, payload, 0, head.length);
    System.arraycopy(raw, 0, payload, head.length, raw.length);
    System.arraycopy(trailer, 0, payload, head.length + raw.length, trailer.length);
    int n = openCount;
    int[] offs = Arrays.copyOf(offsets, n);
    for (int i = 0; i < n; i++) {
      offs[i] += head.length;
    }
    Frame f =
        new Frame(
            number,
            from,
            to,
            System.currentTimeMillis(),
            payload,
            offs,
            Arrays.copyOf(lengths, n),
            Arrays.copyOf(httpResponses, n),
            Arrays.copyOf(ageBrackets, n),
            Arrays.copyOf(userIds, n),
            Arrays.copyOf(pages, n));
    ring.set((int) (number % ring.length()), f);
    retainedEvents += n;
    latestNumber = number;
    while (retainedEvents > capacity) {
      long oldest = oldestNumber;
      Frame gone = ring.get((int) (oldest % ring.length()));
      if (gone != null && gone.number() == oldest) {
        retainedEvents -= gone.count();
        ring.compareAndSet((int) (oldest % ring.length()), gone, null);
      }
      oldestNumber = oldest + 1;
    }
    openFrame();
    return f;
  }

  private void openFrame() {
    // sized like the last frame, so a steady stream does not regrow the buffer every frame
    int expected = body == null ? 16 * 1024 : Math.max(4096, body.size() + body.size() / 4);
    body = new ByteArrayOutputStream(expected);
    try {
      generator = json.createGenerator(body);
      // events are separated by the journal's own commas
      generator.setRootValueSeparator(null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    openCount = 0;
    offsets = new int[maxFrameEvents];
    lengths = new int[maxFrameEvents];
    httpResponses = new int[maxFrameEvents];
    ageBrackets = new String[maxFrameEvents];
    userIds = new String[maxFrameEvents];
    pages = new String[maxFrameEvents];
  }

  private void announce(Frame f) {
    for (Consumer<Frame> l : sealListeners) {
      l.accept(f);
    }
  }
}
