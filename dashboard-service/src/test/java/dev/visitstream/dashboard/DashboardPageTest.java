package dev.visitstream.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.visitstream.broker.KafkaBrokerTestResource;
import dev.visitstream.visit.DeadLetterHeaders;
import dev.visitstream.visit.VisitTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real headless Chromium (Debian's chromium and chromedriver; nothing is downloaded,
 * Selenium Manager never runs because driver and browser are given). While visits stream in, it
 * must show them, update its charts and map, and show hostile strings as text.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class DashboardPageTest {

  private static final String HOSTILE_AGENT =
      "<img src=x onerror=\"window.__xss=(window.__xss||0)+1\">";
  private static final String HOSTILE_REQUEST = "GET <script>window.__xss=2</script> HTTP/1.0";
  private static final Duration WAIT = Duration.ofSeconds(40);

  @TestHTTPResource("/")
  URL base;

  private Topics topics;
  private ScheduledExecutorService traffic;
  private ChromeDriver browser;
  private Path profile;

  @BeforeEach
  void visitsAreStreaming() {
    await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    topics = new Topics();
    String user = "page-" + UUID.randomUUID().toString().substring(0, 8);
    AtomicInteger tick = new AtomicInteger();
    traffic = Executors.newSingleThreadScheduledExecutor();
    traffic.scheduleAtFixedRate(
        () -> {
          int t = tick.incrementAndGet();
          for (int i = 0; i < 15; i++) {
            topics.visit(user + "-" + i, v -> {});
          }
          topics.visit(
              user + "-hostile", v -> v.put("user_agent", HOSTILE_AGENT).put("http_response", 500));
          topics.visit(
              user + "-hostile",
              v -> v.put("http_request", HOSTILE_REQUEST).put("http_response", 404));
          if (t % 10 == 1) {
            topics.raw(
                VisitTopics.DEAD_LETTERS,
                "key",
                "{\"lat\":\"north\",\"note\":\"<b>not bold</b>\"}",
                Map.of(
                    DeadLetterHeaders.REASON,
                    "field 'lat' is not a number: \"north\" <i>",
                    DeadLetterHeaders.SOURCE_TOPIC,
                    VisitTopics.VISITS,
                    DeadLetterHeaders.SOURCE_PARTITION,
                    "0",
                    DeadLetterHeaders.SOURCE_OFFSET,
                    Integer.toString(t)));
            long window = System.currentTimeMillis() / 10_000 * 10_000 - 10_000;
            topics.raw(
                VisitTopics.STATS,
                "k",
                "{\"window_start\":"
                    + window
                    + ",\"window_end\":"
                    + (window + 10_000)
                    + ",\"dimension\":\"total\",\"value\":\"all\",\"events\":1700,\"bytes\":4200000,"
                    + "\"distinct_users\":17}",
                Map.of());
          }
          topics.flush();
        },
        0,
        100,
        TimeUnit.MILLISECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (browser != null) {
        // ends chromedriver and every chromium process it started
        browser.quit();
        browser = null;
      }
    } finally {
      if (traffic != null) {
        traffic.shutdownNow();
        traffic.awaitTermination(10, TimeUnit.SECONDS);
      }
      if (topics != null) {
        topics.close();
      }
      deleteProfile();
    }
  }

  private void deleteProfile() throws Exception {
    if (profile == null || !Files.exists(profile)) {
      return;
    }
    try (var paths = Files.walk(profile)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void showsTheLiveStreamAndRendersHostileStringsAsText() throws Exception {
    browser = chromium();
    try {
      checkThePage();
    } catch (AssertionError | RuntimeException e) {
      Files.write(
          Path.of("target", "dashboard-page-failure.png"),
          browser.getScreenshotAs(OutputType.BYTES));
      throw new AssertionError(
          "page check failed (screenshot target/dashboard-page-failure.png); table state: "
              + textOf("#table-state")
              + "; notices: "
              + textOf("#notices")
              + "; events connection: "
              + textOf("#conn-events"),
          e);
    }
  }

  private void checkThePage() throws Exception {
    browser.get(base + "index.html");
    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    // the page re-renders many times a second: an element read a moment ago may be gone
    wait.ignoring(StaleElementReferenceException.class);

    wait.until(d -> "live".equals(d.findElement(By.id("conn-events")).getAttribute("data-state")));
    wait.until(d -> d.findElements(By.cssSelector("#events-table tbody tr")).size() >= 20);
    wait.until(
        d ->
            chartUpdates() >= 3
                && number(d.findElement(By.id("rate-chart")).getAttribute("data-last-value")) > 0);
    wait.until(d -> number(d.findElement(By.id("map")).getAttribute("data-points")) > 0);
    wait.until(d -> !d.findElements(By.cssSelector("#by-response li .count")).isEmpty());
    wait.until(
        d ->
            d.findElements(By.cssSelector("#dead-letters .dl-reason")).stream()
                .anyMatch(e -> e.getText().contains("is not a number")));
    wait.until(d -> d.findElement(By.cssSelector("#windows tbody")).getText().contains("1,700"));

    // hostile strings are shown literally and nothing of them ran
    wait.until(d -> tableCells().contains(HOSTILE_AGENT) && tableCells().contains(HOSTILE_REQUEST));
    assertThat(
            browser.findElements(
                By.cssSelector(
                    "#events-table tbody img, #events-table tbody script, "
                        + "#dead-letters img, #dead-letters b, #dead-letters i")))
        .as("no element made of event data")
        .isEmpty();
    assertThat(js("return window.__xss === undefined")).isEqualTo(true);
    assertThat(textOf("#dead-letters .dl-value")).contains("<b>not bold</b>");
    assertThat(textOf("#dead-letters .dl-reason")).endsWith("<i>");

    // pausing freezes the table while events keep coming
    browser.findElement(By.id("pause")).click();
    String top = firstRowSeq();
    wait.until(d -> textOf("#table-state").matches("paused · [1-9].* new events not shown"));
    assertThat(firstRowSeq()).isEqualTo(top);
    browser.findElement(By.id("pause")).click();
    wait.until(d -> !firstRowSeq().equals(top));

    // a server-side filter: only 404s are shown after applying it
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("f-response")))
        .selectByVisibleText("404");
    browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
    wait.until(d -> !statuses().isEmpty() && statuses().stream().allMatch("404"::equals));
    browser.findElement(By.id("f-clear")).click();
    wait.until(d -> statuses().stream().anyMatch(s -> !s.equals("404")));
    // the screenshot shows the page after its chart has drawn again, unfiltered
    double drawn = chartUpdates();
    wait.until(d -> chartUpdates() > drawn);

    Path shot = Path.of("target", "dashboard-page.png");
    Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
    assertThat(shot).isNotEmptyFile();
    assertThat(js("return window.__xss === undefined")).isEqualTo(true);
  }

  private double chartUpdates() {
    return number(browser.findElement(By.id("rate-chart")).getAttribute("data-updates"));
  }

  private String firstRowSeq() {
    return String.valueOf(
        js(
            "const r = document.querySelector('#events-table tbody tr'); return r ? r.dataset.seq : '';"));
  }

  @SuppressWarnings("unchecked")
  private List<String> statuses() {
    return (List<String>)
        js(
            "return Array.from(document.querySelectorAll('#events-table tbody .badge'), b => b.textContent);");
  }

  private String textOf(String css) {
    return String.valueOf(
        js(
            "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;",
            css));
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  /** The text of every cell of the events table, read in one go. */
  @SuppressWarnings("unchecked")
  private List<String> tableCells() {
    return (List<String>)
        js(
            "return Array.from(document.querySelectorAll('#events-table td'), td => td.textContent);");
  }

  private static double number(String s) {
    try {
      return s == null ? 0 : Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private ChromeDriver chromium() throws Exception {
    profile = Files.createDirectories(Path.of("target", "chromium-profile-" + UUID.randomUUID()));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1600,2400",
        "--user-data-dir=" + profile.toAbsolutePath());
    return new ChromeDriver(service, options);
  }
}
