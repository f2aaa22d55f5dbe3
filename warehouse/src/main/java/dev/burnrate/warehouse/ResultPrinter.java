package dev.burnrate.warehouse;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Prints a result set as an aligned table or as CSV, with control characters in column names and
 * values escaped ({@link ControlCharacters}).
 */
final class ResultPrinter {
  /** TABLE output shows at most this many rows; CSV streams everything. */
  static final int MAX_TABLE_ROWS = 10_000;

  private static final Set<Integer> NUMERIC =
      Set.of(
          Types.TINYINT,
          Types.SMALLINT,
          Types.INTEGER,
          Types.BIGINT,
          Types.FLOAT,
          Types.REAL,
          Types.DOUBLE,
          Types.NUMERIC,
          Types.DECIMAL);
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  private ResultPrinter() {}

  static void print(ResultSet rs, SqlQuery.Format format, PrintStream out) throws SQLException {
    if (format == SqlQuery.Format.CSV) {
      printCsv(rs, out);
    } else {
      printTable(rs, out);
    }
  }

  private static void printCsv(ResultSet rs, PrintStream out) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<String> header = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      header.add(csvField(ControlCharacters.escape(md.getColumnLabel(i))));
    }
    out.print(String.join(",", header) + "\n");
    while (rs.next()) {
      StringBuilder line = new StringBuilder();
      for (int i = 1; i <= n; i++) {
        if (i > 1) {
          line.append(',');
        }
        rs.getObject(i);
        if (!rs.wasNull()) {
          line.append(csvField(ControlCharacters.escape(render(rs, i))));
        }
      }
      out.print(line.append("\n"));
    }
  }

  private static void printTable(ResultSet rs, PrintStream out) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    String[] header = new String[n];
    int[] width = new int[n];
    boolean[] right = new boolean[n];
    for (int i = 0; i < n; i++) {
      header[i] = ControlCharacters.escape(md.getColumnLabel(i + 1));
      width[i] = header[i].length();
      right[i] = NUMERIC.contains(md.getColumnType(i + 1));
    }
    List<String[]> rows = new ArrayList<>();
    boolean more = false;
    while (rs.next()) {
      if (rows.size() == MAX_TABLE_ROWS) {
        more = true;
        break;
      }
      String[] row = new String[n];
      for (int i = 0; i < n; i++) {
        rs.getObject(i + 1);
        row[i] = rs.wasNull() ? "NULL" : ControlCharacters.escape(render(rs, i + 1));
        width[i] = Math.max(width[i], row[i].length());
      }
      rows.add(row);
    }
    out.println(line(header, width, right));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < n; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
    }
    out.println(rule);
    for (String[] row : rows) {
      out.println(line(row, width, right));
    }
    if (more) {
      out.println(
          "(first " + MAX_TABLE_ROWS + " rows shown; use --format csv for the whole result)");
    } else {
      out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    }
  }

  private static String line(String[] cells, int[] width, boolean[] right) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        b.append(" | ");
      }
      String pad = " ".repeat(width[i] - cells[i].length());
      b.append(right[i] ? pad + cells[i] : cells[i] + (i == cells.length - 1 ? "" : pad));
    }
    return b.toString();
  }

  /** A value as text: exact decimals, ISO dates, timestamps without a trailing ".0". */
  static String render(ResultSet rs, int column) throws SQLException {
    Object value = rs.getObject(column);
    if (value == null) {
      return "";
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Timestamp t) {
      return timestamp(t.toLocalDateTime());
    }
    if (value instanceof LocalDateTime t) {
      return timestamp(t);
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d)) {
        return "nan";
      }
      if (Double.isInfinite(d)) {
        return d > 0 ? "inf" : "-inf";
      }
      return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    return rs.getString(column);
  }

  private static String timestamp(LocalDateTime t) {
    String s = SECONDS.format(t);
    if (t.getNano() == 0) {
      return s;
    }
    String fraction = String.format("%09d", t.getNano()).replaceAll("0+$", "");
    return s + "." + fraction;
  }

  /** A field quoted when it holds a comma or a quote (escaped values hold no line breaks). */
  private static String csvField(String value) {
    if (value.contains(",") || value.contains("\"")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }
}
