package dev.burnrate.etl.generate;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Writes one FOCUS CSV file in a provider's dialect (RFC 4180 quoting) and sums what it wrote, per
 * BillingCurrency, so the totals file states exactly what the file holds.
 */
final class FocusCsvWriter implements Closeable {
  private final FocusDialect dialect;
  private final List<CostRow.Col> columns;
  private final Writer out;
  private final StringBuilder line = new StringBuilder(1024);
  private final Map<String, Sum> sums = new TreeMap<>();

  private static final class Sum {
    BigDecimal billed = BigDecimal.ZERO;
    BigDecimal effective = BigDecimal.ZERO;
    long rows;
  }

  FocusCsvWriter(Path file, FocusDialect dialect) throws IOException {
    this.dialect = dialect;
    this.columns = dialect.columns();
    Files.createDirectories(file.getParent());
    OutputStream os = Files.newOutputStream(file);
    // GZIPOutputStream writes a fixed header (no file name, modification time 0), so the bytes
    // depend on the content only.
    if (dialect.gzip()) {
      os = new GZIPOutputStream(os, 1 << 16);
    }
    this.out = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
    if (dialect.byteOrderMark()) {
      out.write('\uFEFF');
    }
    for (int i = 0; i < columns.size(); i++) {
      line.append(i == 0 ? "" : ",").append(columns.get(i).name());
    }
    endLine();
  }

  void write(CostRow row) throws IOException {
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      appendField(dialect.format(row.get(columns.get(i))));
    }
    endLine();
    Sum s = sums.computeIfAbsent(row.string(CostRow.Col.BillingCurrency), c -> new Sum());
    s.billed = s.billed.add(row.decimal(CostRow.Col.BilledCost));
    s.effective = s.effective.add(row.decimal(CostRow.Col.EffectiveCost));
    s.rows++;
  }

  /** What has been written so far, one entry per BillingCurrency in code order. */
  List<Totals.CurrencyTotal> totals() {
    List<Totals.CurrencyTotal> result = new ArrayList<>();
    sums.forEach(
        (currency, s) ->
            result.add(Totals.CurrencyTotal.of(currency, s.billed, s.effective, s.rows)));
    return result;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  private void appendField(String v) {
    boolean quote = false;
    for (int i = 0; i < v.length() && !quote; i++) {
      char c = v.charAt(i);
      quote = c == ',' || c == '"' || c == '\r' || c == '\n';
    }
    if (!quote) {
      line.append(v);
      return;
    }
    line.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      line.append(c);
      if (c == '"') {
        line.append('"');
      }
    }
    line.append('"');
  }

  private void endLine() throws IOException {
    line.append(dialect.newline());
    out.append(line);
    line.setLength(0);
  }
}
