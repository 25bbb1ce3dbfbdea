package dev.visitstream.broker;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.DefaultConfiguration;

/**
 * Log4j 2 set up in code, at the level its starter asks for: a log4j2.xml in this jar would also
 * take over the logging of every module that has the jar on its class path (deploy/bench, the
 * test-kafka fixture's isolated class loader).
 */
final class BrokerLogging {

  private BrokerLogging() {}

  static void configure(String level) {
    Configurator.initialize(new DefaultConfiguration());
    Configurator.setRootLevel(Level.toLevel(level, Level.INFO));
  }
}
