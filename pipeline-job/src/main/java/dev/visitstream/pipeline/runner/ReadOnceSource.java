package dev.visitstream.pipeline.runner;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An unbounded source (KafkaIO's, in this job) as Beam's Flink 1.16 runner should read it: each
 * split by one reader, also after a restore, and optionally without the reader's own metrics.
 *
 * <p><b>One reader per split across a restore.</b> On every global restore (a savepoint or a
 * retained checkpoint given to {@code flink run -s}, a JobManager failover under HA, a global
 * failover) the runner gives each source reader its restored splits, and then its split enumerator,
 * restored without knowing it assigned them already, splits the source again and sends every split
 * a second time without a checkpoint mark (apache/beam#31313). Both copies of split i land on the
 * same subtask, which would read them side by side: every record after the restore point twice, and
 * one Kafka consumer more per split and restore. A split index reaches a subtask once in every
 * other case, so here a second reader of the same split index in the same task takes the first
 * one's place: it starts where the first one has got to (or at its own checkpoint mark, when it
 * brings one), and the first one is closed and reads nothing more. The continuing reader is built
 * from the newer split source, so an upgraded job's source settings apply to restored splits. The
 * runner reads all splits of a subtask on that task's one thread, and a new task attempt gets a new
 * thread: the readers are tracked per thread. A restore at a higher parallelism still reads the
 * partitions that move to a new subtask twice: change the parallelism with a stateless start.
 *
 * <p><b>Reader metrics.</b> The runner republishes every metric of a source step to Flink after
 * each record it reads; with KafkaIO's per-partition reader metrics that costs a large share of the
 * job's CPU. Unless {@code meteredReader}, the reader reports them to a container of its own. The
 * checkpoint marks then finalize (commit offsets) under that container too: Flink finalizes outside
 * any container, where KafkaIO's commit counter would log an ERROR.
 *
 * <p>This class is Java-serialized into every savepoint and checkpoint with the split it reads (the
 * runner stores the split's source): keep its fields and {@code serialVersionUID} compatible.
 */
public final class ReadOnceSource<T, CheckpointT extends UnboundedSource.CheckpointMark>
    extends UnboundedSource<T, ReadOnceSource.Mark<CheckpointT>> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ReadOnceSource.class);

  /** The open readers of the current task thread, by split index. */
  private static final ThreadLocal<Map<Integer, Reader<?, ?>>> TASK_READERS =
      ThreadLocal.withInitial(HashMap::new);

  /** The wrapped source, unsplit or one of its splits. */
  private final UnboundedSource<T, CheckpointT> source;

  /** The position of this split in the list {@link #split} returned; -1 before splitting. */
  private final int splitIndex;

  private final boolean meteredReader;

  public ReadOnceSource(UnboundedSource<T, CheckpointT> source, boolean meteredReader) {
    this(source, -1, meteredReader);
  }

  private ReadOnceSource(
      UnboundedSource<T, CheckpointT> source, int splitIndex, boolean meteredReader) {
    this.source = source;
    this.splitIndex = splitIndex;
    this.meteredReader = meteredReader;
  }

  UnboundedSource<T, CheckpointT> wrapped() {
    return source;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof ReadOnceSource
        && source.equals(((ReadOnceSource<?, ?>) other).source)
        && splitIndex == ((ReadOnceSource<?, ?>) other).splitIndex;
  }

  @Override
  public int hashCode() {
    return source.hashCode() * 31 + splitIndex;
  }

  @Override
  public List<ReadOnceSource<T, CheckpointT>> split(int desiredNumSplits, PipelineOptions options)
      throws Exception {
    // Flink splits on its enumerator thread, which has no metrics container: KafkaIO's lineage
    // metric would log an ERROR with a stack trace at every job start.
    try (Closeable scope =
        MetricsEnvironment.scopedMetricsContainer(new MetricsContainerImpl("read-once-split"))) {
      List<? extends UnboundedSource<T, CheckpointT>> splits =
          source.split(desiredNumSplits, options);
      List<ReadOnceSource<T, CheckpointT>> wrapped = new ArrayList<>(splits.size());
      for (int i = 0; i < splits.size(); i++) {
        wrapped.add(new ReadOnceSource<>(splits.get(i), i, meteredReader));
      }
      return wrapped;
    }
  }

  @Override
  public UnboundedReader<T> createReader(PipelineOptions options, @Nullable Mark<CheckpointT> mark)
      throws IOException {
    Map<Integer, Reader<?, ?>> open = TASK_READERS.get();
    @SuppressWarnings("unchecked") // same split index, same job: same source type
    Reader<T, CheckpointT> previous =
        splitIndex < 0 ? null : (Reader<T, CheckpointT>) open.get(splitIndex);
    CheckpointT start = mark == null ? null : mark.mark;
    if (previous != null) {
      CheckpointT reached = previous.retire();
      LOG.info(
          "Split {} is already read by this task (a restored split sent again by the enumerator):"
              + " one reader continues from {}",
          splitIndex,
          start != null ? "its own checkpoint mark" : "where the first reader stopped");
      if (start == null) {
        start = reached;
      }
    }
    Reader<T, CheckpointT> reader =
        new Reader<>(this, source.createReader(options, start), start, meteredReader);
    if (splitIndex >= 0) {
      open.put(splitIndex, reader);
    }
    return reader;
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

  /** Enters the container, or no scope at all when there is none (metered reader). */
  private static Closeable scope(@Nullable MetricsContainer metrics) {
    return metrics == null ? () -> {} : MetricsEnvironment.scopedMetricsContainer(metrics);
  }

  /** The wrapped source's mark, finalized (offsets committed) under the reader's container. */
  public static final class Mark<CheckpointT extends CheckpointMark> implements CheckpointMark {
    final CheckpointT mark;
    private final @Nullable MetricsContainer metrics;

    Mark(CheckpointT mark, @Nullable MetricsContainer metrics) {
      this.mark = mark;
      this.metrics = metrics;
    }

    @Override
    public void finalizeCheckpoint() throws IOException {
      try (Closeable scope = scope(metrics)) {
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
      return new Mark<>(coder.decode(in), new MetricsContainerImpl("read-once-restored-mark"));
    }

    @Override
    public void verifyDeterministic() throws NonDeterministicException {
      coder.verifyDeterministic();
    }
  }

  private static final class Reader<T, CheckpointT extends CheckpointMark>
      extends UnboundedReader<T> {
    private final ReadOnceSource<T, CheckpointT> source;
    private final UnboundedReader<T> reader;
    private final @Nullable CheckpointT startMark;
    private final @Nullable MetricsContainer ownMetrics;
    private boolean started;

    /** Another reader of the same split took over: this one reads nothing more. */
    private boolean retired;

    Reader(
        ReadOnceSource<T, CheckpointT> source,
        UnboundedReader<T> reader,
        @Nullable CheckpointT startMark,
        boolean metered) {
      this.source = source;
      this.reader = reader;
      this.startMark = startMark;
      this.ownMetrics = metered ? null : new MetricsContainerImpl("read-once-reader");
    }

    /** Closes the wrapped reader and returns the mark to continue from (null: the beginning). */
    @SuppressWarnings("unchecked") // a reader of the wrapped source returns that source's marks
    @Nullable CheckpointT retire() throws IOException {
      CheckpointT reached = started ? (CheckpointT) reader.getCheckpointMark() : startMark;
      retired = true;
      reader.close();
      return reached;
    }

    @Override
    public boolean start() throws IOException {
      if (retired) {
        return false;
      }
      started = true;
      try (Closeable scope = scope(ownMetrics)) {
        return reader.start();
      }
    }

    @Override
    public boolean advance() throws IOException {
      if (retired) {
        return false;
      }
      try (Closeable scope = scope(ownMetrics)) {
        return reader.advance();
      }
    }

    @Override
    @SuppressWarnings("unchecked") // a reader of the wrapped source returns that source's marks
    public Mark<CheckpointT> getCheckpointMark() {
      // KafkaIO sets its backlog gauges here.
      Closeable scope = scope(ownMetrics);
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
      if (retired) {
        return;
      }
      TASK_READERS.get().remove(source.splitIndex, this);
      reader.close();
    }
  }
}
