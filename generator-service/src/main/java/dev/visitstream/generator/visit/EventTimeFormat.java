package dev.visitstream.generator.visit;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes {@code event_datetime} ("2026-11-24T13:05:01.123", UTC, no offset) at generator speed: the
 * text up to the second is formatted once per second and reused.
 */
final class EventTimeFormat {

  private static final DateTimeFormatter UP_TO_SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.");

  private long cachedSecond = Long.MIN_VALUE;
  private byte[] cachedPrefix;

  void write(long epochMillis, ByteSink out) {
    long second = Math.floorDiv(epochMillis, 1000);
    if (second != cachedSecond) {
      cachedPrefix =
          LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC)
              .format(UP_TO_SECONDS)
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      cachedSecond = second;
    }
    out.write(cachedPrefix).writePadded((int) Math.floorMod(epochMillis, 1000), 3);
  }
}
