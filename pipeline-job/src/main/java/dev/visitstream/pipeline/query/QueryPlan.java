package dev.visitstream.pipeline.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.extensions.sql.impl.BeamSqlEnv;
import org.apache.beam.sdk.extensions.sql.impl.rel.BeamRelNode;
import org.apache.beam.sdk.extensions.sql.impl.schema.BeamPCollectionTable;
import org.apache.beam.sdk.extensions.sql.impl.utils.CalciteUtils;
import org.apache.beam.sdk.extensions.sql.meta.BeamSqlTable;
import org.apache.beam.sdk.extensions.sql.meta.provider.ReadOnlyTableProvider;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.vendor.calcite.v1_28_0.org.apache.calcite.plan.RelOptUtil;
import org.apache.beam.vendor.calcite.v1_28_0.org.apache.calcite.rel.RelNode;
import org.apache.beam.vendor.calcite.v1_28_0.org.apache.calcite.rel.core.Aggregate;
import org.apache.beam.vendor.calcite.v1_28_0.org.apache.calcite.rel.core.Calc;
import org.apache.beam.vendor.calcite.v1_28_0.org.apache.calcite.rel.core.TableModify;
import org.apache.beam.vendor.calcite.v1_28_0.org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.beam.vendor.calcite.v1_28_0.org.apache.calcite.rex.RexProgram;
import org.apache.beam.vendor.calcite.v1_28_0.org.apache.calcite.util.ImmutableBitSet;

/**
 * A query planned by Beam SQL over the query tables, as {@link
 * org.apache.beam.sdk.extensions.sql.SqlTransform} will plan it: the result columns (SQL types),
 * which of them identify a row's window and group (its key), and Beam's plan. A query that is not
 * exactly one SELECT, or does not parse or plan, is a {@link QueryError} with the planner's message
 * and position.
 */
public final class QueryPlan {

  /** A result column: name, SQL type, and whether it is part of the row's key. */
  public static final class Column {
    public final String name;
    public final String type;
    public final boolean key;

    Column(String name, String type, boolean key) {
      this.name = name;
      this.type = type;
      this.key = key;
    }
  }

  private final List<Column> columns;
  private final boolean updating;
  private final String explain;

  private QueryPlan(List<Column> columns, boolean updating, String explain) {
    this.columns = columns;
    this.updating = updating;
    this.explain = explain;
  }

  /** Plans {@code sql} over the tables of {@code tables} (tags {@link QueryTables#VISITS}, ...). */
  public static QueryPlan of(String sql, PCollectionTuple tables) {
    if (sql == null || sql.isBlank()) {
      throw new QueryError("the query is empty: write one SELECT over visits or dead_letters");
    }
    Map<String, BeamSqlTable> sqlTables = new java.util.LinkedHashMap<>();
    tables
        .getAll()
        .forEach(
            (tag, collection) -> {
              @SuppressWarnings("unchecked")
              PCollection<Row> rows = (PCollection<Row>) collection;
              sqlTables.put(tag.getId(), new BeamPCollectionTable<>(rows));
            });
    BeamSqlEnv env =
        BeamSqlEnv.builder(new ReadOnlyTableProvider("PCOLLECTION", sqlTables))
            .setPipelineOptions(tables.getPipeline().getOptions())
            .build();
    try {
      if (env.isDdl(sql)) {
        throw new QueryError(
            "only a query can run here (one SELECT): CREATE, DROP, SET and other statements are refused");
      }
      BeamRelNode root = env.parseQuery(sql);
      if (root instanceof TableModify) {
        throw new QueryError(
            "only a query can run here (one SELECT): INSERT and other changes are refused");
      }
      List<Integer> keys = keyColumns(root);
      List<RelDataTypeField> fields = root.getRowType().getFieldList();
      List<Column> columns = new ArrayList<>();
      for (int i = 0; i < fields.size(); i++) {
        RelDataTypeField field = fields.get(i);
        columns.add(
            new Column(
                field.getName(),
                field.getType().getSqlTypeName().getName(),
                keys != null && keys.contains(i)));
      }
      return new QueryPlan(
          Collections.unmodifiableList(columns), keys != null, RelOptUtil.toString(root));
    } catch (QueryError e) {
      throw e;
    } catch (RuntimeException e) {
      throw QueryError.from(e);
    }
  }

  /**
   * The result columns that identify a row's window and group: those computed from the GROUP BY
   * keys (the window included) of the aggregation at the top of the plan, under any projections and
   * HAVING filters. Null when the query does not aggregate at its top: every row is new then.
   */
  static List<Integer> keyColumns(RelNode root) {
    int width = root.getRowType().getFieldCount();
    List<ImmutableBitSet> dependsOn = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      dependsOn.add(ImmutableBitSet.of(i));
    }
    RelNode node = root;
    while (node instanceof Calc) {
      RexProgram program = ((Calc) node).getProgram();
      List<ImmutableBitSet> below = new ArrayList<>();
      for (ImmutableBitSet fields : dependsOn) {
        ImmutableBitSet.Builder inputs = ImmutableBitSet.builder();
        for (int field : fields) {
          inputs.addAll(
              RelOptUtil.InputFinder.bits(
                  program.expandLocalRef(program.getProjectList().get(field))));
        }
        below.add(inputs.build());
      }
      dependsOn = below;
      node = node.getInput(0);
    }
    if (!(node instanceof Aggregate)) {
      return null;
    }
    int groupKeys = ((Aggregate) node).getGroupCount();
    List<Integer> keys = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      ImmutableBitSet inputs = dependsOn.get(i);
      if (!inputs.isEmpty() && inputs.nextSetBit(groupKeys) < 0) {
        keys.add(i);
      }
    }
    return keys;
  }

  public List<Column> columns() {
    return columns;
  }

  /** True when a later row may replace an earlier one with the same key (a newer pane). */
  public boolean updating() {
    return updating;
  }

  /** Beam's plan of the query, one node per line. */
  public String explain() {
    return explain;
  }

  /** The SQL type name of a Beam field type, as the planner shows it (VARCHAR, TIMESTAMP, ...). */
  static String sqlType(Schema.FieldType type) {
    return CalciteUtils.toSqlTypeName(type).getName();
  }
}
