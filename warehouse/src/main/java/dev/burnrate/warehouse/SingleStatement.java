package dev.burnrate.warehouse;

import dev.burnrate.core.BurnrateException;

/**
 * Refuses SQL text that holds more than one statement. DuckDB's JDBC driver would run every
 * statement of such a text and return the last result, and it offers no call that only splits.
 *
 * <p>A {@code ;} ends a statement unless it is inside a {@code '...'} string (also {@code E'...'}
 * with backslash escapes), a {@code "..."} identifier, a {@code $tag$...$tag$} string, a {@code --}
 * comment or a (nested) {@code /* ... *}{@code /} comment: the lexical rules of DuckDB's
 * PostgreSQL-derived parser. After the first {@code ;} only blanks, comments and more {@code ;} may
 * follow. Where this scan and DuckDB could disagree (a malformed literal), it sees a {@code ;} that
 * DuckDB would not, and refuses.
 */
final class SingleStatement {
  private final String sql;
  private int i;

  private SingleStatement(String sql) {
    this.sql = sql;
  }

  /**
   * @throws BurnrateException exit 2 when {@code sql} holds a second statement
   */
  static void require(String sql) {
    new SingleStatement(sql).scan();
  }

  private void scan() {
    int end = -1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '-' && next() == '-') {
        skipLineComment();
      } else if (c == '/' && next() == '*') {
        skipBlockComment();
      } else if (c == ';') {
        if (end < 0) {
          end = i;
        }
        i++;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (end >= 0) {
        throw BurnrateException.config(
            "burnrate sql runs one statement per call: the ';' at character "
                + (end + 1)
                + " is followed by another statement");
      } else if (c == '\'') {
        skipQuoted('\'', startsEscapeString());
      } else if (c == '"') {
        skipQuoted('"', false);
      } else if (c == '$' && !afterIdentifierCharacter() && dollarTagEnd() > 0) {
        skipDollarString();
      } else {
        i++;
      }
    }
  }

  private char next() {
    return i + 1 < sql.length() ? sql.charAt(i + 1) : 0;
  }

  private void skipLineComment() {
    while (i < sql.length() && sql.charAt(i) != '\n') {
      i++;
    }
  }

  private void skipBlockComment() {
    int depth = 0;
    while (i < sql.length()) {
      if (sql.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (sql.startsWith("*/", i)) {
        depth--;
        i += 2;
        if (depth == 0) {
          return;
        }
      } else {
        i++;
      }
    }
  }

  /** {@code E'...'}: the E starts a token (it does not end a longer identifier). */
  private boolean startsEscapeString() {
    if (i == 0 || Character.toLowerCase(sql.charAt(i - 1)) != 'e') {
      return false;
    }
    return i == 1 || !isIdentifierCharacter(sql.charAt(i - 2));
  }

  private boolean afterIdentifierCharacter() {
    return i > 0 && isIdentifierCharacter(sql.charAt(i - 1));
  }

  private static boolean isIdentifierCharacter(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c >= 0x80;
  }

  /**
   * A string ({@code '}) or a quoted name ({@code "}): the quote doubled is a quote; with backslash
   * escapes ({@code E'...'}), a backslash escapes the next character.
   */
  private void skipQuoted(char quote, boolean backslashEscapes) {
    i++;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
      } else if (c == quote) {
        if (next() != quote) {
          i++;
          return;
        }
        i += 2;
      } else {
        i++;
      }
    }
  }

  /**
   * The index just past a dollar-quote delimiter starting at {@code i} ({@code $$} or {@code
   * $tag$}, the tag a letter or {@code _} then letters, digits or {@code _}), or -1.
   */
  private int dollarTagEnd() {
    int j = i + 1;
    if (j < sql.length() && (Character.isLetter(sql.charAt(j)) || sql.charAt(j) == '_')) {
      j++;
      while (j < sql.length()
          && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
        j++;
      }
    }
    return j < sql.length() && sql.charAt(j) == '$' ? j + 1 : -1;
  }

  private void skipDollarString() {
    int open = dollarTagEnd();
    String tag = sql.substring(i, open);
    int close = sql.indexOf(tag, open);
    i = close < 0 ? sql.length() : close + tag.length();
  }
}
