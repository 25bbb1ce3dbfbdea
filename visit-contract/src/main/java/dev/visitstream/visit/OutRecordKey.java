package dev.visitstream.visit;

/**
 * The key of a website-out record, {@code {"event_id":"…","event_ts":…}} in this order: the visit's
 * id (named event_id here) and its event time, which together name one event.
 */
public final class OutRecordKey {

  /** The visit's {@link VisitField#ID}, under the key's name for it. */
  public static final String EVENT_ID = "event_id";

  /** The visit's {@link VisitField#EVENT_TS}. */
  public static final String EVENT_TS = VisitField.EVENT_TS.jsonName();

  private OutRecordKey() {}
}
