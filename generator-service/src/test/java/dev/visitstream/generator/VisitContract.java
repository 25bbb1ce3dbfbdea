package dev.visitstream.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visitstream.visit.VisitField;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The website-visit value contract ({@link VisitField}), as a checker for tests. */
final class VisitContract {

  static final List<String> FIELDS =
      Arrays.stream(VisitField.ALL).map(VisitField::jsonName).toList();
  static final ObjectMapper JSON = new ObjectMapper();

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern REQUEST =
      Pattern.compile("(GET|POST|PUT|DELETE|HEAD) [a-z]+\\.html HTTP/(1\\.0|1\\.1|2\\.0)");
  private static final Set<String> AGE_BRACKETS = Set.of("18-25", "26-40", "41-55", "56+");
  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");

  private VisitContract() {}

  static JsonNode parse(byte[] value) {
    try {
      return JSON.readTree(value);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + new String(value), e);
    }
  }

  /** What is wrong with {@code value} as a visit; empty for a valid one. */
  static List<String> problems(byte[] value) {
    JsonNode visit;
    try {
      visit = JSON.readTree(value);
    } catch (IOException e) {
      return List.of("not JSON");
    }
    if (visit == null || !visit.isObject()) {
      return List.of("not a JSON object");
    }
    List<String> problems = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = visit.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    if (!names.equals(FIELDS)) {
      problems.add("fields " + names);
      return problems;
    }
    check(
        problems,
        "ip",
        visit.get("ip").isTextual() && IPV4.matcher(visit.get("ip").asText()).matches());
    check(problems, "id", visit.get("id").isTextual() && !visit.get("id").asText().isEmpty());
    check(
        problems,
        "lat/lng",
        location(visit.get("lat"), 90)
            && location(visit.get("lng"), 180)
            && visit.get("lat").isTextual() == visit.get("lng").isTextual());
    check(
        problems,
        "user_agent",
        visit.get("user_agent").isTextual() && !visit.get("user_agent").asText().isBlank());
    check(problems, "age_bracket", AGE_BRACKETS.contains(visit.get("age_bracket").asText()));
    check(problems, "opted_into_marketing", visit.get("opted_into_marketing").isBoolean());
    check(
        problems,
        "http_request",
        visit.get("http_request").isTextual()
            && REQUEST.matcher(visit.get("http_request").asText()).matches());
    check(
        problems,
        "http_response",
        visit.get("http_response").isInt()
            && visit.get("http_response").asInt() >= 100
            && visit.get("http_response").asInt() < 600);
    check(
        problems,
        "file_size_bytes",
        visit.get("file_size_bytes").isInt() && visit.get("file_size_bytes").asInt() >= 0);
    check(problems, "event_ts", visit.get("event_ts").isIntegralNumber());
    check(
        problems,
        "event_datetime",
        visit.get("event_datetime").isTextual()
            && visit.get("event_ts").isIntegralNumber()
            && visit
                .get("event_datetime")
                .asText()
                .equals(
                    DATETIME.format(
                        LocalDateTime.ofInstant(
                            Instant.ofEpochMilli(visit.get("event_ts").asLong()),
                            ZoneOffset.UTC))));
    return problems;
  }

  private static boolean location(JsonNode node, double limit) {
    return node.isTextual()
        ? node.asText().isEmpty()
        : node.isDouble() && Math.abs(node.asDouble()) <= limit;
  }

  private static void check(List<String> problems, String field, boolean ok) {
    if (!ok) {
      problems.add(field);
    }
  }
}
