package dev.visitstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The records' JSON: byte for byte what a Jackson generator writes, hostile strings included,
 * except characters beyond the BMP, which are plain UTF-8 here where the generator escapes them as
 * two surrogates.
 */
class RowJsonTest {

  private static final Map<String, Object> FIELDS = fields();

  private static Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("ip", "203.0.113.7");
    fields.put("user_agent", "Mozilla/5.0 \"quoted\" \\ back\tslash <img src=x onerror=alert(1)>");
    fields.put("controls", "nul\u0000 bell\u0007 newline\n del\u007f sep\u2028");
    fields.put("unicode", "Zürich — 東京");
    fields.put("lat", -1.0);
    fields.put("lng", 151.20929);
    fields.put("tiny", 1.0E-7);
    fields.put("huge", 1.0E21);
    fields.put("ratio", 0.1f);
    fields.put("not_a_number", Double.NaN);
    fields.put("infinite", Double.NEGATIVE_INFINITY);
    fields.put("exact", new BigDecimal("12.3400"));
    fields.put("opted_into_marketing", true);
    fields.put("declined", false);
    fields.put("http_response", 404);
    fields.put("file_size_bytes", 9_007_199_254_740_993L);
    fields.put("zero", 0);
    fields.put("negative", -1_234_567L);
    fields.put("smallest", Long.MIN_VALUE);
    fields.put("largest", Long.MAX_VALUE);
    fields.put("short", (short) -7);
    fields.put("empty", "");
    fields.put("escape_first", "\"quoted\" start");
    fields.put("longer_than_the_buffer", "visit ".repeat(200) + "ende \u00e9");
    fields.put("window_start", new Instant(1_700_000_000_000L));
    fields.put("missing", null);
    fields.put("other", new StringBuilder("as \"text\""));
    return fields;
  }

  @Test
  void writesWhatAJacksonGeneratorWrites() throws IOException {
    RowJson json = new RowJson();
    FIELDS.forEach(json::field);

    assertThat(new String(json.toBytes(), StandardCharsets.UTF_8)).isEqualTo(jackson(FIELDS));
  }

  @Test
  void writesTheSameFromTheSmallestBuffer() throws IOException {
    RowJson json = new RowJson(1);
    FIELDS.forEach(json::field);

    assertThat(new String(json.toBytes(), StandardCharsets.UTF_8)).isEqualTo(jackson(FIELDS));
  }

  @Test
  void writesJsonThatReadsBackToTheSameValues() throws IOException {
    String rocket = "launch \uD83D\uDE80 \"now\"";
    byte[] bytes =
        new RowJson()
            .field("user_agent", FIELDS.get("user_agent"))
            .field("page", rocket)
            .field("lat", -1.0)
            .toBytes();

    Map<?, ?> read = new ObjectMapper().readValue(bytes, Map.class);
    assertThat(read.get("user_agent")).isEqualTo(FIELDS.get("user_agent"));
    assertThat(read.get("page")).isEqualTo(rocket);
    assertThat(read.get("lat")).isEqualTo(-1.0);
  }

  @Test
  void writesAnEmptyObject() {
    assertThat(new String(new RowJson().toBytes(), StandardCharsets.UTF_8)).isEqualTo("{}");
  }

  private static String jackson(Map<String, Object> fields) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator generator = new JsonFactory().createGenerator(bytes)) {
      generator.writeStartObject();
      for (Map.Entry<String, Object> field : fields.entrySet()) {
        generator.writeFieldName(field.getKey());
        Object value = field.getValue();
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
        } else if (value instanceof Instant) {
          generator.writeNumber(((Instant) value).getMillis());
        } else {
          generator.writeString(value.toString());
        }
      }
      generator.writeEndObject();
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
