package dev.visitstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.beam.runners.core.metrics.MetricsContainerImpl;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.CountingSource;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.MetricName;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsEnvironment;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.PCollection;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/** The job's read without the reader's own metrics: same records, metrics kept out. */
public class UnmeteredSourceTest {

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  @Test
  public void readsEveryRecordOfTheWrappedSourceThroughCheckpointsAndSplits() {
    PCollection<Long> read =
        pipeline.apply(
            Read.from(new UnmeteredSource<>(CountingSource.unbounded())).withMaxNumRecords(5_000));

    PAssert.that(read)
        .containsInAnyOrder(LongStream.range(0, 5_000).boxed().collect(Collectors.toList()));
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void theReadersMetricsStayOutOfTheRunnersContainer() throws Exception {
    PipelineOptions options = PipelineOptionsFactory.create();
    UnmeteredSource<Long, ?> source = new UnmeteredSource<>(new MeteredCounting());
    MetricsContainerImpl runner = new MetricsContainerImpl("ReadVisits");
    MetricName advanced = MetricName.named("test", "advanced");

    try (Closeable scope = MetricsEnvironment.scopedMetricsContainer(runner);
        UnboundedSource.UnboundedReader<Long> reader = source.createReader(options, null)) {
      assertThat(reader.start()).isTrue();
      assertThat(reader.advance()).isTrue();
      assertThat(reader.getCurrent()).isEqualTo(1L);
      reader.getCheckpointMark().finalizeCheckpoint();
      assertThat(reader.getCurrentSource()).isSameAs(source);
      Metrics.counter("test", "job").inc(); // the runner's container still gets everything else
    }

    assertThat(runner.getCounter(advanced).getCumulative()).isZero();
    assertThat(runner.getCounter(MetricName.named("test", "job")).getCumulative()).isEqualTo(1L);
  }

  @Test
  public void theJobReadsThroughAnUnmeteredSourceUnderTheSameStepNameUnlessAskedForMetrics() {
    assertThat(reads("--flinkMaster=[local]"))
        .containsExactly(
            "ReadVisits/KafkaRead/KafkaIO.Read.ReadFromKafkaViaUnbounded/Read(KafkaUnboundedSource)"
                + " reads UnmeteredSource");
    assertThat(reads("--flinkMaster=[local]", "--kafkaReaderMetrics=true"))
        .containsExactly(
            "ReadVisits/KafkaRead/KafkaIO.Read.ReadFromKafkaViaUnbounded/Read(KafkaUnboundedSource)"
                + " reads KafkaUnboundedSource");
  }

  private static List<String> reads(String... args) {
    return JobGraph.steps(args).entrySet().stream()
        .filter(step -> step.getValue() instanceof Read.Unbounded)
        .map(
            step ->
                step.getKey()
                    + " reads "
                    + ((Read.Unbounded<?>) step.getValue()).getSource().getClass().getSimpleName())
        .collect(Collectors.toList());
  }

  /**
   * CountingSource whose reader counts its advances, checkpoints and finalized checkpoints in a
   * Beam metric, as KafkaIO's does.
   */
  private static final class MeteredCounting
      extends UnboundedSource<Long, CountingSource.CounterMark> {
    private final UnboundedSource<Long, CountingSource.CounterMark> counting =
        CountingSource.unbounded();

    @Override
    public List<MeteredCounting> split(int desiredNumSplits, PipelineOptions options) {
      return List.of(this);
    }

    @Override
    public UnboundedReader<Long> createReader(
        PipelineOptions options, CountingSource.@Nullable CounterMark mark) throws IOException {
      UnboundedReader<Long> reader = counting.createReader(options, mark);
      Counter advanced = Metrics.counter("test", "advanced");
      MeteredCounting self = this;
      return new UnboundedReader<Long>() {
        @Override
        public boolean start() throws IOException {
          advanced.inc();
          return reader.start();
        }

        @Override
        public boolean advance() throws IOException {
          advanced.inc();
          return reader.advance();
        }

        @Override
        public Long getCurrent() throws NoSuchElementException {
          return reader.getCurrent();
        }

        @Override
        public Instant getCurrentTimestamp() throws NoSuchElementException {
          return reader.getCurrentTimestamp();
        }

        @Override
        public Instant getWatermark() {
          return reader.getWatermark();
        }

        @Override
        public CheckpointMark getCheckpointMark() {
          advanced.inc();
          CheckpointMark mark = reader.getCheckpointMark();
          return () -> {
            advanced.inc();
            mark.finalizeCheckpoint();
          };
        }

        @Override
        public UnboundedSource<Long, ?> getCurrentSource() {
          return self;
        }

        @Override
        public void close() throws IOException {
          reader.close();
        }
      };
    }

    @Override
    public Coder<CountingSource.CounterMark> getCheckpointMarkCoder() {
      return counting.getCheckpointMarkCoder();
    }

    @Override
    public Coder<Long> getOutputCoder() {
      return counting.getOutputCoder();
    }
  }
}
