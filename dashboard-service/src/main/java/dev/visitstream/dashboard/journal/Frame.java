package dev.visitstream.dashboard.journal;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sealed, immutable batch of consecutive events: the unit the live stream is sent in.
 *
 * <p>The whole frame is encoded once, as one complete SSE message, and that one buffer is written
 * to every unfiltered client (Vert.x hands each connection a slice of it, no copy). A filtered or
 * resuming client gets a message built from slices of the same bytes, cached per distinct filter.
 * SSE message:
 *
 * <pre>
 * event: events
 * id: &lt;seq of the last event covered&gt;
 * data: {"from":F,"to":T,"count":N,"events":[{"seq":..,"ip":..,...,"event_ts":..},...]}
 * </pre>
 */
public final class Frame {

  private static final byte[] TRAILER = "]}\n\n".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_CACHED_FILTERS = 64;

  private final long number;
  private final long fromSeq;
  private final long toSeq;
  private final long sealedAtMillis;
  private final byte[] payload;
  private final int[] offsets;
  private final int[] lengths;
  private final int[] httpResponses;
  private final String[] ageBrackets;
  private final String[] userIds;
  private final String[] pages;
  private final Buffer all;
  private final ConcurrentHashMap<EventFilter, Optional<Encoded>> filtered =
      new ConcurrentHashMap<>();

  Frame(
      long number,
      long fromSeq,
      long toSeq,
      long sealedAtMillis,
      byte[] payload,
      int[] offsets,
      int[] lengths,
      int[] httpResponses,
      String[] ageBrackets,
      String[] userIds,
      String[] pages) {
    this.number = number;
    this.fromSeq = fromSeq;
    this.toSeq = toSeq;
    this.sealedAtMillis = sealedAtMillis;
    this.payload = payload;
    this.offsets = offsets;
    this.lengths = lengths;
    this.httpResponses = httpResponses;
    this.ageBrackets = ageBrackets;
    this.userIds = userIds;
    this.pages = pages;
    this.all = Buffer.buffer(Unpooled.wrappedBuffer(payload));
  }

  public long number() {
    return number;
  }

  public long fromSeq() {
    return fromSeq;
  }

  public long toSeq() {
    return toSeq;
  }

  public int count() {
    return offsets.length;
  }

  public long sealedAtMillis() {
    return sealedAtMillis;
  }

  /** Bytes of the complete unfiltered message. */
  public int size() {
    return payload.length;
  }

  /**
   * The SSE message for the events of this frame from {@code startSeq} on that pass {@code filter},
   * or {@code null} when none does.
   */
  public Encoded encode(EventFilter filter, long startSeq) {
    boolean whole = startSeq <= fromSeq;
    if (whole && filter.isAll()) {
      return new Encoded(all, count());
    }
    if (whole && filtered.size() < MAX_CACHED_FILTERS) {
      return filtered
          .computeIfAbsent(filter, f -> Optional.ofNullable(build(f, fromSeq)))
          .orElse(null);
    }
    return build(filter, startSeq);
  }

  /** An events message with no events: it only moves the client's Last-Event-ID forward. */
  public Buffer progress(long startSeq) {
    return Buffer.buffer(
        Unpooled.wrappedBuffer(header(Math.max(startSeq, fromSeq), toSeq, 0), TRAILER));
  }

  private Encoded build(EventFilter filter, long startSeq) {
    int first = (int) Math.max(0, startSeq - fromSeq);
    int n = 0;
    int bytes = 0;
    boolean[] take = new boolean[offsets.length];
    for (int i = first; i < offsets.length; i++) {
      if (filter.matches(httpResponses[i], ageBrackets[i], userIds[i], pages[i])) {
        take[i] = true;
        n++;
        bytes += lengths[i];
      }
    }
    if (n == 0) {
      return null;
    }
    byte[] head = header(fromSeq + first, toSeq, n);
    byte[] out = new byte[head.length + bytes + (n - 1) + TRAILER.length];
    System.arraycopy(head, 0, out, 0, head.length);
    int pos = head.length;
    boolean firstCopied = true;
    for (int i = first; i < offsets.length; i++) {
      if (take[i]) {
        if (!firstCopied) {
          out[pos++] = ',';
        }
        firstCopied = false;
        System.arraycopy(payload, offsets[i], out, pos, lengths[i]);
        pos += lengths[i];
      }
    }
    System.arraycopy(TRAILER, 0, out, pos, TRAILER.length);
    return new Encoded(Buffer.buffer(Unpooled.wrappedBuffer(out)), n);
  }

  /** Start of an events message up to its events array; its SSE id is the last sequence covered. */
  static byte[] header(long from, long to, int count) {
    return ("event: events\nid: "
            + to
            + "\ndata: {\"from\":"
            + from
            + ",\"to\":"
            + to
            + ",\"count\":"
            + count
            + ",\"events\":[")
        .getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] trailer() {
    return TRAILER;
  }

  /** A message ready to write and how many events it carries. */
  public record Encoded(Buffer buffer, int events) {}
}
