package dev.visitstream.pipeline.keyed;

import dev.visitstream.pipeline.RowJson;
import dev.visitstream.visit.OutRecordKey;
import dev.visitstream.visit.VisitField;
import java.io.Serializable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * The website-out record of a keyed-output row: key {@link OutRecordKey}, value the visit JSON with
 * the contract's field names in its order (event_id is the contract's "id"). The columns are looked
 * up in the query's schema once, not by name in every row.
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
      names[i] = column.equals(KeyedOutput.EVENT_ID) ? VisitField.ID.jsonName() : column;
      columns[i++] = schema.indexOf(column);
    }
    eventId = schema.indexOf(KeyedOutput.EVENT_ID);
    eventTs = schema.indexOf(OutRecordKey.EVENT_TS);
  }

  public byte[] key(Row row) {
    // {"event_id":"<a 36-character UUID>","event_ts":<13 digits>} is 77 bytes: a visit's 512
    // would be allocated and zeroed for every record in vain.
    return new RowJson(96)
        .field(OutRecordKey.EVENT_ID, row.getValue(eventId))
        .field(OutRecordKey.EVENT_TS, row.getValue(eventTs))
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
