package dev.visitstream.pipeline.runner;

import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.runners.AppliedPTransform;
import org.apache.beam.sdk.runners.PTransformOverride;
import org.apache.beam.sdk.runners.PTransformOverrideFactory;
import org.apache.beam.sdk.util.construction.ReplacementOutputs;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Gives every unbounded read of a built pipeline its source as a {@link ReadOnceSource}: same
 * records, checkpoints and watermarks, read once per split across restores, and without the
 * reader's own metrics unless {@code meteredReaders}. Done on the built graph because KafkaIO does
 * not hand out its source; KafkaIO still chooses and validates its read.
 */
public final class ReadOnceReads {

  private ReadOnceReads() {}

  public static void apply(Pipeline pipeline, boolean meteredReaders) {
    pipeline.replaceAll(
        List.of(
            PTransformOverride.of(
                application ->
                    application.getTransform() instanceof Read.Unbounded
                        && !(((Read.Unbounded<?>) application.getTransform()).getSource()
                            instanceof ReadOnceSource),
                new Replacement<>(meteredReaders))));
  }

  private static final class Replacement<T>
      implements PTransformOverrideFactory<PBegin, PCollection<T>, Read.Unbounded<T>> {

    private final boolean meteredReaders;

    Replacement(boolean meteredReaders) {
      this.meteredReaders = meteredReaders;
    }

    @Override
    public PTransformReplacement<PBegin, PCollection<T>> getReplacementTransform(
        AppliedPTransform<PBegin, PCollection<T>, Read.Unbounded<T>> read) {
      return PTransformReplacement.of(
          read.getPipeline().begin(),
          Read.from(new ReadOnceSource<>(read.getTransform().getSource(), meteredReaders)));
    }

    @Override
    public Map<PCollection<?>, ReplacementOutput> mapOutputs(
        Map<TupleTag<?>, PCollection<?>> outputs, PCollection<T> newOutput) {
      return ReplacementOutputs.singleton(outputs, newOutput);
    }
  }
}
