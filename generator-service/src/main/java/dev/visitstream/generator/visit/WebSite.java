package dev.visitstream.generator.visit;

import dev.visitstream.visit.VisitField;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import net.datafaker.Faker;

/**
 * The simulated web site: its pages and how it is asked for them (method, protocol) and answers
 * (status code, size). Every request line and status field is rendered once, as JSON bytes.
 */
final class WebSite {

  private static final String REQUEST_MEMBER = "," + JsonMember.name(VisitField.HTTP_REQUEST);
  private static final int PAGES = 60;
  private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "HEAD"};
  private static final double[] METHOD_SHARES = {0.82, 0.12, 0.03, 0.02, 0.01};
  private static final String[] PROTOCOLS = {"HTTP/1.0", "HTTP/1.1", "HTTP/2.0"};
  private static final double[] PROTOCOL_SHARES = {0.10, 0.60, 0.30};
  // Mostly 200, with the redirects, client and server errors a real access log has.
  private static final int[] RESPONSES = {200, 301, 304, 400, 401, 403, 404, 500, 502, 503};
  private static final double[] RESPONSE_SHARES = {
    0.82, 0.02, 0.05, 0.015, 0.01, 0.01, 0.05, 0.015, 0.005, 0.005
  };

  private final byte[][] requestFields;
  private final byte[][] responseFields;
  private final byte[][] wrongTypeResponseFields;

  WebSite(long seed) {
    Faker faker = new Faker(Locale.ROOT, new Random(seed));
    Set<String> pages = new LinkedHashSet<>();
    pages.add("index.html");
    while (pages.size() < PAGES) {
      pages.add(faker.lorem().word().toLowerCase(Locale.ROOT) + ".html");
    }
    requestFields = new byte[METHODS.length * PROTOCOLS.length * PAGES][];
    int i = 0;
    for (String method : METHODS) {
      for (String protocol : PROTOCOLS) {
        for (String page : pages) {
          requestFields[i++] =
              ascii(REQUEST_MEMBER + "\"" + method + " " + page + " " + protocol + "\"");
        }
      }
    }
    responseFields = new byte[RESPONSES.length][];
    wrongTypeResponseFields = new byte[RESPONSES.length][];
    for (int r = 0; r < RESPONSES.length; r++) {
      responseFields[r] = ascii("," + JsonMember.name(VisitField.HTTP_RESPONSE) + RESPONSES[r]);
      wrongTypeResponseFields[r] =
          ascii(
              "," + JsonMember.name(VisitField.HTTP_RESPONSE) + "\"status " + RESPONSES[r] + "\"");
    }
  }

  /** A request line; popular pages (low index, e.g. index.html) are asked for more often. */
  int pickRequest(SplittableRandom random) {
    int method = Weighted.pick(METHOD_SHARES, random.nextDouble());
    int protocol = Weighted.pick(PROTOCOL_SHARES, random.nextDouble());
    double u = random.nextDouble();
    int page = (int) (PAGES * u * u);
    return (method * PROTOCOLS.length + protocol) * PAGES + page;
  }

  int pickResponse(SplittableRandom random) {
    return Weighted.pick(RESPONSE_SHARES, random.nextDouble());
  }

  /** Bytes sent: small for redirects and errors, mostly small with a long tail for 200. */
  int pickSize(int response, SplittableRandom random) {
    if (RESPONSES[response] != 200) {
      return 120 + random.nextInt(1_500);
    }
    double u = random.nextDouble();
    return 300 + (int) (250_000 * u * u * u);
  }

  byte[] requestField(int request) {
    return requestFields[request];
  }

  byte[] responseField(int response) {
    return responseFields[response];
  }

  byte[] wrongTypeResponseField(int response) {
    return wrongTypeResponseFields[response];
  }

  /** The request line as plain text, for records that are not JSON at all. */
  String requestLine(int request) {
    String field = new String(requestFields[request], StandardCharsets.US_ASCII);
    return field.substring(REQUEST_MEMBER.length() + 1, field.length() - 1);
  }

  int responseCode(int response) {
    return RESPONSES[response];
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
