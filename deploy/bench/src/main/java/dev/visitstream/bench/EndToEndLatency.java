package dev.visitstream.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * End-to-end latency of a running stack (deploy/stack): the generator sends at a steady rate, and
 * this program takes the time from each event's event_ts (the generator's clock when it made the
 * event, on this machine) to the moment the dashboard's SSE stream delivers it here. On the way it
 * also reads website-visit and website-out, and takes the time each event becomes readable there,
 * which splits the latency into generator + broker, pipeline, and dashboard. It samples the CPU of
 * every process of the stack (their PID files) while it measures.
 *
 * <p>{@code deploy/bench/run-e2e} starts a stack of its own for this; see its header.
 */
public final class EndToEndLatency {

  private static final JsonFactory JSON = new JsonFactory();
  private static final Set<String> OPTIONS =
      Set.of(
          "generator-url",
          "dashboard-url",
          "bootstrap-servers",
          "rates",
          "warmup-seconds",
          "measure-seconds",
          "publish",
          "results",
          "command",
          "stack",
          "stack-run-dir");

  record Measurement(
      int rate,
      double deliveredPerSecond,
      Latencies sse,
      Latencies pipelineOut,
      Latencies visitIn,
      long dropped,
      double loadAverage,
      Map<String, Double> processCores) {}

  private EndToEndLatency() {}

  public static void main(String[] args) throws Exception {
    Args parsed = Args.parse(args, OPTIONS);
    String generator = parsed.text("generator-url", "http://127.0.0.1:8080");
    String dashboard = parsed.text("dashboard-url", "http://127.0.0.1:8082");
    String bootstrap = parsed.text("bootstrap-servers", "127.0.0.1:9092");
    int warmup = (int) parsed.number("warmup-seconds", 15);
    int measure = (int) parsed.number("measure-seconds", 60);
    List<Measurement> measurements = new ArrayList<>();
    String started = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    String loadBefore = Machine.loadText();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String runDirText = parsed.text("stack-run-dir", null);
    Path runDir = runDirText == null ? null : Path.of(runDirText);
    try {
      for (String rate : parsed.text("rates", "2000,10000").split(",")) {
        measurements.add(
            measure(
                http,
                generator,
                dashboard,
                bootstrap,
                Integer.parseInt(rate.trim()),
                warmup,
                measure,
                runDir));
      }
    } finally {
      call(http, "POST", generator + "/generator/stop", null);
    }
    String report =
        markdown(
            measurements,
            started,
            loadBefore,
            Machine.loadText(),
            parsed.text("command", "deploy/bench/run-e2e"),
            parsed.text("stack", "deploy/stack"),
            warmup,
            measure);
    System.out.println(report);
    String results = parsed.text("results", null);
    if (results != null && !parsed.text("publish", "true").equals("false")) {
      publish(Path.of(results), report);
      System.out.println("written: " + results);
    }
  }

  static Measurement measure(
      HttpClient http,
      String generator,
      String dashboard,
      String bootstrap,
      int rate,
      int warmupSeconds,
      int measureSeconds,
      Path stackRunDir)
      throws Exception {
    System.out.printf(
        "rate %,d events/s: warm-up %d s, then %d s measured%n",
        rate, warmupSeconds, measureSeconds);
    call(http, "POST", generator + "/generator/stop", null);
    call(
        http,
        "PATCH",
        generator + "/generator/config",
        "{\"rate\":" + rate + ",\"malformedShare\":0,\"lateShare\":0}");
    AtomicBoolean measuring = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    Latencies sse = new Latencies();
    Latencies pipelineOut = new Latencies();
    Latencies visitIn = new Latencies();
    AtomicLong dropped = new AtomicLong();

    HttpResponse<InputStream> stream =
        http.send(
            HttpRequest.newBuilder(URI.create(dashboard + "/api/stream/events"))
                .header("Accept", "text/event-stream")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    if (stream.statusCode() != 200) {
      throw new IllegalStateException("GET /api/stream/events answered " + stream.statusCode());
    }
    Thread reader = new Thread(() -> readSse(stream.body(), measuring, stop, sse, dropped), "sse");
    Thread topics =
        new Thread(() -> readTopics(bootstrap, measuring, stop, pipelineOut, visitIn), "topics");
    reader.start();
    topics.start();
    try {
      call(http, "POST", generator + "/generator/start", null);
      Thread.sleep(warmupSeconds * 1000L);
      Map<String, ProcessSampler> samplers = stackProcesses(stackRunDir);
      long from = System.currentTimeMillis();
      measuring.set(true);
      double load = Machine.loadAverages()[0];
      Thread.sleep(measureSeconds * 1000L);
      measuring.set(false);
      long to = System.currentTimeMillis();
      Thread.sleep(300);
      Map<String, Double> cores = new java.util.TreeMap<>();
      samplers.forEach(
          (name, sampler) -> {
            cores.put(name, sampler.cpuSecondsBetween(from, to) * 1000.0 / (to - from));
            sampler.close();
          });
      call(http, "POST", generator + "/generator/stop", null);
      Measurement m =
          new Measurement(
              rate,
              (double) sse.count() / measureSeconds,
              sse,
              pipelineOut,
              visitIn,
              dropped.get(),
              load,
              cores);
      if (!cores.isEmpty()) {
        System.out.println("  CPU cores: " + cores);
      }
      System.out.println("  SSE delivery (event_ts -> received here): " + sse.summary());
      System.out.println(
          "  readable in website-out (event_ts -> consumed here): " + pipelineOut.summary());
      System.out.println(
          "  readable in website-visit (event_ts -> consumed here): " + visitIn.summary());
      return m;
    } finally {
      stop.set(true);
      stream.body().close();
      reader.join(10_000);
      topics.join(10_000);
    }
  }

  /** The stack's JVMs by their PID files ($STACK_DIR/run/NAME.pid); none without a run dir. */
  private static Map<String, ProcessSampler> stackProcesses(Path runDir) throws IOException {
    Map<String, ProcessSampler> samplers = new java.util.TreeMap<>();
    if (runDir == null || !Files.isDirectory(runDir)) {
      return samplers;
    }
    try (var files = Files.list(runDir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
        try {
          long pid = Long.parseLong(Files.readString(file).trim());
          String name = file.getFileName().toString().replace(".pid", "");
          samplers.put(name, new ProcessSampler(pid));
        } catch (NumberFormatException e) {
          // not a PID file of a running part
        }
      }
    }
    return samplers;
  }

  /** SSE "events" frames: data: {"from":..,"events":[{"seq":..,"event_ts":..,...},...]}. */
  private static void readSse(
      InputStream body,
      AtomicBoolean measuring,
      AtomicBoolean stop,
      Latencies latencies,
      AtomicLong dropped) {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String event = "";
      String line;
      while (!stop.get() && (line = lines.readLine()) != null) {
        long now = System.currentTimeMillis();
        if (line.startsWith("event:")) {
          event = line.substring(6).trim();
        } else if (line.startsWith("data:") && measuring.get()) {
          if (event.equals("events")) {
            synchronized (latencies) {
              eventTimes(line.substring(5), ts -> latencies.add(now - ts));
            }
          } else if (event.equals("dropped")) {
            dropped.incrementAndGet();
          }
        }
      }
    } catch (IOException e) {
      if (!stop.get()) {
        System.out.println("  SSE stream ended: " + e.getMessage());
      }
    }
  }

  /** Every event_ts value in a frame, wherever it sits in the frame's JSON. */
  static void eventTimes(String json, java.util.function.LongConsumer each) throws IOException {
    try (JsonParser parser = JSON.createParser(json)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME && parser.currentName().equals("event_ts")) {
          if (parser.nextToken().isNumeric()) {
            each.accept(parser.getLongValue());
          }
        }
      }
    }
  }

  private static void readTopics(
      String bootstrap, AtomicBoolean measuring, AtomicBoolean stop, Latencies out, Latencies in) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "bench-e2e-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                // the broker answers a fetch at once when it has data; the wait bounds the idle
                // case
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                10),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of("website-out", "website-visit"));
      while (!stop.get()) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (!measuring.get() || record.value() == null) {
            continue;
          }
          Latencies target = record.topic().equals("website-out") ? out : in;
          long now = System.currentTimeMillis();
          try {
            eventTimes(
                new String(record.value(), StandardCharsets.UTF_8), ts -> target.add(now - ts));
          } catch (IOException e) {
            // a malformed visit: not part of the latency
          }
        }
      }
    }
  }

  private static void call(HttpClient http, String method, String url, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    request.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(
          method + " " + url + " answered " + response.statusCode() + ": " + response.body());
    }
  }

  static String markdown(
      List<Measurement> measurements,
      String started,
      String loadBefore,
      String loadAfter,
      String command,
      String stack,
      int warmup,
      int measure) {
    StringBuilder out = new StringBuilder();
    out.append(BEGIN).append("\n");
    out.append("## End-to-end latency, latest run: ").append(started).append("\n\n");
    out.append("- Command: `").append(command).append("`\n");
    out.append("- Stack: ").append(stack).append("\n");
    out.append("- Machine: ").append(Machine.describe()).append("\n");
    out.append("- Load average (1/5/15 min): before ")
        .append(loadBefore)
        .append(", after ")
        .append(loadAfter)
        .append("\n");
    out.append(
        String.format(
            "- Each rate: %d s warm-up, then %d s measured; no malformed or late"
                + " events; latency = receive time - event_ts (set by the generator when it makes the"
                + " event; same machine, same clock)%n%n",
            warmup, measure));
    out.append(
        "| rate (events/s) | delivered by SSE (events/s) | SSE p50 | SSE p99 | SSE max"
            + " | in website-out p50 / p99 | in website-visit p50 / p99 | dropped notices | p99 < 300 ms"
            + " |\n|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (Measurement m : measurements) {
      out.append(
          String.format(
              "| %,d | %,.0f | %d ms | %d ms | %d ms | %d / %d ms | %d / %d ms | %d | %s |%n",
              m.rate(),
              m.deliveredPerSecond(),
              m.sse().percentile(0.5),
              m.sse().percentile(0.99),
              m.sse().max(),
              m.pipelineOut().percentile(0.5),
              m.pipelineOut().percentile(0.99),
              m.visitIn().percentile(0.5),
              m.visitIn().percentile(0.99),
              m.dropped(),
              m.sse().count() == 0 ? "no data" : m.sse().percentile(0.99) < 300 ? "yes" : "NO"));
    }
    out.append(
        "\nwebsite-visit / website-out: when this program's consumer could read the event"
            + " there (generator batching + broker; + pipeline: read, parse, SQL, bundle, write);"
            + " SSE adds the dashboard's consumer and its frame interval.\n");
    for (Measurement m : measurements) {
      if (!m.processCores().isEmpty()) {
        out.append(
            String.format(
                "%nCPU cores at %,d events/s (load average %.2f when it began): %s%n",
                m.rate(),
                m.loadAverage(),
                m.processCores().entrySet().stream()
                    .map(e -> String.format("%s %.2f", e.getKey(), e.getValue()))
                    .collect(java.util.stream.Collectors.joining(", "))));
      }
    }
    out.append(END).append("\n");
    return out.toString();
  }

  static final String BEGIN = "<!-- bench:e2e:begin (written by deploy/bench/run-e2e) -->";
  static final String END = "<!-- bench:e2e:end -->";

  private static void publish(Path file, String generated) throws IOException {
    String old = Files.exists(file) ? Files.readString(file) : "# visit-stream benchmark results\n";
    int begin = old.indexOf(BEGIN);
    int end = old.indexOf(END);
    String text =
        begin >= 0 && end > begin
            ? old.substring(0, begin)
                + generated
                + old.substring(end + END.length()).replaceFirst("^\n", "")
            : old + "\n" + generated;
    Files.writeString(file, text);
  }
}
