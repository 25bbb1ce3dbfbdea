package dev.visitstream.generator.visit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A reusable byte buffer: a visit is written piece by piece without building Strings. */
final class ByteSink {

  private byte[] bytes;
  private int length;

  ByteSink(int capacity) {
    bytes = new byte[capacity];
  }

  ByteSink reset() {
    length = 0;
    return this;
  }

  int length() {
    return length;
  }

  ByteSink write(byte[] piece) {
    ensure(piece.length);
    System.arraycopy(piece, 0, bytes, length, piece.length);
    length += piece.length;
    return this;
  }

  ByteSink write(byte b) {
    ensure(1);
    bytes[length++] = b;
    return this;
  }

  ByteSink writeAscii(String text) {
    ensure(text.length());
    for (int i = 0; i < text.length(); i++) {
      bytes[length++] = (byte) text.charAt(i);
    }
    return this;
  }

  ByteSink writeLong(long value) {
    if (value == Long.MIN_VALUE) {
      return writeAscii(Long.toString(value));
    }
    ensure(20);
    if (value < 0) {
      bytes[length++] = '-';
      value = -value;
    }
    int start = length;
    do {
      bytes[length++] = (byte) ('0' + value % 10);
      value /= 10;
    } while (value != 0);
    for (int i = start, j = length - 1; i < j; i++, j--) {
      byte t = bytes[i];
      bytes[i] = bytes[j];
      bytes[j] = t;
    }
    return this;
  }

  /** Exactly {@code digits} digits, zero-padded (millisecond fields). */
  ByteSink writePadded(int value, int digits) {
    ensure(digits);
    for (int i = digits - 1; i >= 0; i--) {
      bytes[length + i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    length += digits;
    return this;
  }

  byte[] toArray() {
    return Arrays.copyOf(bytes, length);
  }

  byte[] toArray(int prefixLength) {
    return Arrays.copyOf(bytes, Math.min(prefixLength, length));
  }

  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
