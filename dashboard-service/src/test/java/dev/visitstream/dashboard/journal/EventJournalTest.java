package dev.visitstream.dashboard.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visitstream.visit.VisitField;
import dev.visitstream.visit.testing.SampleVisit;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJournalTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void numbersEventsInOrderAndSealsThemIntoOneSseMessagePerFrame() throws Exception {
    EventJournal journal = new EventJournal(100, 10, 1000);
    journal.append(events(3, 200));
    assertThat(journal.latest()).as("nothing sealed before the frame clock ticks").isNull();
    assertThat(journal.headSeq()).isEqualTo(1002);

    Frame f = journal.seal();

    assertThat(f.fromSeq()).isEqualTo(1000);
    assertThat(f.toSeq()).isEqualTo(1002);
    String message = text(f.encode(EventFilter.ALL, 0));
    assertThat(message).startsWith("event: events\nid: 1002\ndata: ").endsWith("\n\n");
    JsonNode data = data(message);
    assertThat(data.get("from").asLong()).isEqualTo(1000);
    assertThat(data.get("count").asInt()).isEqualTo(3);
    assertThat(data.get("events"))
        .extracting(e -> e.get("seq").asLong())
        .containsExactly(1000L, 1001L, 1002L);
    assertThat(data.get("events").get(0).get("user_agent").asText())
        .isEqualTo("<img src=x onerror=alert(0)>");
  }

  @Test
  void aFullFrameIsSealedByTheWriterItself() {
    EventJournal journal = new EventJournal(100, 10, 1);
    List<Frame> sealed = new ArrayList<>();
    journal.onSeal(sealed::add);

    journal.append(events(25, 200));

    assertThat(sealed).extracting(Frame::count).containsExactly(10, 10);
    assertThat(journal.seal().count()).isEqualTo(5);
  }

  @Test
  void forgetsTheOldestFramesBeyondItsCapacity() {
    EventJournal journal = new EventJournal(20, 10, 1);
    for (int i = 0; i < 5; i++) {
      journal.append(events(8, 200));
      journal.seal();
    }
    // 40 events in frames of 8; at most 20 are held, so only the newest 2 frames (16) stay
    assertThat(journal.retainedEvents()).isEqualTo(16);
    assertThat(journal.oldestSeq()).isEqualTo(25);
    assertThat(journal.frameNumberOf(3)).as("forgotten").isEqualTo(-1);
    assertThat(journal.frameNumberOf(30)).isEqualTo(3);
    assertThat(journal.frameNumberOf(41)).as("not sealed yet: the next frame").isEqualTo(5);
  }

  @Test
  void encodesOnlyWhatAFilterOrAResumePointAsksFor() throws Exception {
    EventJournal journal = new EventJournal(100, 10, 1);
    journal.append(List.of(event("u1", 200), event("u2", 404), event("u1", 503), event("u3", 200)));
    Frame f = journal.seal();

    EventFilter errorsOfU1 =
        EventFilter.fromQuery(
            Map.of("http_response", List.of("5xx,404"), "user_id", List.of("u1")));
    JsonNode data = data(text(f.encode(errorsOfU1, 0)));
    assertThat(data.get("events"))
        .extracting(e -> e.get("http_response").asInt())
        .containsExactly(503);
    assertThat(data.get("to").asLong()).as("the id still covers the whole frame").isEqualTo(4);

    JsonNode resumed = data(text(f.encode(EventFilter.ALL, 3)));
    assertThat(resumed.get("from").asLong()).isEqualTo(3);
    assertThat(resumed.get("events"))
        .extracting(e -> e.get("seq").asLong())
        .containsExactly(3L, 4L);

    assertThat(f.encode(EventFilter.fromQuery(Map.of("age_bracket", List.of("nobody"))), 0))
        .isNull();
  }

  @Test
  void anEventWithoutTheFilteredFieldDoesNotMatch() {
    EventJournal journal = new EventJournal(100, 10, 1);
    journal.append(List.of(decode("{\"id\":\"u1\",\"http_response\":200,\"event_ts\":1}")));
    Frame f = journal.seal();

    assertThat(f.encode(EventFilter.fromQuery(Map.of("age_bracket", List.of("26-40"))), 0))
        .isNull();
    assertThat(f.encode(EventFilter.fromQuery(Map.of("page", List.of("index.html"))), 0)).isNull();
    assertThat(f.encode(EventFilter.ALL, 0).events()).isEqualTo(1);
  }

  @Test
  void rejectsACapacitySmallerThanAFrame() {
    assertThatThrownBy(() -> new EventJournal(5, 10, 1))
        .hasMessageContaining("dashboard.journal.capacity");
  }

  @Test
  void rejectsFiltersItCannotUnderstand() {
    assertThatThrownBy(() -> EventFilter.fromQuery(Map.of("http_response", List.of("teapot"))))
        .hasMessageContaining("'http_response'")
        .hasMessageContaining("teapot");
  }

  static List<VisitEvent> events(int n, int code) {
    List<VisitEvent> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(event("user-" + i, code));
    }
    return list;
  }

  static VisitEvent event(String user, int code) {
    return decode(
        SampleVisit.of(user, 1_795_000_000_000L)
            .with(VisitField.USER_AGENT, "<img src=x onerror=alert(0)>")
            .with(VisitField.HTTP_REQUEST, "GET index.html HTTP/1.0")
            .with(VisitField.HTTP_RESPONSE, code)
            .json());
  }

  private static VisitEvent decode(String json) {
    try {
      return new VisitDecoder().decode(json.getBytes(StandardCharsets.UTF_8));
    } catch (InvalidVisitException e) {
      throw new AssertionError(e);
    }
  }

  private static String text(Frame.Encoded e) {
    var b = e.buffer();
    return new String(b.getBytes(), StandardCharsets.UTF_8);
  }

  private static JsonNode data(String message) throws Exception {
    int start = message.indexOf("data: ") + 6;
    return MAPPER.readTree(message.substring(start, message.indexOf('\n', start)));
  }
}
