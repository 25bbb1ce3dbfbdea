package dev.visitstream.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Server-Sent Events client that keeps every message it receives, read on a thread of its own.
 */
final class SseStream implements AutoCloseable {

  record Message(String event, String id, String data) {}

  private final List<Message> messages = new CopyOnWriteArrayList<>();
  private final InputStream body;
  private final Thread reader;

  private SseStream(InputStream body, String url) {
    this.body = body;
    this.reader = new Thread(this::read, "sse " + url);
    this.reader.setDaemon(true);
    this.reader.start();
  }

  static SseStream open(String url) throws IOException, InterruptedException {
    HttpResponse<InputStream> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Accept", "text/event-stream")
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      String text = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
      throw new AssertionError("GET " + url + " answered " + response.statusCode() + ": " + text);
    }
    return new SseStream(response.body(), url);
  }

  List<Message> messages() {
    return List.copyOf(messages);
  }

  List<Message> messages(String event) {
    return messages.stream().filter(m -> event.equals(m.event())).toList();
  }

  private void read() {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String event = "message";
      String id = null;
      StringBuilder data = new StringBuilder();
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isEmpty()) {
          if (!data.isEmpty()) {
            messages.add(new Message(event, id, data.toString()));
          }
          event = "message";
          id = null;
          data.setLength(0);
        } else if (line.startsWith("event:")) {
          event = line.substring(6).trim();
        } else if (line.startsWith("id:")) {
          id = line.substring(3).trim();
        } else if (line.startsWith("data:")) {
          if (!data.isEmpty()) {
            data.append('\n');
          }
          data.append(line.substring(5).stripLeading());
        }
      }
    } catch (IOException closed) {
      // close() ends the stream
    }
  }

  @Override
  public void close() throws IOException {
    body.close();
    reader.interrupt();
  }
}
