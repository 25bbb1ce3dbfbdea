package dev.visitstream.visit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VisitFieldTest {

  @Test
  void eventTsIsTheLastField() {
    assertSame(VisitField.EVENT_TS, VisitField.ALL[VisitField.ALL.length - 1]);
  }

  @Test
  void namesAreUniqueSnakeCase() {
    Set<String> names = new HashSet<>();
    for (VisitField field : VisitField.ALL) {
      assertTrue(field.jsonName().matches("[a-z][a-z0-9_]*"), field.jsonName());
      assertTrue(names.add(field.jsonName()), field.jsonName());
    }
  }

  @Test
  void examplesHaveTheJavaTypeOfTheirFieldType() {
    for (VisitField field : VisitField.ALL) {
      Class<?> expected;
      switch (field.type()) {
        case TEXT:
          expected = String.class;
          break;
        case BOOLEAN:
          expected = Boolean.class;
          break;
        case INT:
          expected = Integer.class;
          break;
        case BIGINT:
          expected = Long.class;
          break;
        default:
          expected = Double.class;
      }
      assertEquals(expected, field.example().getClass(), field.jsonName());
    }
  }

  @Test
  void findsFieldsByNameInAnyOrder() {
    assertSame(VisitField.LAT, VisitField.named("lat", VisitField.LAT.ordinal()));
    assertSame(VisitField.LAT, VisitField.named("lat", 0));
    assertSame(VisitField.EVENT_TS, VisitField.named("event_ts", VisitField.ALL.length));
    assertNull(VisitField.named("latitude", 2));
  }
}
