package dev.visitstream.pipeline;

import java.util.HashSet;
import java.util.Set;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SetCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * DISTINCT_COUNT(x) for the stats SQL: Beam SQL has no COUNT(DISTINCT ...) ("Does not support
 * COUNT DISTINCT"), and an exact count of users per 10 s window is small enough to keep as a set.
 */
public final class DistinctCount extends CombineFn<String, Set<String>, Long> {
  private static final long serialVersionUID = 1L;

  public static final String SQL_NAME = "DISTINCT_COUNT";

  @Override
  public Set<String> createAccumulator() {
    return new HashSet<>();
  }

  @Override
  public Set<String> addInput(Set<String> seen, String value) {
    if (value != null) {
      seen.add(value);
    }
    return seen;
  }

  @Override
  public Set<String> mergeAccumulators(Iterable<Set<String>> accumulators) {
    Set<String> merged = new HashSet<>();
    accumulators.forEach(merged::addAll);
    return merged;
  }

  @Override
  public Long extractOutput(Set<String> seen) {
    return (long) seen.size();
  }

  @Override
  public Coder<Set<String>> getAccumulatorCoder(CoderRegistry registry, Coder<String> inputCoder) {
    return SetCoder.of(StringUtf8Coder.of());
  }
}
