package dev.visitstream.pipeline;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.joda.time.ReadableInstant;

/**
 * Writes flat JSON objects field by field, typed by the Java value (a SQL row's values), as a
 * Jackson generator would write them. Strings are escaped by Jackson's encoder; the rest is
 * written directly: a generator per record (its context, buffers and checks) was most of the
 * cost of encoding website-out, itself an eighth of the job's CPU (deploy/bench/RESULTS.md).
 */
final class RowJson {

  private static final JsonStringEncoder QUOTE = JsonStringEncoder.getInstance();
  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);

  RowJson() {
    bytes.write('{');
  }

  RowJson field(String name, Object value) {
    if (bytes.size() > 1) {
      bytes.write(',');
    }
    string(name);
    bytes.write(':');
    if (value == null) {
      bytes.writeBytes(NULL);
    } else if (value instanceof String) {
      string((String) value);
    } else if (value instanceof Boolean) {
      bytes.writeBytes((Boolean) value ? TRUE : FALSE);
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
      ascii(Long.toString(((Number) value).longValue()));
    } else if (value instanceof ReadableInstant) {
      ascii(Long.toString(((ReadableInstant) value).getMillis()));
    } else {
      string(value.toString());
    }
    return this;
  }

  byte[] toBytes() {
    bytes.write('}');
    return bytes.toByteArray();
  }

  private void string(String text) {
    bytes.write('"');
    bytes.writeBytes(QUOTE.quoteAsUTF8(text));
    bytes.write('"');
  }

  private void ascii(String number) {
    for (int i = 0; i < number.length(); i++) {
      bytes.write(number.charAt(i));
    }
  }
}
