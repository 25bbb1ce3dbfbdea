package dev.visitstream.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real Kafka broker of the tests: one per JVM, on free loopback ports, started on first use.
 *
 * <p>It runs in a class loader of its own, built from the broker class path recorded at build time,
 * so its Kafka 4.x never meets the kafka-clients of the module under test (the pipeline needs 3.7).
 * This class touches no Kafka type for the same reason.
 */
public final class TestKafka {

  /** Set once the broker runs; JVM-wide, so Quarkus' per-test class loaders share one broker. */
  public static final String BOOTSTRAP_PROPERTY = "visitstream.test.kafka.bootstrap-servers";

  private static final String CLASS_PATH_RESOURCE = "test-broker-classpath.txt";

  private TestKafka() {}

  /** The bootstrap servers of this JVM's test broker, starting it if it is not running yet. */
  public static String bootstrapServers() {
    // A string literal is one object in the whole JVM, whatever class loader loaded this class.
    synchronized ("dev.visitstream.broker.TestKafka") {
      String running = System.getProperty(BOOTSTRAP_PROPERTY);
      if (running == null) {
        running = start();
        System.setProperty(BOOTSTRAP_PROPERTY, running);
      }
      return running;
    }
  }

  private static String start() {
    ClassLoader brokerLoader =
        new URLClassLoader("kafka-broker", brokerClassPath(), ClassLoader.getPlatformClassLoader());
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    // Kafka and log4j look classes up through the context loader; its threads inherit it.
    thread.setContextClassLoader(brokerLoader);
    try {
      return (String)
          brokerLoader.loadClass(IsolatedBroker.class.getName()).getMethod("start").invoke(null);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("the test Kafka broker did not start", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the test Kafka broker could not be loaded", e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static URL[] brokerClassPath() {
    List<URL> urls = new ArrayList<>();
    try (InputStream in = TestKafka.class.getResourceAsStream(CLASS_PATH_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            CLASS_PATH_RESOURCE + " is missing: build test-kafka with Maven");
      }
      urls.add(ownLocation());
      for (String entry : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split(":")) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return urls.toArray(URL[]::new);
  }

  /**
   * This module's jar or classes folder, found through a resource URL (Quarkus' loaders give no
   * code source).
   */
  private static URL ownLocation() throws MalformedURLException {
    String resource = TestKafka.class.getName().replace('.', '/') + ".class";
    String url = TestKafka.class.getClassLoader().getResource(resource).toString();
    try {
      if (url.startsWith("jar:")) {
        return new URL(url.substring("jar:".length(), url.indexOf("!/")));
      }
      return Path.of(new URL(url).toURI())
          .getParent()
          .getParent()
          .getParent()
          .getParent()
          .toUri()
          .toURL();
    } catch (URISyntaxException e) {
      throw new MalformedURLException(url + ": " + e.getMessage());
    }
  }
}
