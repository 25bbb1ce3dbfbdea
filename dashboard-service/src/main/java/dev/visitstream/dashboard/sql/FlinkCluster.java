package dev.visitstream.dashboard.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Flink's REST API, as far as the workbench needs it: the jobs, the free slots, and cancel. Every
 * call fails with {@link ClusterUnavailableException} when Flink does not answer.
 */
@ApplicationScoped
public class FlinkCluster {

  /** A Flink job as {@code /jobs/overview} lists it. */
  public record Job(String id, String name, String state, long startTime) {
    public boolean active() {
      return !(state.equals("FINISHED") || state.equals("CANCELED") || state.equals("FAILED"));
    }
  }

  /** A REST answer: status and body. */
  public record Answer(int status, String body) {
    boolean ok() {
      return status / 100 == 2;
    }
  }

  private final SqlConfig config;
  private final ObjectMapper mapper;
  private final HttpClient http;

  public FlinkCluster(SqlConfig config, ObjectMapper mapper) {
    this.config = config;
    this.mapper = mapper;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  }

  public String url() {
    return config.flinkUrl();
  }

  /** host:port of the REST API, as Beam's --flinkMaster takes it. */
  public String master() {
    URI uri = URI.create(config.flinkUrl());
    return uri.getHost() + ":" + (uri.getPort() < 0 ? 80 : uri.getPort());
  }

  public List<Job> jobs() {
    Answer answer = get("/jobs/overview");
    List<Job> jobs = new ArrayList<>();
    for (JsonNode job : json(answer.body()).path("jobs")) {
      jobs.add(
          new Job(
              job.path("jid").asText(),
              job.path("name").asText(),
              job.path("state").asText(),
              job.path("start-time").asLong()));
    }
    return jobs;
  }

  public int freeSlots() {
    return json(get("/overview").body()).path("slots-available").asInt();
  }

  /** Records written by the job's operators that write to Kafka (its rows out). */
  public long recordsWritten(String jobId, String writerName) {
    JsonNode job = json(get("/jobs/" + jobId).body());
    long written = 0;
    for (JsonNode vertex : job.path("vertices")) {
      if (vertex.path("name").asText().contains(writerName)) {
        written = Math.max(written, vertex.path("metrics").path("read-records").asLong());
      }
    }
    return written;
  }

  public void cancel(String jobId) {
    Answer answer =
        send(
            HttpRequest.newBuilder(uri("/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()));
    if (!answer.ok() && answer.status() != 404) {
      throw new IllegalStateException(
          "Flink did not cancel job " + jobId + ": " + firstError(json(answer.body()), answer));
    }
  }

  private Answer get(String path) {
    Answer answer = send(HttpRequest.newBuilder(uri(path)).GET());
    if (!answer.ok()) {
      throw new IllegalStateException("Flink answered " + answer.status() + " to GET " + path);
    }
    return answer;
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(config.flinkTimeout()).build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new ClusterUnavailableException(
          "the Flink cluster at "
              + config.flinkUrl()
              + " is unreachable ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterUnavailableException("interrupted while calling Flink");
    }
  }

  private URI uri(String path) {
    return URI.create(config.flinkUrl().replaceAll("/+$", "") + path);
  }

  JsonNode json(String body) {
    try {
      return mapper.readTree(body == null || body.isEmpty() ? "{}" : body);
    } catch (IOException e) {
      return mapper.createObjectNode();
    }
  }

  /** The first line of Flink's first error, which names the failure without its stack trace. */
  static String firstError(JsonNode body, Answer answer) {
    JsonNode errors = body.path("errors");
    if (errors.isArray() && !errors.isEmpty()) {
      StringBuilder text = new StringBuilder();
      errors.forEach(e -> text.append(e.asText()).append('\n'));
      String all = text.toString();
      int caused = all.lastIndexOf("Caused by: ");
      String line = caused >= 0 ? all.substring(caused + "Caused by: ".length()) : all;
      line = line.lines().findFirst().orElse(line).strip();
      return line.length() > 500 ? line.substring(0, 500) + "…" : line;
    }
    return "HTTP " + answer.status();
  }
}
