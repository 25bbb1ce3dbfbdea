package dev.visitstream.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import org.joda.time.ReadableInstant;

/**
 * Writes flat JSON objects field by field, typed by the Java value (a SQL row's values): small and
 * fast enough for every record, with none of the reflection of an object mapper.
 */
final class RowJson implements AutoCloseable {

  private static final JsonFactory JSON = new JsonFactory();

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
  private final JsonGenerator generator;

  RowJson() {
    try {
      generator = JSON.createGenerator(bytes);
      generator.writeStartObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  RowJson field(String name, Object value) {
    try {
      generator.writeFieldName(name);
      if (value == null) {
        generator.writeNull();
      } else if (value instanceof String) {
        generator.writeString((String) value);
      } else if (value instanceof Boolean) {
        generator.writeBoolean((Boolean) value);
      } else if (value instanceof Double || value instanceof Float) {
        generator.writeNumber(((Number) value).doubleValue());
      } else if (value instanceof BigDecimal) {
        generator.writeNumber((BigDecimal) value);
      } else if (value instanceof Number) {
        generator.writeNumber(((Number) value).longValue());
      } else if (value instanceof ReadableInstant) {
        generator.writeNumber(((ReadableInstant) value).getMillis());
      } else {
        generator.writeString(value.toString());
      }
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  byte[] toBytes() {
    try {
      generator.writeEndObject();
      generator.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      generator.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
