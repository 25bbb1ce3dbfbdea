package dev.visitstream.pipeline;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import org.apache.beam.runners.core.metrics.MetricsContainerImpl;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.metrics.MetricsContainer;
import org.apache.beam.sdk.metrics.MetricsEnvironment;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * An unbounded source whose reader reports its own Beam metrics (KafkaIO's elements, bytes and
 * backlog per partition) to a container of its own instead of the runner's. The Flink runner of
 * Beam 2.59 republishes every metric of a source step to Flink after each record it reads
 * (ReaderInvocationUtil.invokeAdvance -> updateMetrics): with KafkaIO's metrics, that and
 * KafkaIO's own per-record metric updates took about a sixth of the job's CPU
 * (deploy/bench/RESULTS.md). The checkpoint marks are wrapped too, so that KafkaIO's commit
 * counter, counted when Flink finalizes a checkpoint outside any metrics container, does not log
 * an ERROR. Everything else is the wrapped source's.
 */
final class UnmeteredSource<T, CheckpointT extends UnboundedSource.CheckpointMark>
    extends UnboundedSource<T, UnmeteredSource.Mark<CheckpointT>> {

  private final UnboundedSource<T, CheckpointT> source;

  UnmeteredSource(UnboundedSource<T, CheckpointT> source) {
    this.source = source;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof UnmeteredSource && source.equals(((UnmeteredSource<?, ?>) other).source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  @Override
  public List<UnmeteredSource<T, CheckpointT>> split(int desiredNumSplits, PipelineOptions options)
      throws Exception {
    // Flink splits on its enumerator thread, which has no metrics container: KafkaIO's lineage
    // metric would log an ERROR with a stack trace at every job start.
    try (Closeable scope =
        MetricsEnvironment.scopedMetricsContainer(new MetricsContainerImpl("unmetered-split"))) {
      return source.split(desiredNumSplits, options).stream()
          .map(UnmeteredSource::new)
          .collect(Collectors.toList());
    }
  }

  @Override
  public UnboundedReader<T> createReader(
      PipelineOptions options, @Nullable Mark<CheckpointT> mark) throws IOException {
    return new Reader<>(this, source.createReader(options, mark == null ? null : mark.mark));
  }

  @Override
  public Coder<Mark<CheckpointT>> getCheckpointMarkCoder() {
    return new MarkCoder<>(source.getCheckpointMarkCoder());
  }

  @Override
  public boolean requiresDeduping() {
    return source.requiresDeduping();
  }

  @Override
  public Coder<T> getOutputCoder() {
    return source.getOutputCoder();
  }

  @Override
  public void validate() {
    source.validate();
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    source.populateDisplayData(builder);
  }

  private static void closeQuietly(Closeable scope) {
    try {
      scope.close();
    } catch (IOException cannotHappen) {
      // restoring the previous container throws nothing
    }
  }

  /** The wrapped source's mark, finalized (offsets committed) under the reader's container. */
  static final class Mark<CheckpointT extends CheckpointMark> implements CheckpointMark {
    final CheckpointT mark;
    private final MetricsContainer metrics;

    Mark(CheckpointT mark, MetricsContainer metrics) {
      this.mark = mark;
      this.metrics = metrics;
    }

    @Override
    public void finalizeCheckpoint() throws IOException {
      try (Closeable scope = MetricsEnvironment.scopedMetricsContainer(metrics)) {
        mark.finalizeCheckpoint();
      }
    }
  }

  /** Encodes just the wrapped mark: the checkpoint state stays that of the wrapped source. */
  private static final class MarkCoder<CheckpointT extends CheckpointMark>
      extends CustomCoder<Mark<CheckpointT>> {
    private static final long serialVersionUID = 1L;
    private final Coder<CheckpointT> coder;

    MarkCoder(Coder<CheckpointT> coder) {
      this.coder = coder;
    }

    @Override
    public void encode(Mark<CheckpointT> value, OutputStream out) throws IOException {
      coder.encode(value.mark, out);
    }

    @Override
    public Mark<CheckpointT> decode(InputStream in) throws IOException {
      return new Mark<>(coder.decode(in), new MetricsContainerImpl("unmetered-restored-mark"));
    }

    @Override
    public void verifyDeterministic() throws NonDeterministicException {
      coder.verifyDeterministic();
    }
  }

  private static final class Reader<T, CheckpointT extends CheckpointMark>
      extends UnboundedReader<T> {
    private final UnmeteredSource<T, CheckpointT> source;
    private final UnboundedReader<T> reader;
    private final MetricsContainer ownMetrics = new MetricsContainerImpl("unmetered-reader");

    Reader(UnmeteredSource<T, CheckpointT> source, UnboundedReader<T> reader) {
      this.source = source;
      this.reader = reader;
    }

    @Override
    public boolean start() throws IOException {
      try (Closeable scope = MetricsEnvironment.scopedMetricsContainer(ownMetrics)) {
        return reader.start();
      }
    }

    @Override
    public boolean advance() throws IOException {
      try (Closeable scope = MetricsEnvironment.scopedMetricsContainer(ownMetrics)) {
        return reader.advance();
      }
    }

    @Override
    @SuppressWarnings("unchecked") // a reader of the wrapped source returns that source's marks
    public Mark<CheckpointT> getCheckpointMark() {
      // KafkaIO sets its backlog gauges here.
      Closeable scope = MetricsEnvironment.scopedMetricsContainer(ownMetrics);
      try {
        return new Mark<>((CheckpointT) reader.getCheckpointMark(), ownMetrics);
      } finally {
        closeQuietly(scope);
      }
    }

    @Override
    public T getCurrent() throws NoSuchElementException {
      return reader.getCurrent();
    }

    @Override
    public Instant getCurrentTimestamp() throws NoSuchElementException {
      return reader.getCurrentTimestamp();
    }

    @Override
    public byte[] getCurrentRecordId() throws NoSuchElementException {
      return reader.getCurrentRecordId();
    }

    @Override
    public Instant getWatermark() {
      return reader.getWatermark();
    }

    @Override
    public long getSplitBacklogBytes() {
      return reader.getSplitBacklogBytes();
    }

    @Override
    public long getTotalBacklogBytes() {
      return reader.getTotalBacklogBytes();
    }

    @Override
    public UnboundedSource<T, ?> getCurrentSource() {
      return source;
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }
}
