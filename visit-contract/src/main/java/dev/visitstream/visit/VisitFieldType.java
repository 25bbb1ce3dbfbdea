package dev.visitstream.visit;

/** The JSON type of a {@link VisitField}, and the Java type its value is read into. */
public enum VisitFieldType {
  /** A JSON string; {@link String}. */
  TEXT,
  /** true or false; {@link Boolean}. */
  BOOLEAN,
  /** A JSON integer within 32 bits; {@link Integer}. */
  INT,
  /** A JSON integer within 64 bits; {@link Long}. */
  BIGINT,
  /**
   * A coordinate: a JSON number, or "", null or a missing field for a visit without a position,
   * which is read as {@link #NO_POSITION}; {@link Double}.
   */
  POSITION;

  /** The value of a {@link #POSITION} that came as "", null or not at all. */
  public static final double NO_POSITION = -1;
}
