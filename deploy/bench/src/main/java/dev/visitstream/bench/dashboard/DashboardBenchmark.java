package dev.visitstream.bench.dashboard;

import dev.visitstream.broker.TestKafka;
import dev.visitstream.dashboard.ChunkedHttpStream;
import dev.visitstream.visit.VisitTopics;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Load benchmark of the live stream, on loopback only and bounded in time: the packaged dashboard
 * (a child JVM) reads website-out from this JVM's test broker while N SSE clients read the full
 * unfiltered stream; then M stalled clients (that never read) join, and the same is measured again.
 * Reports delivery lag (event_ts to arrival at the client), what the clients received, and the
 * dashboard's heap.
 *
 * <p>Run: {@code deploy/bench/run-dashboard [--rate=20000] [--clients=200] [--stalled=5]
 * [--seconds=30] [--warmup=20] [--heap=512m] [--dashboard-jvm="flags"] [--bootstrap=host:port]};
 * --dashboard-jvm adds JVM flags to the dashboard (e.g. a flight recording), --bootstrap uses a
 * broker started apart, so that it does not share this JVM with the clients.
 */
public final class DashboardBenchmark {

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      a.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    Path app =
        Path.of(a.getOrDefault("app", "dashboard-service/target/quarkus-app/quarkus-run.jar"));
    int rate = Integer.parseInt(a.getOrDefault("rate", "20000"));
    int clients = Integer.parseInt(a.getOrDefault("clients", "200"));
    int stalled = Integer.parseInt(a.getOrDefault("stalled", "5"));
    int seconds = Integer.parseInt(a.getOrDefault("seconds", "30"));
    int warmup = Integer.parseInt(a.getOrDefault("warmup", "20"));
    String heap = a.getOrDefault("heap", "512m");
    Path out = Path.of(a.getOrDefault("out", "deploy/bench/target/dashboard"));
    Files.createDirectories(out);
    if (!Files.exists(app)) {
      throw new IllegalArgumentException(
          "--app: " + app + " does not exist; package the service first");
    }

    // --bootstrap=host:port uses a broker already running (e.g. KafkaBroker on spare ports), else
    // the test fixture's in-process broker on free ports
    String bootstrap =
        a.getOrDefault("bootstrap", "").isBlank()
            ? TestKafka.bootstrapServers()
            : a.get("bootstrap");
    createTopics(bootstrap);
    int port = freePort();
    List<String> jvmFlags =
        a.containsKey("dashboard-jvm") ? List.of(a.get("dashboard-jvm").split(" ")) : List.of();
    Process dashboard =
        startDashboard(app, bootstrap, port, heap, jvmFlags, out.resolve("dashboard.log").toFile());
    List<String> report = new ArrayList<>();
    List<LagProbe> probes = new ArrayList<>();
    List<ChunkedHttpStream> stalledClients = new ArrayList<>();
    PacedProducer producer = null;
    try {
      awaitReady(port, dashboard, out.resolve("dashboard.log"));
      report.add(
          String.format(
              "dashboard-service benchmark: %d events/s produced, %d SSE clients (unfiltered), "
                  + "%d stalled clients in phase B, %d s per phase after %d s warm-up, dashboard -Xmx%s, %d cores",
              rate,
              clients,
              stalled,
              seconds,
              warmup,
              heap,
              Runtime.getRuntime().availableProcessors()));
      for (int i = 0; i < clients; i++) {
        LagProbe p = new LagProbe(port, "/api/stream/events");
        p.open();
        Thread t = new Thread(p, "probe-" + i);
        t.setDaemon(true);
        t.start();
        probes.add(p);
      }
      producer = new PacedProducer(bootstrap, rate);
      Thread pt = new Thread(producer, "producer");
      pt.setDaemon(true);
      pt.start();
      ServerMetrics metrics = new ServerMetrics(port);
      sleep(warmup);
      // a cold JVM on a busy machine may still be catching up: measure the steady state
      long settleStart = System.nanoTime();
      while (System.nanoTime() - settleStart < Duration.ofSeconds(90).toNanos()
          && probes.stream()
                  .mapToLong(LagProbe::lastLagMs)
                  .sorted()
                  .skip(probes.size() / 2)
                  .findFirst()
                  .orElse(0)
              > 1000) {
        Thread.sleep(500);
      }
      report.add(
          String.format(
              "caught up (median client lag < 1 s) %.1f s after the %d s warm-up",
              (System.nanoTime() - settleStart) / 1e9, warmup));

      report.add(phase("A: " + clients + " clients", probes, producer, metrics, seconds, 0));
      for (int i = 0; i < stalled; i++) {
        // a tiny receive window and no reads: the server's write queue for it fills at once
        stalledClients.add(
            new ChunkedHttpStream("127.0.0.1", port, "/api/stream/events", Map.of(), 4096));
      }
      report.add(
          phase(
              "B: " + clients + " clients + " + stalled + " stalled",
              probes,
              producer,
              metrics,
              seconds,
              stalled));
    } finally {
      if (producer != null) {
        producer.stop();
      }
      probes.forEach(LagProbe::stop);
      stalledClients.forEach(ChunkedHttpStream::close);
      dashboard.destroy();
      dashboard.waitFor();
    }
    String text = String.join("\n", report);
    System.out.println(text);
    Files.writeString(out.resolve("report.txt"), text + "\n");
    System.exit(0);
  }

  private static String phase(
      String name,
      List<LagProbe> probes,
      PacedProducer producer,
      ServerMetrics metrics,
      int seconds,
      int stalled)
      throws InterruptedException {
    probes.forEach(
        p -> {
          p.lag().reset();
          p.measure(true);
        });
    long[] eventsBefore = probes.stream().mapToLong(LagProbe::events).toArray();
    long dropsBefore = probes.stream().mapToLong(LagProbe::dropMessages).sum();
    long seqBefore = probes.stream().mapToLong(LagProbe::sequenceErrors).sum();
    long sentBefore = producer.sent();
    ServerMetrics.Sample first = metrics.sample();
    double maxHeap = 0, maxLive = 0, maxDirect = 0, cpuSum = 0;
    int samples = 0;
    ServerMetrics.Sample last = first;
    for (int s = 0; s < seconds; s++) {
      Thread.sleep(1000);
      ServerMetrics.Sample x = metrics.sample();
      if (x != null) {
        last = x;
        maxHeap = Math.max(maxHeap, x.heapUsed());
        maxLive = Math.max(maxLive, x.heapLiveAfterGc());
        maxDirect = Math.max(maxDirect, x.directBuffers());
        cpuSum += x.cpu();
        samples++;
      }
    }
    probes.forEach(p -> p.measure(false));
    long sent = producer.sent() - sentBefore;
    LagHistogram all = new LagHistogram();
    long minEvents = Long.MAX_VALUE, sumEvents = 0;
    for (int i = 0; i < probes.size(); i++) {
      LagProbe p = probes.get(i);
      all.addAll(p.lag());
      long got = p.events() - eventsBefore[i];
      minEvents = Math.min(minEvents, got);
      sumEvents += got;
    }
    long drops = probes.stream().mapToLong(LagProbe::dropMessages).sum() - dropsBefore;
    long seqErrors = probes.stream().mapToLong(LagProbe::sequenceErrors).sum() - seqBefore;
    long failures = probes.stream().filter(p -> p.failure() != null).count();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%nphase %s (%d s)%n", name, seconds));
    sb.append(
        String.format(
            "  produced %,d events (%,.0f/s); dashboard ingested %,.0f/s%n",
            sent,
            sent / (double) seconds,
            first == null || last == null
                ? Double.NaN
                : (last.eventsIn() - first.eventsIn()) / seconds));
    sb.append(
        String.format(
            "  delivery lag (event_ts -> client), all events of all %d clients: p50 %d ms, "
                + "p99 %d ms, p99.9 %d ms, max %d ms%n",
            probes.size(),
            all.percentile(0.50),
            all.percentile(0.99),
            all.percentile(0.999),
            all.max()));
    sb.append(
        String.format(
            "  events received per client: min %,d, mean %,.0f (of %,d produced); "
                + "drop notices to these clients %d, sequence errors %d, broken connections %d%n",
            minEvents, sumEvents / (double) probes.size(), sent, drops, seqErrors, failures));
    sb.append(
        String.format(
            "  dashboard: heap used max %.0f MB, live after GC max %.0f MB, direct buffers max %.0f MB, "
                + "cpu mean %.0f%% of the machine, events skipped for slow clients %,.0f%n",
            maxHeap / 1e6,
            maxLive / 1e6,
            maxDirect / 1e6,
            samples == 0 ? Double.NaN : 100 * cpuSum / samples,
            first == null || last == null ? Double.NaN : last.dropped() - first.dropped()));
    if (stalled > 0) {
      sb.append(
          String.format(
              "  (%d stalled clients connected for the whole phase, reading nothing)%n", stalled));
    }
    return sb.toString();
  }

  private static void createTopics(String bootstrap) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(p)) {
      var existing = admin.listTopics().names().get();
      List<NewTopic> topics = new ArrayList<>();
      for (String t : List.of(VisitTopics.OUT, VisitTopics.STATS, VisitTopics.DEAD_LETTERS)) {
        if (!existing.contains(t)) {
          topics.add(new NewTopic(t, 3, (short) 1));
        }
      }
      admin.createTopics(topics).all().get();
    }
  }

  private static Process startDashboard(
      Path app, String bootstrap, int port, String heap, List<String> jvmFlags, File log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.addAll(jvmFlags);
    command.add("-jar");
    command.add(app.toString());
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("BOOTSTRAP_SERVERS", bootstrap);
    pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
    pb.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
    pb.redirectErrorStream(true).redirectOutput(log);
    return pb.start();
  }

  private static void awaitReady(int port, Process dashboard, Path log) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      if (!dashboard.isAlive()) {
        throw new IllegalStateException("the dashboard exited; see " + log);
      }
      try {
        if (http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the dashboard was not ready within 90 s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void sleep(int seconds) throws InterruptedException {
    Thread.sleep(seconds * 1000L);
  }
}
