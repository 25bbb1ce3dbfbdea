package dev.visitstream.pipeline.stats;

import java.util.HashSet;
import java.util.Set;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SetCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * DISTINCT_USERS(users) for the stats SQL: how many distinct users the {@link UserSet}s of a group
 * hold together. Beam SQL has no COUNT(DISTINCT ...) ("Does not support COUNT DISTINCT"), and an
 * exact set of the users of one stats window is small enough to keep.
 */
public final class DistinctUsers extends CombineFn<String, Set<String>, Long> {
  private static final long serialVersionUID = 1L;

  public static final String SQL_NAME = "DISTINCT_USERS";

  @Override
  public Set<String> createAccumulator() {
    return new HashSet<>();
  }

  @Override
  public Set<String> addInput(Set<String> seen, String users) {
    if (users != null) {
      UserSet.unpack(users, seen::add);
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
