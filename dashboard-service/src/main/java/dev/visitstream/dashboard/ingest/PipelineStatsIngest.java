package dev.visitstream.dashboard.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visitstream.dashboard.stats.PipelineStat;
import dev.visitstream.dashboard.stats.PipelineWindows;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads the pipeline's windowed aggregates ({@code website-stats}) into {@link PipelineWindows}.
 */
@ApplicationScoped
public class PipelineStatsIngest {

  private static final Logger LOG = Logger.getLogger(PipelineStatsIngest.class);

  private final PipelineWindows windows;
  private final ObjectMapper mapper;
  private long ignored;

  public PipelineStatsIngest(PipelineWindows windows, ObjectMapper mapper) {
    this.windows = windows;
    this.mapper = mapper;
  }

  @Incoming("website-stats")
  @NonBlocking
  public void record(ConsumerRecord<String, byte[]> record) {
    PipelineStat stat;
    try {
      stat = record.value() == null ? null : mapper.readValue(record.value(), PipelineStat.class);
    } catch (IOException e) {
      stat = null;
    }
    if (stat == null || stat.dimension() == null || stat.value() == null) {
      // logged for the first and then every 1000th, so a broken producer cannot flood the log
      if (ignored++ % 1000 == 0) {
        LOG.warnf(
            "website-stats record %d@%d ignored: not a window aggregate (%d ignored so far)",
            record.partition(), record.offset(), ignored);
      }
      return;
    }
    windows.record(stat);
  }
}
