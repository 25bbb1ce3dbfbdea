package dev.visitstream.bench.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads the few Prometheus values the benchmark reports from the dashboard's /q/metrics. */
final class ServerMetrics {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI uri;

  ServerMetrics(int port) {
    this.uri = URI.create("http://127.0.0.1:" + port + "/q/metrics");
  }

  record Sample(
      double heapUsed,
      double heapLiveAfterGc,
      double directBuffers,
      double eventsIn,
      double eventsOut,
      double dropped,
      double cpu,
      double clients) {}

  Sample sample() {
    try {
      String text =
          http.send(
                  HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      double heap = 0, live = 0, direct = 0, in = 0, out = 0, dropped = 0, cpu = 0, clients = 0;
      for (String line : text.split("\n")) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        double v = value(line);
        if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
          heap += v;
        } else if (line.startsWith("jvm_gc_live_data_size_bytes")) {
          live = v;
        } else if (line.startsWith("jvm_buffer_memory_used_bytes{")
            && line.contains("id=\"direct\"")) {
          direct = v;
        } else if (line.startsWith("dashboard_events_in_total")) {
          in = v;
        } else if (line.startsWith("dashboard_events_out_total")) {
          out = v;
        } else if (line.startsWith("dashboard_events_dropped_total")) {
          dropped = v;
        } else if (line.startsWith("process_cpu_usage")) {
          cpu = v;
        } else if (line.startsWith("dashboard_sse_clients{")
            && line.contains("stream=\"events\"")) {
          clients = v;
        }
      }
      return new Sample(heap, live, direct, in, out, dropped, cpu, clients);
    } catch (Exception e) {
      return null;
    }
  }

  private static double value(String line) {
    int space = line.lastIndexOf(' ');
    try {
      return Double.parseDouble(line.substring(space + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
