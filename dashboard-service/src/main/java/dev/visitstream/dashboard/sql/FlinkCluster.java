package dev.visitstream.dashboard.sql;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Flink's REST API, as far as the workbench needs it: the pipeline jar uploaded once, a plan-only
 * run of its main() ({@code POST /jars/{id}/plan}), a detached run, the jobs and free slots, and
 * cancel. Every call fails with {@link ClusterUnavailableException} when Flink does not answer.
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
    private volatile String jarId;

    public FlinkCluster(SqlConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    public String url() {
        return config.flinkUrl();
    }

    /** Runs the jar's main() in the JobManager without starting a job; a 4xx/5xx answer is returned too. */
    public Answer plan(List<String> programArgs) {
        return withJar(id -> post("/jars/" + id + "/plan", program(programArgs)));
    }

    /** Submits a detached run; the job id. */
    public String run(List<String> programArgs) {
        Answer answer = withJar(id -> post("/jars/" + id + "/run", program(programArgs)));
        JsonNode body = json(answer.body());
        if (!answer.ok() || !body.hasNonNull("jobid")) {
            throw new IllegalStateException("Flink did not start the query job: " + firstError(body, answer));
        }
        return body.get("jobid").asText();
    }

    public List<Job> jobs() {
        Answer answer = get("/jobs/overview");
        List<Job> jobs = new ArrayList<>();
        for (JsonNode job : json(answer.body()).path("jobs")) {
            jobs.add(new Job(job.path("jid").asText(), job.path("name").asText(), job.path("state").asText(),
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
        Answer answer = send(HttpRequest.newBuilder(uri("/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()));
        if (!answer.ok() && answer.status() != 404) {
            throw new IllegalStateException("Flink did not cancel job " + jobId + ": " + firstError(json(answer.body()), answer));
        }
    }

    private String program(List<String> programArgs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entryClass", config.entryClass());
        body.put("programArgsList", programArgs);
        try {
            return mapper.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface JarCall {
        Answer call(String jarId);
    }

    /** Calls with the uploaded jar; uploads it first, and again when Flink no longer has it. */
    private Answer withJar(JarCall call) {
        if (jarId == null) {
            get("/overview"); // an unreachable cluster is the news, before whether the jar is built
        }
        String id = jarId == null ? upload() : jarId;
        Answer answer = call.call(id);
        if (answer.status() == 404) {
            answer = call.call(upload());
        }
        return answer;
    }

    private synchronized String upload() {
        Path jar = Path.of(config.pipelineJar());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the pipeline jar " + jar.toAbsolutePath()
                    + " is missing: build it (./mvnw -pl pipeline-job -am package) or set dashboard.sql.pipeline-jar");
        }
        String boundary = "visit-stream-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] content;
        try {
            content = Files.readAllBytes(jar);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the pipeline jar " + jar + ": " + e.getMessage(), e);
        }
        Answer answer = send(HttpRequest.newBuilder(uri("/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, content, tail))));
        JsonNode body = json(answer.body());
        if (!answer.ok() || !body.hasNonNull("filename")) {
            throw new IllegalStateException("Flink refused the pipeline jar: " + firstError(body, answer));
        }
        jarId = Path.of(body.get("filename").asText()).getFileName().toString();
        return jarId;
    }

    private Answer get(String path) {
        Answer answer = send(HttpRequest.newBuilder(uri(path)).GET());
        if (!answer.ok()) {
            throw new IllegalStateException("Flink answered " + answer.status() + " to GET " + path);
        }
        return answer;
    }

    private Answer post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(config.flinkTimeout()).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new ClusterUnavailableException("the Flink cluster at " + config.flinkUrl() + " is unreachable ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
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
