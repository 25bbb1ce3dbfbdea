package dev.visitstream.pipeline.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/** A query's rows as result-topic records: what the dashboard and the page read. */
class QueryRowJsonTest {

  private static final Schema SCHEMA =
      Schema.builder()
          .addDateTimeField("window_start")
          .addStringField("id")
          .addInt64Field("visits")
          .addNullableField("avg_size", Schema.FieldType.DOUBLE)
          .addNullableField("share", Schema.FieldType.DECIMAL)
          .addNullableField("note", Schema.FieldType.STRING)
          .addNullableField("ok", Schema.FieldType.BOOLEAN)
          .build();

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void aRowIsAnArrayOfItsValuesAndItsKeyAnArrayOfItsKeyColumns() {
    Row row =
        Row.withSchema(SCHEMA)
            .addValues(
                new Instant(1_700_000_000_000L),
                "user-1",
                42L,
                1.5,
                new BigDecimal("0.25"),
                null,
                true)
            .build();
    QueryRowJson json = new QueryRowJson(List.of(0, 1));

    assertThat(text(json.key(row))).isEqualTo("[1700000000000,\"user-1\"]");
    assertThat(text(json.value(row))).isEqualTo("[1700000000000,\"user-1\",42,1.5,0.25,null,true]");
  }

  @Test
  void rowsOfAQueryWithoutKeyColumnsHaveNoKey() {
    Row row =
        Row.withSchema(SCHEMA).addValues(new Instant(0), "u", 1L, null, null, null, null).build();

    assertThat(new QueryRowJson(List.of()).key(row)).isNull();
  }

  @Test
  void userTextIsEscapedAsJsonStrings() throws Exception {
    String hostile = "\"</script><img src=x onerror=alert(1)>\\\u0000\u2028é😀";
    Row row =
        Row.withSchema(SCHEMA)
            .addValues(new Instant(0), hostile, 1L, null, null, hostile, null)
            .build();

    JsonNode value = new ObjectMapper().readTree(new QueryRowJson(List.of(1)).value(row));

    assertThat(value.get(1).asText()).isEqualTo(hostile);
    assertThat(value.get(5).asText()).isEqualTo(hostile);
  }

  @Test
  void nonFiniteNumbersAreStringsBecauseJsonHasNoSuchNumbers() {
    Row row =
        Row.withSchema(SCHEMA)
            .addValues(new Instant(0), "u", 1L, Double.NaN, null, null, null)
            .build();

    assertThat(text(new QueryRowJson(List.of()).value(row)))
        .isEqualTo("[0,\"u\",1,\"NaN\",null,null,null]");
  }
}
