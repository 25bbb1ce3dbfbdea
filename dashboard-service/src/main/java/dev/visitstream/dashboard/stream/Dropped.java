package dev.visitstream.dashboard.stream;

/**
 * A {@code dropped} message: this client read more slowly than the stream, so its oldest pending
 * events, {@code from} to {@code to}, were skipped to keep it within its buffer.
 *
 * @param dropped how many events were skipped since the last such message
 */
public record Dropped(long dropped, long from, long to, String reason) {}
