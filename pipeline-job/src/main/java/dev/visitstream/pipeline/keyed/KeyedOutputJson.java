package dev.visitstream.pipeline.keyed;

import dev.visitstream.pipeline.RowJson;
import dev.visitstream.pipeline.parse.VisitSchema;
import java.io.Serializable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * The website-out record of a keyed-output row: key {"event_id","event_ts"}, value the visit JSON
 * with the contract's 12 field names (event_id is the contract's "id"). The columns are looked up
 * in the query's schema once, not by name in every row.
 */
public final class KeyedOutputJson implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String[] names;
  private final int[] columns;
  private final int eventId;
  private final int eventTs;

  /** For rows of {@code schema}, which has every {@link KeyedOutput#REQUIRED_COLUMNS} column. */
  public KeyedOutputJson(Schema schema) {
    names = new String[KeyedOutput.REQUIRED_COLUMNS.size()];
    columns = new int[names.length];
    int i = 0;
    for (String column : KeyedOutput.REQUIRED_COLUMNS.keySet()) {
      names[i] = column.equals(KeyedOutput.EVENT_ID) ? VisitSchema.ID : column;
      columns[i++] = schema.indexOf(column);
    }
    eventId = schema.indexOf(KeyedOutput.EVENT_ID);
    eventTs = schema.indexOf(VisitSchema.EVENT_TS);
  }

  public byte[] key(Row row) {
    // {"event_id":"<a 36-character UUID>","event_ts":<13 digits>} is 77 bytes: a visit's 512
    // would be allocated and zeroed for every record in vain.
    return new RowJson(96)
        .field(KeyedOutput.EVENT_ID, row.getValue(eventId))
        .field(VisitSchema.EVENT_TS, row.getValue(eventTs))
        .toBytes();
  }

  public byte[] value(Row row) {
    RowJson json = new RowJson();
    for (int i = 0; i < columns.length; i++) {
      json.field(names[i], row.getValue(columns[i]));
    }
    return json.toBytes();
  }
}
