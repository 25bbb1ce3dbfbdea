package dev.visitstream.pipeline.parse;

import dev.visitstream.visit.VisitField;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;

/**
 * The schema of a parsed website visit: the fields of the visit contract ({@link VisitField}), in
 * its order, under the snake_case names that the SQL stages and the website-out value use.
 */
public final class VisitSchema {

  public static final Schema SCHEMA = schema();

  public static final List<String> FIELD_NAMES = SCHEMA.getFieldNames();

  private static Schema schema() {
    Schema.Builder schema = Schema.builder();
    for (VisitField field : VisitField.ALL) {
      schema.addField(field.jsonName(), fieldType(field));
    }
    return schema.build();
  }

  static Schema.FieldType fieldType(VisitField field) {
    switch (field.type()) {
      case TEXT:
        return Schema.FieldType.STRING;
      case BOOLEAN:
        return Schema.FieldType.BOOLEAN;
      case INT:
        return Schema.FieldType.INT32;
      case BIGINT:
        return Schema.FieldType.INT64;
      case POSITION:
        return Schema.FieldType.DOUBLE;
      default:
        throw new IllegalArgumentException("no SQL type for " + field.type());
    }
  }

  private VisitSchema() {}
}
