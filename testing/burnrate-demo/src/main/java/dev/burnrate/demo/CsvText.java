package dev.burnrate.demo;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * A CSV file as the exports write it: RFC 4180 quoting, UTF-8, optionally gzip-compressed, with a
 * byte-order mark and the line ending of the exporting tool.
 */
final class CsvText implements Closeable {
  private final Writer out;
  private final String newline;
  private final StringBuilder line = new StringBuilder(1024);

  CsvText(Path file, boolean gzip, boolean byteOrderMark, String newline) throws IOException {
    this.newline = newline;
    Files.createDirectories(file.getParent());
    OutputStream os = Files.newOutputStream(file);
    // GZIPOutputStream writes a fixed header (no file name, modification time 0), so the bytes
    // depend on the content only.
    if (gzip) {
      os = new GZIPOutputStream(os, 1 << 16);
    }
    this.out = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
    if (byteOrderMark) {
      out.write('\uFEFF');
    }
  }

  /** Writes one record; a null field is written as {@code nullToken}. */
  void record(List<String> fields, String nullToken) throws IOException {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      String v = fields.get(i);
      appendField(v == null ? nullToken : v);
    }
    line.append(newline);
    out.append(line);
    line.setLength(0);
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
}
