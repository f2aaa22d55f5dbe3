package dev.burnrate.demo;

import dev.burnrate.core.focus.FocusColumn;
import dev.burnrate.core.focus.FocusColumns;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How one provider writes its native FOCUS CSV: which FOCUS version's columns, compression, byte
 * order mark, line ending, the token for an empty field and the timestamp layout. Each provider
 * gets different quirks so that the reader is exercised on all of them.
 *
 * @param focusVersion the newest FOCUS version whose columns (among those the generator fills) are
 *     written; a column's version is its {@link FocusColumn#since()} in core's FocusColumns
 * @param nullToken what an empty field is written as ("" or the literal NULL)
 * @param isoTimestamps true for 2026-10-01T00:00:00Z, false for 2026-10-01 00:00:00
 * @param usageOnly true for a usage-only export (CoreWeave's): no cost or price columns
 */
record FocusDialect(
    String focusVersion,
    boolean gzip,
    boolean byteOrderMark,
    String newline,
    String nullToken,
    boolean isoTimestamps,
    boolean usageOnly) {

  /** The columns a usage-only export leaves out: the rate card prices its rows. */
  private static final Set<BillLine.Col> COST_COLUMNS =
      EnumSet.of(
          BillLine.Col.BilledCost,
          BillLine.Col.EffectiveCost,
          BillLine.Col.ListCost,
          BillLine.Col.ContractedCost,
          BillLine.Col.ListUnitPrice,
          BillLine.Col.ContractedUnitPrice);

  static FocusDialect of(String version) {
    return new FocusDialect(version, false, false, "\n", "", true, false);
  }

  FocusDialect gzipped() {
    return new FocusDialect(
        focusVersion, true, byteOrderMark, newline, nullToken, isoTimestamps, usageOnly);
  }

  FocusDialect excelStyle() {
    return new FocusDialect(focusVersion, gzip, true, "\r\n", nullToken, isoTimestamps, usageOnly);
  }

  FocusDialect nullAs(String token) {
    return new FocusDialect(
        focusVersion, gzip, byteOrderMark, newline, token, isoTimestamps, usageOnly);
  }

  FocusDialect spaceSeparatedTimestamps() {
    return new FocusDialect(
        focusVersion, gzip, byteOrderMark, newline, nullToken, false, usageOnly);
  }

  FocusDialect withoutCosts() {
    return new FocusDialect(
        focusVersion, gzip, byteOrderMark, newline, nullToken, isoTimestamps, true);
  }

  String extension() {
    return gzip ? ".csv.gz" : ".csv";
  }

  /** The columns this dialect writes, in core's FocusColumns order. */
  List<BillLine.Col> columns() {
    int max = version(focusVersion);
    return Arrays.stream(BillLine.Col.values())
        .filter(c -> version(since(c)) <= max)
        .filter(c -> !usageOnly || !COST_COLUMNS.contains(c))
        .sorted(Comparator.comparingInt(FocusDialect::position))
        .toList();
  }

  /** The text of one value; never null (null becomes {@link #nullToken}). */
  String format(Object value) {
    if (value == null) {
      return nullToken;
    }
    if (value instanceof BigDecimal d) {
      return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
    if (value instanceof LocalDate d) {
      return format(d.atStartOfDay());
    }
    if (value instanceof LocalDateTime t) {
      String s = t.toLocalDate() + (isoTimestamps ? "T" : " ") + t.toLocalTime();
      // LocalTime prints 06:00 without seconds
      s = s.length() == 16 ? s + ":00" : s;
      return isoTimestamps ? s + "Z" : s;
    }
    return value.toString();
  }

  private static String since(BillLine.Col c) {
    return FocusColumns.byName(c.name())
        .map(FocusColumn::since)
        .orElseThrow(() -> new IllegalStateException(c + " is not in FocusColumns"));
  }

  private static int position(BillLine.Col c) {
    for (int i = 0; i < FocusColumns.ALL.size(); i++) {
      if (FocusColumns.ALL.get(i).name().equals(c.name())) {
        return i;
      }
    }
    throw new IllegalStateException(c + " is not in FocusColumns");
  }

  /** "1.2" -> 102; "0.5" -> 5. */
  static int version(String v) {
    String[] p = v.split("\\.");
    return Integer.parseInt(p[0]) * 100 + Integer.parseInt(p[1]);
  }
}
