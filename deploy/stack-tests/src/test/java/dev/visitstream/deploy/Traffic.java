package dev.visitstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;

/** Steady traffic from generator-service, driven only through its REST API as a user would. */
final class Traffic {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String generator;

  Traffic(String generatorUrl) {
    this.generator = generatorUrl;
  }

  /** Events per second, share of malformed records (dead letters to be), user pool and seed. */
  void configure(int rate, double malformedShare, int users, long seed)
      throws IOException, InterruptedException {
    var reply =
        Http.send(
            "PATCH",
            generator + "/generator/config",
            String.format(
                java.util.Locale.ROOT,
                "{\"rate\": %d, \"malformedShare\": %s, \"users\": %d, \"seed\": %d}",
                rate,
                malformedShare,
                users,
                seed));
    assertThat(reply.statusCode()).as("PATCH /generator/config: " + reply.body()).isEqualTo(200);
  }

  /** Sends at the configured rate until {@link #stop()}. */
  void start() throws IOException, InterruptedException {
    var reply = Http.send("POST", generator + "/generator/start", null);
    assertThat(reply.statusCode()).as("POST /generator/start: " + reply.body()).isBetween(200, 299);
    assertThat(status().path("running").asBoolean()).as("generator running after start").isTrue();
  }

  /** Stops sending and waits until the broker has answered every record sent (acked or failed). */
  void stop() throws IOException, InterruptedException {
    var reply = Http.send("POST", generator + "/generator/stop", null);
    assertThat(reply.statusCode()).as("POST /generator/stop: " + reply.body()).isBetween(200, 299);
    Polling.awaitTrue(
        "the generator stopped with no record in flight",
        Duration.ofMinutes(2),
        () -> {
          JsonNode status = status();
          return !status.path("running").asBoolean()
              && status.path("run").path("counts").path("inFlight").asLong() == 0;
        });
  }

  /**
   * GET /generator: whether it runs, and what became of the records of the current (or last) run.
   */
  JsonNode status() throws IOException, InterruptedException {
    return JSON.readTree(Http.get(generator + "/generator"));
  }
}
