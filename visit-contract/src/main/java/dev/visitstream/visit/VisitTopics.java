package dev.visitstream.visit;

/** The Kafka topics of the visit stream, by their default names. */
public final class VisitTopics {

  /** The generator's visits: key the user id, value a visit JSON ({@link VisitField}). */
  public static final String VISITS = "website-visit";

  /** The pipeline's keyed visits: key {@link OutRecordKey}, value the visit JSON. */
  public static final String OUT = "website-out";

  /** The pipeline's window statistics. */
  public static final String STATS = "website-stats";

  /** Records that are not visits, as they arrived, with {@link DeadLetterHeaders}. */
  public static final String DEAD_LETTERS = "website-dlq";

  private VisitTopics() {}
}
