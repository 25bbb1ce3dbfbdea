package dev.visitstream.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerCommandLineTest {

  @Test
  void readsPortsFolderAndTopics() {
    BrokerCommandLine line =
        BrokerCommandLine.parse(
            new String[] {
              "--data-dir",
              "/tmp/k",
              "--port",
              "19092",
              "--controller-port",
              "19093",
              "--topics",
              "website-visit:3,website-dlq:1"
            });

    assertEquals(19092, line.settings().port());
    assertEquals(19093, line.settings().controllerPort());
    assertEquals(Map.of("website-visit", 3, "website-dlq", 1), line.topics());
  }

  @Test
  void namesTheOptionThatIsWrong() {
    var missing =
        assertThrows(IllegalArgumentException.class, () -> BrokerCommandLine.parse(new String[0]));
    assertTrue(missing.getMessage().contains("--data-dir"), missing.getMessage());

    var badPort =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                BrokerCommandLine.parse(new String[] {"--data-dir", "/tmp/k", "--port", "99999"}));
    assertTrue(badPort.getMessage().contains("--port"), badPort.getMessage());

    var unknown =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                BrokerCommandLine.parse(
                    new String[] {"--data-dir", "/tmp/k", "--partitions", "3"}));
    assertTrue(unknown.getMessage().contains("--partitions"), unknown.getMessage());
  }

  @Test
  void refusesABusyPortNamingIt() throws Exception {
    try (ServerSocket busy = new ServerSocket(0)) {
      int port = busy.getLocalPort();
      var settings = BrokerSettings.local(port, port + 1, Files.createTempDirectory("busy"));
      var error = assertThrows(IllegalStateException.class, () -> KafkaBroker.start(settings));
      assertTrue(error.getMessage().contains("port " + port), error.getMessage());
    }
  }
}
