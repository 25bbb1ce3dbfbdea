package dev.visitstream.dashboard.journal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a live-events client wants to see: each non-empty set must match (AND), any value inside a
 * set may match (OR). Equal filters are equal records, so a frame encodes each distinct filter once
 * however many clients share it.
 */
public record EventFilter(
    Set<Integer> httpResponses,
    Set<Integer> httpResponseClasses,
    Set<String> ageBrackets,
    Set<String> userIds,
    Set<String> pages) {

  public static final EventFilter ALL =
      new EventFilter(Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

  /** Query parameters a filter is made of (each may repeat or hold a comma-separated list). */
  public static final List<String> PARAMETERS =
      List.of("http_response", "age_bracket", "user_id", "page");

  public EventFilter {
    httpResponses = Set.copyOf(httpResponses);
    httpResponseClasses = Set.copyOf(httpResponseClasses);
    ageBrackets = Set.copyOf(ageBrackets);
    userIds = Set.copyOf(userIds);
    pages = Set.copyOf(pages);
  }

  public boolean isAll() {
    return httpResponses.isEmpty()
        && httpResponseClasses.isEmpty()
        && ageBrackets.isEmpty()
        && userIds.isEmpty()
        && pages.isEmpty();
  }

  public boolean matches(int httpResponse, String ageBracket, String userId, String page) {
    if (!httpResponses.isEmpty() || !httpResponseClasses.isEmpty()) {
      if (!httpResponses.contains(httpResponse)
          && !httpResponseClasses.contains(httpResponse / 100)) {
        return false;
      }
    }
    return allows(ageBrackets, ageBracket) && allows(userIds, userId) && allows(pages, page);
  }

  /**
   * An event without the field matches no non-empty set (and Set.copyOf's sets throw on
   * contains(null)).
   */
  private static boolean allows(Set<String> wanted, String value) {
    return wanted.isEmpty() || (value != null && wanted.contains(value));
  }

  /**
   * Builds a filter from query parameters.
   *
   * @param values parameter name to its values (repeated parameters and comma-separated lists both
   *     work: {@code http_response=404,500&http_response=5xx})
   * @throws IllegalArgumentException naming the parameter and the value that is wrong
   */
  public static EventFilter fromQuery(Map<String, ? extends Collection<String>> values) {
    Set<Integer> codes = new TreeSet<>();
    Set<Integer> classes = new TreeSet<>();
    for (String v : split(values.get("http_response"))) {
      if (v.length() == 3
          && v.substring(1).equalsIgnoreCase("xx")
          && v.charAt(0) >= '1'
          && v.charAt(0) <= '5') {
        classes.add(v.charAt(0) - '0');
        continue;
      }
      try {
        int code = Integer.parseInt(v);
        if (code < 100 || code > 599) {
          throw new NumberFormatException();
        }
        codes.add(code);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "query parameter 'http_response' must be a status code 100-599 or a class like 5xx, got '"
                + abbreviate(v)
                + "'");
      }
    }
    return new EventFilter(
        codes,
        classes,
        new TreeSet<>(split(values.get("age_bracket"))),
        new TreeSet<>(split(values.get("user_id"))),
        new TreeSet<>(split(values.get("page"))));
  }

  /** The filter as plain JSON-friendly values (for the stream's hello message). */
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    Set<String> responses = new TreeSet<>();
    httpResponses.forEach(c -> responses.add(Integer.toString(c)));
    httpResponseClasses.forEach(c -> responses.add(c + "xx"));
    if (!responses.isEmpty()) {
      d.put("http_response", responses);
    }
    if (!ageBrackets.isEmpty()) {
      d.put("age_bracket", new TreeSet<>(ageBrackets));
    }
    if (!userIds.isEmpty()) {
      d.put("user_id", new TreeSet<>(userIds));
    }
    if (!pages.isEmpty()) {
      d.put("page", new TreeSet<>(pages));
    }
    return d;
  }

  private static List<String> split(Collection<String> raw) {
    if (raw == null) {
      return List.of();
    }
    return raw.stream()
        .flatMap(v -> java.util.Arrays.stream(v.split(",")))
        .map(String::strip)
        .filter(v -> !v.isEmpty())
        .toList();
  }

  private static String abbreviate(String v) {
    return v.length() <= 40 ? v : v.substring(0, 40) + "…";
  }
}
