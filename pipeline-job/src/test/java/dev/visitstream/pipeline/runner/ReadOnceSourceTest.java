package dev.visitstream.pipeline.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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

/**
 * The job's read: the same records as the wrapped source, one reader per split within a task (a
 * split sent again after a restore continues the first reader), metrics kept out.
 */
public class ReadOnceSourceTest {

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  @Test
  public void readsEveryRecordOfTheWrappedSourceThroughCheckpointsAndSplits() {
    PCollection<Long> read =
        pipeline.apply(
            Read.from(new ReadOnceSource<>(CountingSource.unbounded(), false))
                .withMaxNumRecords(5_000));

    PAssert.that(read)
        .containsInAnyOrder(LongStream.range(0, 5_000).boxed().collect(Collectors.toList()));
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void theReadersMetricsStayOutOfTheRunnersContainer() throws Exception {
    ReadOnceSource<Long, ?> source = new ReadOnceSource<>(new MeteredCounting(), false);
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
  public void aMeteredReaderLeavesItsMetricsToTheRunner() throws Exception {
    ReadOnceSource<Long, ?> source = new ReadOnceSource<>(new MeteredCounting(), true);
    MetricsContainerImpl runner = new MetricsContainerImpl("ReadVisits");

    try (Closeable scope = MetricsEnvironment.scopedMetricsContainer(runner);
        UnboundedSource.UnboundedReader<Long> reader = source.createReader(options, null)) {
      assertThat(reader.start()).isTrue();
    }

    assertThat(runner.getCounter(MetricName.named("test", "advanced")).getCumulative())
        .isEqualTo(1L);
  }

  @Test
  public void aSplitSentAgainWithoutAMarkContinuesWhereItsFirstReaderStopped() throws Exception {
    ReadOnceSource<Long, CountingSource.CounterMark> split = firstSplit();
    ReadOnceSource.Mark<CountingSource.CounterMark> restored = markAfter(split, 10);

    UnboundedSource.UnboundedReader<Long> restoredReader = split.createReader(options, restored);
    assertThat(readAll(restoredReader, 5)).containsExactly(10L, 11L, 12L, 13L, 14L);
    UnboundedSource.UnboundedReader<Long> sentAgain = split.createReader(options, null);

    assertThat(restoredReader.advance()).as("the first reader reads nothing more").isFalse();
    assertThat(readAll(sentAgain, 3)).containsExactly(15L, 16L, 17L);
    restoredReader.close(); // the runner may close both; the second one owns the split
    assertThat(sentAgain.advance()).isTrue();
    assertThat(sentAgain.getCurrent()).isEqualTo(18L);
    sentAgain.close();
  }

  @Test
  public void aSplitSentAgainBeforeItsRestoredReaderStartedStartsAtTheRestoredMark()
      throws Exception {
    ReadOnceSource<Long, CountingSource.CounterMark> split = firstSplit();
    ReadOnceSource.Mark<CountingSource.CounterMark> restored = markAfter(split, 7);

    UnboundedSource.UnboundedReader<Long> restoredReader = split.createReader(options, restored);
    UnboundedSource.UnboundedReader<Long> sentAgain = split.createReader(options, null);

    assertThat(restoredReader.start()).isFalse();
    assertThat(readAll(sentAgain, 2)).containsExactly(7L, 8L);
    sentAgain.close();
  }

  @Test
  public void aClosedReaderLeavesTheSplitToTheNextOneAndOtherTasksAreTheirOwn() throws Exception {
    ReadOnceSource<Long, CountingSource.CounterMark> split = firstSplit();

    UnboundedSource.UnboundedReader<Long> first = split.createReader(options, null);
    assertThat(readAll(first, 3)).containsExactly(0L, 1L, 2L);
    first.close();
    try (UnboundedSource.UnboundedReader<Long> next = split.createReader(options, null)) {
      assertThat(readAll(next, 1)).containsExactly(0L);

      // another task (thread) reading the same split index is not this task's business
      List<Long> otherTask = new ArrayList<>();
      Thread other =
          new Thread(
              () -> {
                try (UnboundedSource.UnboundedReader<Long> reader =
                    split.createReader(options, null)) {
                  otherTask.addAll(readAll(reader, 2));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      other.start();
      other.join();
      assertThat(otherTask).containsExactly(0L, 1L);
      assertThat(next.advance()).isTrue();
      assertThat(next.getCurrent()).isEqualTo(1L);
    }
  }

  private ReadOnceSource<Long, CountingSource.CounterMark> firstSplit() throws Exception {
    return new ReadOnceSource<>(CountingSource.unbounded(), false).split(1, options).get(0);
  }

  /** The checkpoint mark of a reader of {@code split} that has read {@code count} records. */
  private ReadOnceSource.Mark<CountingSource.CounterMark> markAfter(
      ReadOnceSource<Long, CountingSource.CounterMark> split, int count) throws Exception {
    Thread reader =
        new Thread(
            () -> {
              try (UnboundedSource.UnboundedReader<Long> earlier =
                  split.createReader(options, null)) {
                readAll(earlier, count);
                marks.add(
                    ((ReadOnceSource.Mark<CountingSource.CounterMark>)
                        earlier.getCheckpointMark()));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    reader.start(); // as an earlier task attempt: another thread
    reader.join();
    return marks.remove(0);
  }

  private final List<ReadOnceSource.Mark<CountingSource.CounterMark>> marks = new ArrayList<>();
  private final PipelineOptions options = PipelineOptionsFactory.create();

  private static List<Long> readAll(UnboundedSource.UnboundedReader<Long> reader, int count)
      throws IOException {
    List<Long> read = new ArrayList<>();
    boolean available = reader.start();
    while (read.size() < count) {
      assertThat(available).as("a record after %s", read).isTrue();
      read.add(reader.getCurrent());
      if (read.size() < count) {
        available = reader.advance();
      }
    }
    return read;
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
