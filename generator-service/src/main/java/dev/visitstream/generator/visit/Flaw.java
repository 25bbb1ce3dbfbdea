package dev.visitstream.generator.visit;

import java.util.Locale;

/**
 * What is wrong with a malformed record. Each flaw is one the pipeline must send to its dead
 * letters: not JSON at all, a required field missing, or a field of the wrong type. Missing or
 * empty lat/lng are NOT flaws (the contract maps them to -1).
 */
public enum Flaw {
  NOT_JSON,
  TRUNCATED_JSON,
  MISSING_EVENT_TS,
  MISSING_ID,
  MISSING_HTTP_RESPONSE,
  EVENT_TS_AS_TEXT,
  HTTP_RESPONSE_AS_TEXT,
  LAT_AS_WORD;

  /**
   * Kafka header on every malformed record, value = the flaw's label; for people reading the topic.
   */
  public static final String HEADER = "visit-stream.flaw";

  /** e.g. "missing-event-ts". */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The n-th malformed record of a run gets flaw n mod 8, so every flaw shows up in a short run.
   */
  static Flaw forMalformedNumber(long n) {
    Flaw[] all = values();
    return all[(int) (n % all.length)];
  }
}
