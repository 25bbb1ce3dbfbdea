package dev.visitstream.dashboard.stream;

/**
 * The first message of a dead-letter stream.
 *
 * @param head sequence of the newest dead letter held
 * @param total dead letters seen since this dashboard started, held or not
 */
public record DeadLettersHello(String stream, String instance, long head, long total) {

  public DeadLettersHello(String instance, long head, long total) {
    this("dead-letters", instance, head, total);
  }
}
