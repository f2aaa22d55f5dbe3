package dev.burnrate.warehouse;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.ContractsConfig.Commitment;
import dev.burnrate.core.config.Period;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.SourceConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The FOCUS 1.3 Contract Commitment dataset (format {@code focus-contract-commitments}): the files
 * of the sources of that format, CSV (also gzip) or Parquet, read and checked row by row. It is
 * reference data of a few rows per contract, read whole at each warehouse build like
 * contracts.yaml; a bad row stops the build (exit 3) with its file, line (Parquet: row), column and
 * reason, for a commitment is never quarantined silently.
 */
final class ContractCommitmentDataset {
  static final List<String> REQUIRED_COLUMNS =
      List.of(
          "ContractId",
          "ContractCommitmentId",
          "ContractCommitmentCategory",
          "ContractCommitmentPeriodStart",
          "ContractCommitmentPeriodEnd",
          "ContractPeriodStart",
          "ContractPeriodEnd",
          "BillingCurrency");

  /** A date, or a FOCUS Date/Time (ISO 8601, UTC unless an offset says otherwise). */
  private static final Pattern DATE_TIME =
      Pattern.compile(
          "(\\d{4}-\\d{2}-\\d{2})(?:[T ](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)"
              + "(Z|[+-]\\d{2}(?::?\\d{2})?)?)?");

  private ContractCommitmentDataset() {}

  /** One checked row: a commitment of a contract, where it was read. */
  record Row(
      String source,
      String provider,
      String at,
      String contractId,
      Commitment commitment,
      Period contractPeriod,
      String currency) {}

  /** One row as read, every value as text (null when empty or "NULL"). */
  private record RawRow(String at, Map<String, String> values) {
    String get(String column) {
      return values.get(column);
    }

    BurnrateException fail(String column, String reason) {
      return BurnrateException.input(at + ": column " + column + ": " + reason);
    }
  }

  /**
   * Every row of the given sources, checked one by one and then across rows: one currency and
   * contract period per contract, commitment ids unique, no two commitments of a contract of the
   * same category and unit overlapping.
   */
  static List<Row> read(PipelineConfig cfg, List<SourceConfig> sources) {
    List<Row> rows = new ArrayList<>();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      Sql.exec(duck, "set TimeZone = 'UTC'");
      for (SourceConfig src : sources) {
        for (Path file : files(duck, cfg, src)) {
          for (RawRow raw : rawRows(duck, file)) {
            rows.add(check(src, raw));
          }
        }
      }
    } catch (SQLException e) {
      throw BurnrateException.input("contract commitments: " + Sql.firstLine(e));
    }
    checkAcrossRows(rows);
    return rows;
  }

  private static List<Path> files(Connection duck, PipelineConfig cfg, SourceConfig src)
      throws SQLException {
    String glob = cfg.resolveSourcePath(src);
    if (glob.contains("://")) {
      throw BurnrateException.config(
          "source '"
              + src.name()
              + "': contract commitments are read from local files (an object-store path is pulled"
              + " into landing first: storage mode pull), not from "
              + glob);
    }
    List<Path> files = new ArrayList<>();
    try (PreparedStatement ps = duck.prepareStatement("select file from glob(?) order by file")) {
      ps.setString(1, glob);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          files.add(Path.of(rs.getString(1)));
        }
      }
    }
    if (files.isEmpty()) {
      throw BurnrateException.input(
          "source '" + src.name() + "': no contract commitment file matches " + glob);
    }
    return files;
  }

  private static List<RawRow> rawRows(Connection duck, Path file) throws SQLException {
    return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".parquet")
        ? parquetRows(duck, file)
        : csvRows(file);
  }

  /** Parquet through DuckDB, every column as text; rows counted from 1. */
  private static List<RawRow> parquetRows(Connection duck, Path file) throws SQLException {
    List<RawRow> out = new ArrayList<>();
    try (Statement s = duck.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select columns(*)::varchar from read_parquet("
                    + Sql.literal(file.toString())
                    + ", file_row_number = true) order by file_row_number")) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> header = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        header.add(md.getColumnName(i));
      }
      requireColumns(file + ": row 0 (schema)", header);
      while (rs.next()) {
        Map<String, String> values = new HashMap<>();
        for (int i = 1; i <= header.size(); i++) {
          values.put(header.get(i - 1), nullIfEmpty(rs.getString(i)));
        }
        long row = Long.parseLong(values.get("file_row_number")) + 1;
        out.add(new RawRow(file + ": row " + row, values));
      }
    } catch (SQLException e) {
      throw BurnrateException.input(file + ": cannot read as Parquet: " + Sql.firstLine(e));
    }
    return out;
  }

  /**
   * CSV (RFC 4180; gzip when the file starts with gzip's magic bytes) with a header line; each row
   * with the physical line it starts on (header = 1, blank lines counted and skipped).
   */
  private static List<RawRow> csvRows(Path file) {
    String text;
    try (InputStream in = maybeGunzip(Files.newInputStream(file))) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw BurnrateException.input(file + ": cannot read: " + e.getMessage());
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<RawRow> out = new ArrayList<>();
    List<String> header = null;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    long line = 1;
    long recordLine = 1;
    for (int i = 0; i <= text.length(); i++) {
      char ch = i < text.length() ? text.charAt(i) : '\n';
      if (quoted) {
        if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          if (ch == '\n') {
            line++;
          }
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        fields.add(field.toString());
        field.setLength(0);
        boolean blank = fields.size() == 1 && fields.get(0).isBlank();
        if (!blank) {
          if (header == null) {
            header = fields.stream().map(String::strip).toList();
            requireColumns(file + ": line 1", header);
          } else {
            String at = file + ": line " + recordLine;
            if (fields.size() != header.size()) {
              throw BurnrateException.input(
                  at + ": " + fields.size() + " fields, the header has " + header.size());
            }
            Map<String, String> values = new HashMap<>();
            for (int f = 0; f < header.size(); f++) {
              values.put(header.get(f), nullIfEmpty(fields.get(f)));
            }
            out.add(new RawRow(at, values));
          }
        }
        fields = new ArrayList<>();
        line++;
        recordLine = line;
      } else {
        field.append(ch);
      }
    }
    if (quoted) {
      throw BurnrateException.input(file + ": line " + recordLine + ": a quote is never closed");
    }
    if (header == null) {
      throw BurnrateException.input(file + ": line 1: no header");
    }
    return out;
  }

  private static InputStream maybeGunzip(InputStream in) throws IOException {
    PushbackInputStream p = new PushbackInputStream(in, 2);
    byte[] magic = p.readNBytes(2);
    p.unread(magic);
    return magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b
        ? new GZIPInputStream(p)
        : p;
  }

  private static void requireColumns(String at, List<String> header) {
    for (String column : REQUIRED_COLUMNS) {
      if (!header.contains(column)) {
        throw BurnrateException.input(
            at
                + ": column "
                + column
                + ": missing; a FOCUS 1.3 Contract Commitment dataset has "
                + String.join(", ", REQUIRED_COLUMNS));
      }
    }
  }

  private static String nullIfEmpty(String value) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    return v.isEmpty() || v.equals("NULL") ? null : v;
  }

  /**
   * One row's rules: ids present, category Spend or Usage, a Spend commitment's positive cost, a
   * Usage commitment's positive quantity and unit, whole-day periods that end after they start, the
   * commitment's inside the contract's. A Spend row's quantity and a Usage row's cost are not read:
   * the minimum is the one the category names.
   */
  private static Row check(SourceConfig src, RawRow raw) {
    String contractId = required(raw, "ContractId");
    String commitmentId = required(raw, "ContractCommitmentId");
    String category = raw.get("ContractCommitmentCategory");
    if (!"Spend".equals(category) && !"Usage".equals(category)) {
      throw raw.fail(
          "ContractCommitmentCategory",
          (category == null ? "missing" : "'" + category + "'") + " is not Spend or Usage");
    }
    String currency = raw.get("BillingCurrency");
    if (currency == null || !currency.matches("[A-Z]{3}")) {
      throw raw.fail("BillingCurrency", "'" + currency + "' is not an ISO 4217 code");
    }
    Period contractPeriod = period(raw, "ContractPeriodStart", "ContractPeriodEnd");
    Period period = period(raw, "ContractCommitmentPeriodStart", "ContractCommitmentPeriodEnd");
    if (!period.within(contractPeriod)) {
      throw raw.fail(
          "ContractCommitmentPeriodStart",
          "the commitment period "
              + period
              + " lies outside the contract period "
              + contractPeriod);
    }
    BigDecimal amount = null;
    BigDecimal quantity = null;
    String unit = null;
    if (category.equals("Spend")) {
      amount = positive(raw, "ContractCommitmentCost", "a Spend commitment");
    } else {
      quantity = positive(raw, "ContractCommitmentQuantity", "a Usage commitment");
      unit = raw.get("ContractCommitmentUnit");
      if (unit == null) {
        throw raw.fail("ContractCommitmentUnit", "missing; a Usage commitment needs its unit");
      }
    }
    Commitment commitment =
        new Commitment(
            commitmentId,
            category,
            period,
            amount,
            quantity,
            unit,
            raw.get("ContractCommitmentDescription"),
            List.of());
    return new Row(
        src.name(),
        src.options().get("provider"),
        raw.at(),
        contractId,
        commitment,
        contractPeriod,
        currency);
  }

  private static String required(RawRow raw, String column) {
    String v = raw.get(column);
    if (v == null) {
      throw raw.fail(column, "missing");
    }
    return v;
  }

  private static BigDecimal positive(RawRow raw, String column, String what) {
    String v = raw.get(column);
    if (v == null) {
      throw raw.fail(column, "missing; " + what + " needs it");
    }
    BigDecimal d;
    try {
      d = new BigDecimal(v);
    } catch (NumberFormatException e) {
      throw raw.fail(column, "'" + v + "' is not a decimal number");
    }
    if (d.signum() <= 0) {
      throw raw.fail(column, v + " is not positive");
    }
    return d;
  }

  private static Period period(RawRow raw, String startColumn, String endColumn) {
    LocalDate start = day(raw, startColumn);
    LocalDate end = day(raw, endColumn);
    if (!end.isAfter(start)) {
      throw raw.fail(endColumn, end + " is not after " + startColumn + " " + start);
    }
    return new Period(start, end);
  }

  /** A FOCUS Date/Time that is a whole UTC day (periods are [start, end) days here). */
  private static LocalDate day(RawRow raw, String column) {
    String v = required(raw, column);
    Matcher m = DATE_TIME.matcher(v);
    if (!m.matches()) {
      throw raw.fail(column, "'" + v + "' is not an ISO 8601 date or date-time");
    }
    try {
      LocalDate date = LocalDate.parse(m.group(1));
      if (m.group(2) == null) {
        return date;
      }
      String offset = m.group(3) == null ? "Z" : normalizedOffset(m.group(3));
      String time = m.group(2).length() == 5 ? m.group(2) + ":00" : m.group(2);
      OffsetDateTime t =
          OffsetDateTime.parse(date + "T" + time + offset).withOffsetSameInstant(ZoneOffset.UTC);
      if (!t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
        throw raw.fail(
            column, "'" + v + "' is not midnight UTC: commitment periods are whole days");
      }
      return t.toLocalDate();
    } catch (java.time.format.DateTimeParseException e) {
      throw raw.fail(column, "'" + v + "' is not a valid date-time");
    }
  }

  private static String normalizedOffset(String offset) {
    if (offset.equals("Z")) {
      return offset;
    }
    String digits = offset.substring(1).replace(":", "");
    return offset.charAt(0)
        + digits.substring(0, 2)
        + ":"
        + (digits.length() > 2 ? digits.substring(2) : "00");
  }

  private static void checkAcrossRows(List<Row> rows) {
    Map<String, Row> byCommitmentId = new HashMap<>();
    Map<String, Row> firstOfContract = new LinkedHashMap<>();
    Map<String, List<Row>> byContract = new LinkedHashMap<>();
    for (Row r : rows) {
      Row same = byCommitmentId.putIfAbsent(r.commitment().id(), r);
      if (same != null) {
        throw BurnrateException.input(
            r.at()
                + ": column ContractCommitmentId: '"
                + r.commitment().id()
                + "' is already used at "
                + same.at());
      }
      Row first = firstOfContract.putIfAbsent(r.contractId(), r);
      if (first != null) {
        sameContractTerms(first, r);
      }
      for (Row other : byContract.computeIfAbsent(r.contractId(), k -> new ArrayList<>())) {
        Commitment a = other.commitment();
        Commitment b = r.commitment();
        if (a.category().equals(b.category())
            && Objects.equals(a.unit(), b.unit())
            && a.period().overlaps(b.period())) {
          throw BurnrateException.input(
              r.at()
                  + ": column ContractCommitmentPeriodStart: the period "
                  + b.period()
                  + " overlaps commitment '"
                  + a.id()
                  + "' at "
                  + other.at());
        }
      }
      byContract.get(r.contractId()).add(r);
    }
  }

  /** Every row of a contract names the same contract period, currency and source. */
  private static void sameContractTerms(Row first, Row r) {
    String column = null;
    if (!first.currency().equals(r.currency())) {
      column = "BillingCurrency";
    } else if (!first.contractPeriod().equals(r.contractPeriod())) {
      column = "ContractPeriodStart";
    } else if (!first.source().equals(r.source())) {
      column = "ContractId";
    }
    if (column != null) {
      throw BurnrateException.input(
          r.at()
              + ": column "
              + column
              + ": contract '"
              + r.contractId()
              + "' differs from its row at "
              + first.at()
              + " (source '"
              + first.source()
              + "', "
              + first.currency()
              + ", "
              + first.contractPeriod()
              + ")");
    }
  }
}
