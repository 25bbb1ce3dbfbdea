package dev.visitstream.bench;

import dev.visitstream.visit.VisitField;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The benchmark's input: website-visit records shaped like the generator's (the contract's fields,
 * about 430 bytes, 5 % of users without a position), with an exact share of malformed records of
 * the same kinds the generator makes. Deterministic for a seed, so every variant of a run and every
 * run of the suite reads the same bytes. event_ts grows by 1000 / events-per-second ms per record
 * (at least 1 ms), and an exact share of visits is late: it takes the event_ts of the place
 * late-by-seconds worth of visits earlier, with another user than the visit that holds that place,
 * so the website-out key {"event_id","event_ts"} stays unique per event in every shape.
 */
final class BenchVisits {

  /** The kinds of record that are not a valid visit; each one must end in the dead letters. */
  enum Flaw {
    NOT_JSON,
    TRUNCATED_JSON,
    MISSING_EVENT_TS,
    MISSING_ID,
    MISSING_HTTP_RESPONSE,
    EVENT_TS_AS_TEXT,
    HTTP_RESPONSE_AS_TEXT,
    LAT_AS_WORD
  }

  record Visit(byte[] key, byte[] value, Flaw flaw) {}

  private static final String[] USER_AGENTS = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.130 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91",
    "Opera/9.80 (Windows NT 6.1; U; en) Presto/2.10.289 Version/12.02",
    "Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.2; Trident/6.0; Touch; MASMJS)"
  };
  private static final String[] AGE_BRACKETS = {"18-25", "26-40", "41-55", "56+"};
  private static final String[] METHODS = {"GET", "GET", "GET", "GET", "POST", "PUT", "DELETE"};
  private static final String[] PAGES = {
    "index.html", "chromista.html", "fungi.html", "plantae.html", "protozoa.html", "animalia.html",
    "bacteria.html", "archaea.html", "checkout.html", "search.html", "account.html", "about.html"
  };
  private static final String[] PROTOCOLS = {"HTTP/1.0", "HTTP/1.1", "HTTP/2.0"};
  private static final int[] RESPONSES = {200, 200, 200, 200, 200, 200, 200, 304, 404, 500};
  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS", Locale.ROOT);

  private final User[] users;
  private final SplittableRandom random;
  private final double malformedShare;
  private final long firstEventTs;
  private final int eventsPerSecond;
  private final double lateShare;

  /**
   * The user of each of the last places a late visit can take, indexed by place modulo its length;
   * -1 for a place whose visit was late itself (its event_ts is free).
   */
  private final int[] placeUsers;

  private double malformedCarry;
  private double lateCarry;
  private long malformedCount;
  private long sequence;

  private record User(
      String id,
      String ip,
      String lat,
      String lng,
      String userAgent,
      String ageBracket,
      boolean optedIn) {}

  BenchVisits(
      long seed,
      int userCount,
      double emptyLocationShare,
      double malformedShare,
      long firstEventTs,
      int eventsPerSecond,
      double lateShare,
      int lateBySeconds) {
    if (eventsPerSecond < 1 || eventsPerSecond > 1000) {
      throw new IllegalArgumentException("events per second must lie between 1 and 1000");
    }
    if (lateShare > 0 && (lateBySeconds < 1 || userCount < 2)) {
      throw new IllegalArgumentException("late visits need a lateness of 1 s or more and 2 users");
    }
    this.random = new SplittableRandom(seed);
    this.malformedShare = malformedShare;
    this.firstEventTs = firstEventTs;
    this.eventsPerSecond = eventsPerSecond;
    this.lateShare = lateShare;
    this.placeUsers = new int[lateShare > 0 ? lateBySeconds * eventsPerSecond : 0];
    this.users = new User[userCount];
    for (int i = 0; i < userCount; i++) {
      boolean positioned = random.nextDouble() >= emptyLocationShare;
      users[i] =
          new User(
              new UUID(random.nextLong(), random.nextLong()).toString(),
              (random.nextInt(223) + 1)
                  + "."
                  + random.nextInt(256)
                  + "."
                  + random.nextInt(256)
                  + "."
                  + (random.nextInt(254) + 1),
              positioned ? coordinate(90) : "\"\"",
              positioned ? coordinate(180) : "\"\"",
              USER_AGENTS[random.nextInt(USER_AGENTS.length)],
              AGE_BRACKETS[random.nextInt(AGE_BRACKETS.length)],
              random.nextDouble() < 0.35);
    }
  }

  /** How many of the first {@code count} records are malformed (the carry spreads them evenly). */
  static long malformedAmong(long count, double share) {
    return (long) Math.floor(count * share + 1e-9);
  }

  /** The event_ts of a place in the sequence; negative places lie before the first. */
  private long eventTsOf(long place) {
    return firstEventTs + Math.floorDiv(place * 1000, eventsPerSecond);
  }

  Visit next() {
    int userIndex = random.nextInt(users.length);
    long place = sequence++;
    long eventTs = eventTsOf(place);
    lateCarry += lateShare;
    if (lateCarry >= 1 - 1e-9) {
      lateCarry -= 1;
      long earlierPlace = place - placeUsers.length;
      eventTs = eventTsOf(earlierPlace);
      int slot = (int) (place % placeUsers.length);
      if (earlierPlace >= 0 && placeUsers[slot] == userIndex) {
        userIndex = (userIndex + 1) % users.length;
      }
      placeUsers[slot] = -1;
    } else if (placeUsers.length > 0) {
      placeUsers[(int) (place % placeUsers.length)] = userIndex;
    }
    User user = users[userIndex];
    String request =
        METHODS[random.nextInt(METHODS.length)]
            + " "
            + PAGES[random.nextInt(PAGES.length)]
            + " "
            + PROTOCOLS[random.nextInt(PROTOCOLS.length)];
    int response = RESPONSES[random.nextInt(RESPONSES.length)];
    int size = response == 200 ? 300 + random.nextInt(250_000) : 120 + random.nextInt(1_500);
    byte[] key = user.id.getBytes(StandardCharsets.UTF_8);

    malformedCarry += malformedShare;
    if (malformedCarry < 1 - 1e-9) {
      return new Visit(key, json(user, request, response, size, eventTs, null), null);
    }
    malformedCarry -= 1;
    Flaw flaw = Flaw.values()[(int) (malformedCount++ % Flaw.values().length)];
    byte[] value;
    if (flaw == Flaw.NOT_JSON) {
      value =
          (user.ip + " - " + user.id + " \"" + request + "\" " + response + " " + size)
              .getBytes(StandardCharsets.UTF_8);
    } else if (flaw == Flaw.TRUNCATED_JSON) {
      byte[] whole = json(user, request, response, size, eventTs, null);
      value = java.util.Arrays.copyOf(whole, whole.length / 2);
    } else {
      value = json(user, request, response, size, eventTs, flaw);
    }
    return new Visit(key, value, flaw);
  }

  /**
   * Every {@link VisitField} in contract order; {@code flaw} drops one or gives it the wrong type.
   */
  private static byte[] json(
      User user, String request, int response, int size, long eventTs, Flaw flaw) {
    StringBuilder out = new StringBuilder(480).append('{');
    for (VisitField field : VisitField.ALL) {
      String value = value(field, user, request, response, size, eventTs, flaw);
      if (value != null) {
        out.append(out.length() > 1 ? "," : "")
            .append('"')
            .append(field.jsonName())
            .append("\":")
            .append(value);
      }
    }
    return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The JSON of one field, or null to leave it out; a field made here by no rule gets its example.
   */
  private static String value(
      VisitField field,
      User user,
      String request,
      int response,
      int size,
      long eventTs,
      Flaw flaw) {
    switch (field) {
      case IP:
        return quoted(user.ip);
      case ID:
        return flaw == Flaw.MISSING_ID ? null : quoted(user.id);
      case LAT:
        return flaw == Flaw.LAT_AS_WORD ? quoted("north") : user.lat;
      case LNG:
        return flaw == Flaw.LAT_AS_WORD ? quoted("east") : user.lng;
      case USER_AGENT:
        return quoted(user.userAgent);
      case AGE_BRACKET:
        return quoted(user.ageBracket);
      case OPTED_INTO_MARKETING:
        return String.valueOf(user.optedIn);
      case HTTP_REQUEST:
        return quoted(request);
      case HTTP_RESPONSE:
        if (flaw == Flaw.MISSING_HTTP_RESPONSE) {
          return null;
        }
        return flaw == Flaw.HTTP_RESPONSE_AS_TEXT
            ? quoted("status " + response)
            : String.valueOf(response);
      case FILE_SIZE_BYTES:
        return String.valueOf(size);
      case EVENT_DATETIME:
        return quoted(
            LocalDateTime.ofEpochSecond(
                    Math.floorDiv(eventTs, 1000),
                    (int) Math.floorMod(eventTs, 1000) * 1_000_000,
                    ZoneOffset.UTC)
                .format(DATETIME));
      case EVENT_TS:
        if (flaw == Flaw.MISSING_EVENT_TS) {
          return null;
        }
        return flaw == Flaw.EVENT_TS_AS_TEXT ? quoted("yesterday") : String.valueOf(eventTs);
      default:
        Object example = field.example();
        return example instanceof String ? quoted((String) example) : String.valueOf(example);
    }
  }

  /** The generated texts need no escaping: no quote, backslash or control character. */
  private static String quoted(String text) {
    return '"' + text + '"';
  }

  /** A coordinate with 7 decimals, as Datafaker writes them (e.g. -8.7737005). */
  private String coordinate(int bound) {
    return new java.math.BigDecimal((random.nextDouble() * 2 - 1) * bound)
        .setScale(7, java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }
}
