package dev.visitstream.generator.visit;

import dev.visitstream.generator.settings.GeneratorSettings;
import dev.visitstream.visit.VisitField;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The visits of one run. Which user visits and what they ask for come from a random stream seeded
 * per run (same seed, same sequence). Which visits are malformed or late is not random: a carry
 * spreads them evenly, so N visits at share p hold exactly floor(N * p) of them. One thread only.
 */
public final class VisitStream {

  private static final double CARRY_TOLERANCE = 1e-9;
  private static final byte[] LAT_AS_WORD =
      (","
              + JsonMember.name(VisitField.LAT)
              + "\"north\","
              + JsonMember.name(VisitField.LNG)
              + "\"east\"")
          .getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FILE_SIZE_BYTES = JsonMember.next(VisitField.FILE_SIZE_BYTES);
  private static final byte[] EVENT_DATETIME = JsonMember.next(VisitField.EVENT_DATETIME);
  private static final byte[] EVENT_TS = JsonMember.next(VisitField.EVENT_TS);

  private final SplittableRandom random;
  private final ByteSink sink = new ByteSink(512);
  private final EventTimeFormat onTime = new EventTimeFormat();
  private final EventTimeFormat late = new EventTimeFormat();
  private double malformedCarry;
  private double lateCarry;
  private long malformedCount;

  public VisitStream(long seed) {
    this.random = new SplittableRandom(seed);
  }

  public VisitRecord next(TrafficModel model, GeneratorSettings settings, long nowMillis) {
    VisitUser user = model.users().pick(random);
    WebSite site = model.site();
    int request = site.pickRequest(random);
    int response = site.pickResponse(random);
    int size = site.pickSize(response, random);

    boolean isLate = (lateCarry += settings.lateShare()) >= 1 - CARRY_TOLERANCE;
    if (isLate) {
      lateCarry -= 1;
    }
    long eventTs = isLate ? nowMillis - settings.lateByMs() : nowMillis;
    EventTimeFormat time = isLate ? late : onTime;

    boolean isMalformed = (malformedCarry += settings.malformedShare()) >= 1 - CARRY_TOLERANCE;
    if (!isMalformed) {
      byte[] value =
          writeVisit(user, site, request, response, size, eventTs, time, settings, null).toArray();
      return new VisitRecord(user.key, value, null);
    }
    malformedCarry -= 1;
    Flaw flaw = Flaw.forMalformedNumber(malformedCount++);
    return new VisitRecord(
        user.key,
        malformed(flaw, user, site, request, response, size, eventTs, time, settings),
        flaw);
  }

  private byte[] malformed(
      Flaw flaw,
      VisitUser user,
      WebSite site,
      int request,
      int response,
      int size,
      long eventTs,
      EventTimeFormat time,
      GeneratorSettings settings) {
    return switch (flaw) {
      case NOT_JSON ->
          (user.ip()
                  + " - "
                  + user.id()
                  + " \""
                  + site.requestLine(request)
                  + "\" "
                  + site.responseCode(response)
                  + " "
                  + size)
              .getBytes(StandardCharsets.UTF_8);
      case TRUNCATED_JSON -> {
        ByteSink whole =
            writeVisit(user, site, request, response, size, eventTs, time, settings, null);
        yield whole.toArray(whole.length() / 2);
      }
      default ->
          writeVisit(user, site, request, response, size, eventTs, time, settings, flaw).toArray();
    };
  }

  /**
   * Every {@link VisitField} in contract order; {@code flaw} drops one or gives it the wrong type.
   */
  private ByteSink writeVisit(
      VisitUser user,
      WebSite site,
      int request,
      int response,
      int size,
      long eventTs,
      EventTimeFormat time,
      GeneratorSettings settings,
      Flaw flaw) {
    ByteSink out = sink.reset().write(user.ipField);
    if (flaw != Flaw.MISSING_ID) {
      out.write(user.idField);
    }
    if (flaw == Flaw.LAT_AS_WORD) {
      out.write(LAT_AS_WORD);
    } else {
      out.write(user.locationFields(settings.emptyLocationShare()));
    }
    out.write(user.profileFields).write(site.requestField(request));
    if (flaw == Flaw.HTTP_RESPONSE_AS_TEXT) {
      out.write(site.wrongTypeResponseField(response));
    } else if (flaw != Flaw.MISSING_HTTP_RESPONSE) {
      out.write(site.responseField(response));
    }
    out.write(FILE_SIZE_BYTES).writeLong(size);
    out.write(EVENT_DATETIME).write((byte) '"');
    time.write(eventTs, out);
    out.write((byte) '"');
    if (flaw == Flaw.EVENT_TS_AS_TEXT) {
      out.write(EVENT_TS).writeAscii("\"yesterday\"");
    } else if (flaw != Flaw.MISSING_EVENT_TS) {
      out.write(EVENT_TS).writeLong(eventTs);
    }
    return out.write((byte) '}');
  }
}
