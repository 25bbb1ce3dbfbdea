package dev.visitstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP calls to the stack's REST endpoints. */
final class Http {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private Http() {}

  /** The body of a GET that must answer 200. */
  static String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> response = send("GET", url, null);
    assertThat(response.statusCode()).as("GET " + url + ": " + response.body()).isEqualTo(200);
    return response.body();
  }

  static HttpResponse<String> send(String method, String url, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
