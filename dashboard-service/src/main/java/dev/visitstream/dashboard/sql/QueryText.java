package dev.visitstream.dashboard.sql;

/**
 * The checks a query's text must pass before it goes to Flink at all: present, not too long, and
 * only printable text (tabs and line breaks allowed), so that nothing odd reaches a job's arguments
 * and the planner's positions match what the editor shows.
 */
final class QueryText {

  private QueryText() {}

  static String validate(String query, int maxChars) {
    if (query == null || query.isBlank()) {
      throw new QueryRefusedException(
          "write a query first: one SELECT over visits or dead_letters");
    }
    if (query.length() > maxChars) {
      throw new QueryRefusedException(
          "the query has " + query.length() + " characters; at most " + maxChars + " are accepted");
    }
    int line = 1;
    int column = 1;
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      boolean pairedSurrogate =
          Character.isHighSurrogate(c)
              && i + 1 < query.length()
              && Character.isLowSurrogate(query.charAt(i + 1));
      if (pairedSurrogate) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new QueryRefusedException(
            "the query holds an invalid UTF-16 character at line " + line + ", column " + column,
            line,
            column);
      } else if ((Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')
          || c == '\u2028'
          || c == '\u2029') {
        throw new QueryRefusedException(
            String.format(
                "the query holds the control character U+%04X at line %d, column %d: remove it",
                (int) c, line, column),
            line,
            column);
      }
      if (c == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return query;
  }
}
