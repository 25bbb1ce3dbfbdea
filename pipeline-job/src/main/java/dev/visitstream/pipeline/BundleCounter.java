package dev.visitstream.pipeline;

import java.io.Serializable;
import org.apache.beam.sdk.metrics.Counter;

/**
 * A job counter that a DoFn adds to once per bundle. {@link Counter#inc()} looks up the current
 * metrics container on every call, work a per-element DoFn would repeat for every element; the
 * count reaches the metric when the bundle finishes.
 */
public final class BundleCounter implements Serializable {

  private final Counter counter;
  private transient long pending;

  public BundleCounter(String name) {
    this.counter = PipelineMetrics.counter(name);
  }

  public void inc() {
    pending++;
  }

  /** Call from {@code @FinishBundle}, where the runner still attributes metrics to the step. */
  public void flush() {
    if (pending > 0) {
      counter.inc(pending);
      pending = 0;
    }
  }
}
