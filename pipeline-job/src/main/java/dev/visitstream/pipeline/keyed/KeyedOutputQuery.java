package dev.visitstream.pipeline.keyed;

import dev.visitstream.pipeline.VisitPipelineOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The SQL that shapes website-out, with where it came from so that an error can name it: the
 * built-in resource keyed-output.sql, --sql or --sqlFile.
 */
public final class KeyedOutputQuery {

  static final String BUILT_IN_RESOURCE = "keyed-output.sql";

  private final String sql;
  private final String source;

  private KeyedOutputQuery(String sql, String source) {
    this.sql = Objects.requireNonNull(sql);
    this.source = Objects.requireNonNull(source);
  }

  public static KeyedOutputQuery of(String sql, String source) {
    return new KeyedOutputQuery(sql, source);
  }

  public static KeyedOutputQuery builtIn() {
    return of(resource(BUILT_IN_RESOURCE), BUILT_IN_RESOURCE + " (built in)");
  }

  public static KeyedOutputQuery from(VisitPipelineOptions options) {
    if (options.getSql() != null) {
      return of(options.getSql(), "--sql");
    }
    if (options.getSqlFile() != null) {
      Path file = Path.of(options.getSqlFile());
      try {
        return of(Files.readString(file, StandardCharsets.UTF_8), "--sqlFile " + file);
      } catch (IOException e) {
        throw new IllegalArgumentException("--sqlFile: cannot read " + file + ": " + e, e);
      }
    }
    return builtIn();
  }

  public static String resource(String name) {
    try (InputStream in = KeyedOutputQuery.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing from the job jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String sql() {
    return sql;
  }

  /** Names the query in messages, e.g. "--sqlFile /etc/job/keyed.sql". */
  public String source() {
    return source;
  }
}
