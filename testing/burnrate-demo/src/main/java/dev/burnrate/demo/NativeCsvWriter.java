package dev.burnrate.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Writes one provider-native CSV export (AWS CUR, CUR 2.0, Azure EA/MCA, OCI cost report): each
 * column is a header and how a bill line fills it ({@link NativeLayouts}).
 */
final class NativeCsvWriter extends CostSink {
  /** One column: its header and its text for a row (null for an empty field). */
  record Column(String header, Function<BillLine, String> value) {}

  /** How the file is written. */
  record Layout(List<Column> columns, boolean gzip, boolean byteOrderMark, String newline) {}

  private final Layout layout;
  private final CsvText out;
  private final List<String> fields = new ArrayList<>();

  NativeCsvWriter(Path file, Layout layout) throws IOException {
    this.layout = layout;
    this.out = new CsvText(file, layout.gzip(), layout.byteOrderMark(), layout.newline());
    out.record(layout.columns().stream().map(Column::header).toList(), "");
  }

  @Override
  void emit(BillLine row) throws IOException {
    fields.clear();
    for (Column c : layout.columns()) {
      fields.add(c.value().apply(row));
    }
    out.record(fields, "");
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
