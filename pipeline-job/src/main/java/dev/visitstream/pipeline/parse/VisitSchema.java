package dev.visitstream.pipeline.parse;

import java.util.List;
import org.apache.beam.sdk.schemas.Schema;

/**
 * The schema of a parsed website visit: the 12 fields of the website-visit contract, with the
 * snake_case names that the SQL stages and the website-out value use.
 */
public final class VisitSchema {

  public static final String IP = "ip";
  public static final String ID = "id";
  public static final String LAT = "lat";
  public static final String LNG = "lng";
  public static final String USER_AGENT = "user_agent";
  public static final String AGE_BRACKET = "age_bracket";
  public static final String OPTED_INTO_MARKETING = "opted_into_marketing";
  public static final String HTTP_REQUEST = "http_request";
  public static final String HTTP_RESPONSE = "http_response";
  public static final String FILE_SIZE_BYTES = "file_size_bytes";
  public static final String EVENT_DATETIME = "event_datetime";
  public static final String EVENT_TS = "event_ts";

  /** lat and lng of a visit that came without a position ("" or missing). */
  public static final double NO_POSITION = -1;

  /** file_size_bytes is BIGINT so that SUM over a window cannot overflow. */
  public static final Schema SCHEMA =
      Schema.builder()
          .addStringField(IP)
          .addStringField(ID)
          .addDoubleField(LAT)
          .addDoubleField(LNG)
          .addStringField(USER_AGENT)
          .addStringField(AGE_BRACKET)
          .addBooleanField(OPTED_INTO_MARKETING)
          .addStringField(HTTP_REQUEST)
          .addInt32Field(HTTP_RESPONSE)
          .addInt64Field(FILE_SIZE_BYTES)
          .addStringField(EVENT_DATETIME)
          .addInt64Field(EVENT_TS)
          .build();

  public static final List<String> FIELD_NAMES = SCHEMA.getFieldNames();

  private VisitSchema() {}
}
