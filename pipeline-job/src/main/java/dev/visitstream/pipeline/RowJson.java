package dev.visitstream.pipeline;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.joda.time.ReadableInstant;

/**
 * Writes flat JSON objects field by field, typed by the Java value (a SQL row's values), as a
 * Jackson generator would write them. A generator per record (its context, buffers and checks)
 * would cost more than the encoding itself on website-out, the job's largest stream, so the bytes
 * are written here into a plain array: printable ASCII and integers directly, any string that needs
 * escaping or UTF-8 from its first such character on by Jackson's encoder.
 */
public final class RowJson {

  private static final JsonStringEncoder QUOTE = JsonStringEncoder.getInstance();
  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

  private byte[] buffer;
  private int size;

  /** Room for a visit's JSON (about 430 bytes) without growing. */
  public RowJson() {
    this(512);
  }

  /** Room for {@code capacity} bytes before the buffer grows (at least 1). */
  public RowJson(int capacity) {
    buffer = new byte[capacity];
    buffer[size++] = '{';
  }

  public RowJson field(String name, Object value) {
    if (size > 1) {
      put(',');
    }
    string(name);
    put(':');
    if (value == null) {
      bytes(NULL);
    } else if (value instanceof String) {
      string((String) value);
    } else if (value instanceof Boolean) {
      bytes((Boolean) value ? TRUE : FALSE);
    } else if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      if (Double.isFinite(number)) {
        ascii(Double.toString(number));
      } else {
        string(Double.toString(number)); // "NaN", "Infinity": JSON has no such numbers
      }
    } else if (value instanceof BigDecimal) {
      ascii(value.toString());
    } else if (value instanceof Number) {
      integer(((Number) value).longValue());
    } else if (value instanceof ReadableInstant) {
      integer(((ReadableInstant) value).getMillis());
    } else {
      string(value.toString());
    }
    return this;
  }

  public byte[] toBytes() {
    put('}');
    return Arrays.copyOf(buffer, size);
  }

  private void string(String text) {
    int length = text.length();
    room(length + 2);
    buffer[size++] = '"';
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
        bytes(QUOTE.quoteAsUTF8(text.substring(i)));
        break;
      }
      buffer[size++] = (byte) c;
    }
    put('"');
  }

  private void integer(long number) {
    if (number == Long.MIN_VALUE) {
      ascii(Long.toString(number)); // has no positive counterpart
      return;
    }
    room(20);
    if (number < 0) {
      buffer[size++] = '-';
      number = -number;
    }
    int first = size;
    do {
      buffer[size++] = (byte) ('0' + number % 10);
      number /= 10;
    } while (number != 0);
    for (int low = first, high = size - 1; low < high; low++, high--) {
      byte digit = buffer[low];
      buffer[low] = buffer[high];
      buffer[high] = digit;
    }
  }

  private void ascii(String text) {
    room(text.length());
    for (int i = 0; i < text.length(); i++) {
      buffer[size++] = (byte) text.charAt(i);
    }
  }

  private void bytes(byte[] bytes) {
    room(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
  }

  private void put(char c) {
    room(1);
    buffer[size++] = (byte) c;
  }

  private void room(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }
}
