package dev.visitstream.pipeline;

import org.apache.beam.sdk.values.Row;

/**
 * The website-out record of a keyed-output row: key {"event_id","event_ts"}, value the visit JSON
 * with the contract's 12 field names (event_id is the contract's "id").
 */
public final class KeyedOutputJson {

  private KeyedOutputJson() {}

  public static byte[] key(Row row) {
    return new RowJson()
        .field(KeyedOutput.EVENT_ID, row.getValue(KeyedOutput.EVENT_ID))
        .field(VisitSchema.EVENT_TS, row.getValue(VisitSchema.EVENT_TS))
        .toBytes();
  }

  public static byte[] value(Row row) {
    RowJson json = new RowJson();
    for (String column : KeyedOutput.REQUIRED_COLUMNS.keySet()) {
      String name = column.equals(KeyedOutput.EVENT_ID) ? VisitSchema.ID : column;
      json.field(name, row.getValue(column));
    }
    return json.toBytes();
  }
}
