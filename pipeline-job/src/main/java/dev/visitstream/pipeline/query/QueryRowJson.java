package dev.visitstream.pipeline.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;

/**
 * A query's result row as a Kafka record: the value is a JSON array of the row's values in column
 * order (a query may name two columns alike, so no object), the key a JSON array of its key
 * columns' values ({@link QueryPlan#keyColumns}), so that a reader keeps the newest row per key;
 * rows of a query without key columns have no key.
 *
 * <p>Values: strings, booleans and numbers as JSON; TIMESTAMP as epoch milliseconds (the page knows
 * the column's type from the plan); a non-finite double as the string "NaN" or "Infinity"; bytes as
 * base64; anything else (DATE, TIME, arrays, rows) as its text.
 */
public final class QueryRowJson {

  private static final JsonFactory JSON = new JsonFactory();

  private final int[] keyColumns;

  public QueryRowJson(List<Integer> keyColumns) {
    this.keyColumns = keyColumns.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Null when the query has no key columns. */
  public byte[] key(Row row) {
    if (keyColumns.length == 0) {
      return null;
    }
    return encode(row, keyColumns);
  }

  public byte[] value(Row row) {
    int[] all = new int[row.getFieldCount()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return encode(row, all);
  }

  private static byte[] encode(Row row, int[] columns) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 16 * columns.length);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartArray();
      for (int column : columns) {
        write(json, row.getValue(column));
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static void write(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof String) {
      json.writeString((String) value);
    } else if (value instanceof Boolean) {
      json.writeBoolean((Boolean) value);
    } else if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      if (Double.isFinite(number)) {
        json.writeNumber(number);
      } else {
        json.writeString(Double.toString(number));
      }
    } else if (value instanceof BigDecimal) {
      json.writeNumber((BigDecimal) value);
    } else if (value instanceof Number) {
      json.writeNumber(((Number) value).longValue());
    } else if (value instanceof ReadableInstant) {
      json.writeNumber(((ReadableInstant) value).getMillis());
    } else if (value instanceof byte[]) {
      json.writeString(Base64.getEncoder().encodeToString((byte[]) value));
    } else {
      json.writeString(value.toString());
    }
  }
}
