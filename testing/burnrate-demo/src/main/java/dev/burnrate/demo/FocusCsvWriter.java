package dev.burnrate.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes one FOCUS CSV file in a provider's dialect. */
final class FocusCsvWriter extends CostSink {
  private final FocusDialect dialect;
  private final List<BillLine.Col> columns;
  private final CsvText out;
  private final List<String> fields = new ArrayList<>();

  FocusCsvWriter(Path file, FocusDialect dialect) throws IOException {
    this.dialect = dialect;
    this.columns = dialect.columns();
    this.out = new CsvText(file, dialect.gzip(), dialect.byteOrderMark(), dialect.newline());
    out.record(columns.stream().map(Enum::name).toList(), "");
  }

  @Override
  void emit(BillLine row) throws IOException {
    fields.clear();
    for (BillLine.Col c : columns) {
      Object v = row.get(c);
      if (row.periodHours() != 24 && c == BillLine.Col.ChargePeriodStart) {
        v = row.chargeTime(false);
      } else if (row.periodHours() != 24 && c == BillLine.Col.ChargePeriodEnd) {
        v = row.chargeTime(true);
      }
      fields.add(dialect.format(v));
    }
    out.record(fields, dialect.nullToken());
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
