package dev.visitstream.dashboard.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitstream.visit.VisitField;
import dev.visitstream.visit.testing.SampleVisit;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VisitDecoderTest {

  private final VisitDecoder decoder = new VisitDecoder();

  @Test
  void readsEveryFieldOfTheContract() throws Exception {
    SampleVisit sample = SampleVisit.of("u-1", 1795000000000L);
    String json = sample.json();
    VisitEvent v = decode(json.substring(0, json.length() - 1) + ",\"extra\":{\"ignored\":[1,2]}}");

    for (VisitField field : VisitField.ALL) {
      assertThat(v.value(field)).as(field.jsonName()).isEqualTo(sample.get(field));
    }
    assertThat(v.page()).isEqualTo("chromista.html");
    assertThat(v.hasLocation()).isTrue();
  }

  @Test
  void anEmptyOrMissingLocationIsUnknown() throws Exception {
    VisitEvent v = decode("{\"id\":\"u\",\"lat\":\"\",\"event_ts\":1,\"http_response\":\"404\"}");

    assertThat(v.lat()).isEqualTo(-1);
    assertThat(v.lng()).isEqualTo(-1);
    assertThat(v.hasLocation()).isFalse();
    assertThat(v.httpResponse()).isEqualTo(404);
  }

  @Test
  void aCoordinateBeyondDoubleRangeIsUnknownNotInfinity() throws Exception {
    VisitEvent v =
        decode(
            "{\"id\":\"u\",\"lat\":1e999,\"lng\":\"-1e999\",\"event_ts\":1,\"http_response\":200}");

    assertThat(v.lat()).isEqualTo(-1);
    assertThat(v.lng()).isEqualTo(-1);
  }

  @Test
  void namesTheFieldThatIsWrong() {
    assertThatThrownBy(() -> decode("{\"id\":\"u\",\"event_ts\":1,\"http_response\":\"OK\"}"))
        .isInstanceOf(InvalidVisitException.class)
        .hasMessageContaining("'http_response'");
    assertThatThrownBy(() -> decode("{\"id\":\"u\",\"http_response\":200}"))
        .hasMessageContaining("'event_ts' is missing");
    assertThatThrownBy(
            () -> decode("{\"id\":\"u\",\"lat\":\"north\",\"event_ts\":1,\"http_response\":200}"))
        .hasMessageContaining("'lat'");
    assertThatThrownBy(() -> decode("not json")).hasMessageContaining("malformed JSON");
  }

  private VisitEvent decode(String json) throws InvalidVisitException {
    return decoder.decode(json.getBytes(StandardCharsets.UTF_8));
  }
}
