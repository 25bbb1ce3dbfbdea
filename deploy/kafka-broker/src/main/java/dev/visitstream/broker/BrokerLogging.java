package dev.visitstream.broker;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.DefaultConfiguration;

/**
 * Log4j 2 set up in code: a log4j2.xml in this jar would also land on the test class path of
 * every module that uses {@link TestKafka} and take over their logging.
 */
final class BrokerLogging {

    private BrokerLogging() {
    }

    static void configure(String level) {
        Configurator.initialize(new DefaultConfiguration());
        Configurator.setRootLevel(Level.toLevel(level, Level.INFO));
    }
}
