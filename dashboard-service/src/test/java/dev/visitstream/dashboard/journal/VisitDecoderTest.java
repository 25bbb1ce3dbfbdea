package dev.visitstream.dashboard.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class VisitDecoderTest {

    private final VisitDecoder decoder = new VisitDecoder();

    @Test
    void readsTheTwelveFieldsOfTheContract() throws Exception {
        VisitEvent v = decode("{\"ip\":\"1.2.3.4\",\"id\":\"u-1\",\"lat\":48.85,\"lng\":2.35,\"user_agent\":\"UA\","
                + "\"age_bracket\":\"26-40\",\"opted_into_marketing\":true,\"http_request\":\"GET chromista.html HTTP/1.0\","
                + "\"http_response\":200,\"file_size_bytes\":512,\"event_datetime\":\"2026-11-24T13:05:01.123\","
                + "\"event_ts\":1795000000000,\"extra\":{\"ignored\":[1,2]}}");

        assertThat(v).isEqualTo(new VisitEvent("1.2.3.4", "u-1", 48.85, 2.35, "UA", "26-40", true,
                "GET chromista.html HTTP/1.0", 200, 512L, "2026-11-24T13:05:01.123", 1795000000000L));
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
        VisitEvent v = decode("{\"id\":\"u\",\"lat\":1e999,\"lng\":\"-1e999\",\"event_ts\":1,\"http_response\":200}");

        assertThat(v.lat()).isEqualTo(-1);
        assertThat(v.lng()).isEqualTo(-1);
    }

    @Test
    void namesTheFieldThatIsWrong() {
        assertThatThrownBy(() -> decode("{\"id\":\"u\",\"event_ts\":1,\"http_response\":\"OK\"}"))
                .isInstanceOf(InvalidVisitException.class).hasMessageContaining("'http_response'");
        assertThatThrownBy(() -> decode("{\"id\":\"u\",\"http_response\":200}"))
                .hasMessageContaining("'event_ts' is missing");
        assertThatThrownBy(() -> decode("{\"id\":\"u\",\"lat\":\"north\",\"event_ts\":1,\"http_response\":200}"))
                .hasMessageContaining("'lat'");
        assertThatThrownBy(() -> decode("not json")).hasMessageContaining("malformed JSON");
    }

    private VisitEvent decode(String json) throws InvalidVisitException {
        return decoder.decode(json.getBytes(StandardCharsets.UTF_8));
    }
}
