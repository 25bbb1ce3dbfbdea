package dev.visitstream.visit;

/**
 * The fields of a website-visit value, in the order every writer puts them: the generator, the
 * pipeline's website-out value, the benchmark's input. A field's JSON name, type and example value
 * live here and nowhere else; parsers, schemas and test visits are built from this list.
 *
 * <p>{@link #EVENT_TS} is last, and a new field goes before it: the pipeline reads a record's event
 * time from the value's last bytes ({@code ,"event_ts":<digits>}}) for every record it reads, and
 * falls back to scanning the whole value, which costs a parse, only when a value does not end that
 * way.
 */
public enum VisitField {
  IP("ip", VisitFieldType.TEXT, "203.0.113.7"),
  ID("id", VisitFieldType.TEXT, "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b"),
  LAT("lat", VisitFieldType.POSITION, 51.5072),
  LNG("lng", VisitFieldType.POSITION, -0.1276),
  USER_AGENT("user_agent", VisitFieldType.TEXT, "Mozilla/5.0 (X11; Linux x86_64)"),
  AGE_BRACKET("age_bracket", VisitFieldType.TEXT, "26-40"),
  OPTED_INTO_MARKETING("opted_into_marketing", VisitFieldType.BOOLEAN, true),
  HTTP_REQUEST("http_request", VisitFieldType.TEXT, "GET chromista.html HTTP/1.0"),
  HTTP_RESPONSE("http_response", VisitFieldType.INT, 200),
  /** BIGINT so that a SUM over a window cannot overflow. */
  FILE_SIZE_BYTES("file_size_bytes", VisitFieldType.BIGINT, 1234L),
  /** event_ts as UTC date and time without offset, to the millisecond. */
  EVENT_DATETIME("event_datetime", VisitFieldType.TEXT, "2026-11-29T13:05:01.123"),
  /** Epoch milliseconds; the visit's event time. */
  EVENT_TS("event_ts", VisitFieldType.BIGINT, 1_795_957_501_123L);

  /** Every field in contract order; a shared array, to be read, not written. */
  public static final VisitField[] ALL = values();

  private final String jsonName;
  private final VisitFieldType type;
  private final Object example;

  VisitField(String jsonName, VisitFieldType type, Object example) {
    this.jsonName = jsonName;
    this.type = type;
    this.example = example;
  }

  /** The snake_case name in the JSON value, which is also the SQL column name. */
  public String jsonName() {
    return jsonName;
  }

  public VisitFieldType type() {
    return type;
  }

  /**
   * A valid value (String, Boolean, Integer, Long or Double by {@link #type()}), which test visits
   * and the benchmark's input use unless they choose their own.
   */
  public Object example() {
    return example;
  }

  /** The field of that JSON name, or null; the expected next field is tried first. */
  public static VisitField named(String jsonName, int expectedOrdinal) {
    if (expectedOrdinal >= 0
        && expectedOrdinal < ALL.length
        && ALL[expectedOrdinal].jsonName.equals(jsonName)) {
      return ALL[expectedOrdinal];
    }
    for (VisitField field : ALL) {
      if (field.jsonName.equals(jsonName)) {
        return field;
      }
    }
    return null;
  }
}
