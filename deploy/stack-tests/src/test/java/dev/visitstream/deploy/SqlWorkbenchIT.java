package dev.visitstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's SQL workbench on the real local stack, in headless Chromium as a user would use
 * it: a query that does not parse is refused with its position and no job; a windowed query runs as
 * its own Flink job, its rows arrive in the table and its chart draws; Stop cancels the job and
 * deletes the result topic.
 */
class SqlWorkbenchIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration ROWS = Duration.ofMinutes(5);
  private static final String PREFIX = "visit-stream-sql-";
  private static final String WINDOWED =
      "SELECT TUMBLE_START(event_time, INTERVAL '5' SECOND) AS window_start,\n"
          + "  http_response, COUNT(*) AS visits, SUM(file_size_bytes) AS bytes\n"
          + "FROM visits\n"
          + "GROUP BY TUMBLE(event_time, INTERVAL '5' SECOND), http_response";

  static LocalStack stack;
  static String dashboard;
  static String flink;
  static String bootstrapServers;
  static WebDriver browser;

  @BeforeAll
  static void upTheStackWithTraffic() throws Exception {
    stack = LocalStack.create("sql-", 28000, 28500, 29000);
    dashboard = "http://localhost:" + stack.port(8082);
    flink = "http://localhost:" + stack.port(8081);
    bootstrapServers = "localhost:" + stack.port(9092);
    stack.up();
    Traffic traffic = new Traffic("http://localhost:" + stack.port(8080));
    traffic.configure(200, 0.01, 50, 7);
    traffic.start();
    browser =
        chromium(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "sql-chromium-"));
  }

  @AfterAll
  static void down() throws Exception {
    try {
      if (browser != null) {
        browser.quit();
      }
    } finally {
      if (stack != null) {
        stack.tearDown();
      }
    }
  }

  @Test
  void aBadQueryIsRefusedAndAWindowedQueryStreamsRowsUntilStopped() throws Exception {
    browser.get(dashboard + "/sql");
    // each check and run starts a JVM that plans with Beam SQL: tens of seconds on a loaded machine
    WebDriverWait wait = new WebDriverWait(browser, ROWS);
    wait.until(d -> text("#sql-tables").contains("event_time"));

    // a query that does not parse: its position, marked in the editor, and no job
    type("SELECT id,\n  COUNT(*) FORM visits");
    browser.findElement(By.id("sql-run")).click();
    wait.until(
        d -> "error".equals(browser.findElement(By.id("sql-message")).getAttribute("data-state")));
    assertThat(text("#sql-message")).startsWith("line 2, column 17: ").contains("visits");
    assertThat(browser.findElements(By.cssSelector("#sql-mirror mark"))).hasSize(1);
    assertThat(queryJobs()).as("query jobs on the cluster").isEmpty();

    // a windowed query: rows arrive and the chart draws
    type(WINDOWED);
    long clicked = System.nanoTime();
    browser.findElement(By.id("sql-run")).click();
    WebDriverWait rows = new WebDriverWait(browser, ROWS);
    rows.until(
        d ->
            Integer.parseInt(browser.findElement(By.id("sql-rows")).getAttribute("data-rows")) > 0);
    System.out.printf(
        "SqlWorkbenchIT: first row %d ms after Run%n", (System.nanoTime() - clicked) / 1_000_000);
    rows.until(
        d ->
            Integer.parseInt(browser.findElement(By.id("sql-chart")).getAttribute("data-points"))
                >= 2);
    // the page shows column names in capitals (CSS); the text is the query's names
    assertThat(text("#sql-rows thead").toLowerCase(java.util.Locale.ROOT))
        .contains("window_start", "http_response", "visits", "bytes");
    List<JsonNode> jobs = queryJobs();
    assertThat(jobs).hasSize(1);
    assertThat(jobs.get(0).path("state").asText()).isEqualTo("RUNNING");
    String jobId = jobs.get(0).path("jid").asText();
    String topic = jobs.get(0).path("name").asText();
    assertThat(topics()).contains(topic);
    wait.until(d -> !text("#sql-queries tbody").isEmpty());
    Path shot = Path.of("target", "sql-workbench.png");
    Files.write(shot, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
    assertThat(shot).isNotEmptyFile();

    // Stop: the job is cancelled and its topic deleted
    // the list is redrawn as each query's state refreshes: a click may meet a row just replaced
    wait.ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              d.findElement(By.cssSelector("#sql-queries tr[data-id] button.stop")).click();
              return true;
            });
    Polling.awaitTrue(
        "the query job is cancelled",
        Duration.ofSeconds(60),
        () ->
            JSON.readTree(Http.get(flink + "/jobs/" + jobId))
                .path("state")
                .asText()
                .equals("CANCELED"));
    Polling.awaitTrue(
        "the result topic is deleted", Duration.ofSeconds(60), () -> !topics().contains(topic));
    wait.until(d -> text("#sql-queries tbody").isEmpty());
    assertThat(JSON.readTree(Http.get(dashboard + "/api/sql/queries"))).isEmpty();
    assertThat(
            Http.send(
                    "DELETE",
                    dashboard + "/api/sql/queries/" + topic.substring(PREFIX.length()),
                    null)
                .statusCode())
        .as("a second stop of the same query")
        .isEqualTo(404);
  }

  private static void type(String sql) {
    WebElement editor = browser.findElement(By.id("sql-query"));
    editor.clear();
    editor.sendKeys(sql);
  }

  private static String text(String css) {
    return browser.findElement(By.cssSelector(css)).getText();
  }

  private static List<JsonNode> queryJobs() throws Exception {
    List<JsonNode> jobs = new java.util.ArrayList<>();
    for (JsonNode job : JSON.readTree(Http.get(flink + "/jobs/overview")).path("jobs")) {
      if (job.path("name").asText().startsWith(PREFIX)
          && !job.path("state").asText().equals("CANCELED")) {
        jobs.add(job);
      }
    }
    return jobs;
  }

  private static Set<String> topics() throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      return admin.listTopics().names().get(10, TimeUnit.SECONDS);
    }
  }

  private static WebDriver chromium(Path profile) {
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
        "--window-size=1600,1800",
        "--user-data-dir=" + profile.toAbsolutePath());
    return new ChromeDriver(service, options);
  }
}
