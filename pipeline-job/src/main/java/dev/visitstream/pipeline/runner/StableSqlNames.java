package dev.visitstream.pipeline.runner;

import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.extensions.sql.SqlTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.Row;

/**
 * Applies a {@link SqlTransform} so that the names of its steps depend on its query alone.
 *
 * <p>Beam SQL names the steps of a query after Calcite's plan nodes, numbered by a counter that is
 * global to the class loader ({@code BeamCalcRel_18}, {@code BeamAggregationRel_78}, ...), and the
 * Flink runner gives those names to the operators as the ids under which a savepoint keeps their
 * state. Left alone, the stats windows' operator ids would change with the keyed-output query
 * planned before them, or with any query planned earlier in the same JVM (a test, a JobManager that
 * runs main() of several submissions), and a restore would then fail ("Cannot map
 * checkpoint/savepoint state") or, allowed to skip state, silently drop the windows. Each query is
 * planned from the counter's start instead, one at a time.
 */
public final class StableSqlNames {

  private static final String REL_NODE =
      "org.apache.beam.vendor.calcite.v1_28_0.org.apache.calcite.rel.AbstractRelNode";
  private static final AtomicInteger NEXT_REL_ID = nextRelId();

  private StableSqlNames() {}

  public static PCollection<Row> apply(PInput input, String name, SqlTransform sql) {
    synchronized (NEXT_REL_ID) {
      NEXT_REL_ID.set(0);
      return Pipeline.applyTransform(name, input, sql);
    }
  }

  private static AtomicInteger nextRelId() {
    try {
      Field nextId = Class.forName(REL_NODE).getDeclaredField("NEXT_ID");
      nextId.setAccessible(true);
      return (AtomicInteger) nextId.get(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "Beam SQL's planner (vendored Calcite 1.28) is not the one this job was built for", e);
    }
  }
}
