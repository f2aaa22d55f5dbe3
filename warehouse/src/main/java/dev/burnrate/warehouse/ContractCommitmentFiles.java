package dev.burnrate.warehouse;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.SourceConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The files of a focus-contract-commitments source as rows of text, each with where it was read:
 * CSV (RFC 4180, gzip recognised by its magic bytes) by line, Parquet (through DuckDB) by row. The
 * row rules are ContractCommitmentDataset's.
 */
final class ContractCommitmentFiles {
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

  private ContractCommitmentFiles() {}

  /** One row as read, every value as text (null when empty or "NULL"). */
  record RawRow(String at, Map<String, String> values) {
    String get(String column) {
      return values.get(column);
    }

    BurnrateException fail(String column, String reason) {
      return BurnrateException.input(at + ": column " + column + ": " + reason);
    }
  }

  /** Every row of the source's files, in file-name order. */
  static List<RawRow> read(Connection duck, PipelineConfig cfg, SourceConfig src)
      throws SQLException {
    List<RawRow> rows = new ArrayList<>();
    for (Path file : files(duck, cfg, src)) {
      rows.addAll(rawRows(duck, file));
    }
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
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet")
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
}
