package dev.visitstream.visit;

/**
 * Headers the pipeline adds to a record of website-dlq, next to the record's own headers. Values
 * are UTF-8 strings.
 */
public final class DeadLetterHeaders {

  /** Why the record is not a visit. */
  public static final String REASON = "dlq.reason";

  /** Where the record was read: topic, partition and offset. */
  public static final String SOURCE_TOPIC = "dlq.source.topic";

  public static final String SOURCE_PARTITION = "dlq.source.partition";
  public static final String SOURCE_OFFSET = "dlq.source.offset";

  /** What was cut from a record too large to be written whole; absent when nothing was. */
  public static final String TRUNCATED = "dlq.truncated";

  private DeadLetterHeaders() {}
}
