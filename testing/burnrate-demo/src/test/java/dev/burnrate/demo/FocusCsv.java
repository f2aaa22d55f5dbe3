package dev.burnrate.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * An independent RFC 4180 reader for the tests: gzip by magic bytes, a byte order mark, CRLF or LF,
 * quoted fields; "" and the literal NULL read as null. Deliberately shares no code with the writer.
 */
record FocusCsv(List<String> header, List<List<String>> rows, String raw) {

  static FocusCsv read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length > 1 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
        bytes = in.readAllBytes();
      }
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<List<String>> records = parse(text);
    List<String> header = records.remove(0);
    return new FocusCsv(header, records, text);
  }

  int col(String name) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no column " + name + " in " + header);
    }
    return i;
  }

  String get(List<String> row, String column) {
    return header.contains(column) ? row.get(col(column)) : null;
  }

  private static List<List<String>> parse(String s) {
    List<List<String>> out = new ArrayList<>();
    List<String> rec = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
          f.append('"');
          i += 2;
          continue;
        }
        if (c == '"') {
          quoted = false;
        } else {
          f.append(c);
        }
        i++;
        continue;
      }
      if (c == '"' && f.length() == 0) {
        quoted = true;
        wasQuoted = true;
      } else if (c == ',') {
        rec.add(value(f, wasQuoted));
        wasQuoted = false;
      } else if (c == '\r' || c == '\n') {
        rec.add(value(f, wasQuoted));
        wasQuoted = false;
        out.add(rec);
        rec = new ArrayList<>();
        if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
          i++;
        }
      } else {
        f.append(c);
      }
      i++;
    }
    if (f.length() > 0 || !rec.isEmpty()) {
      rec.add(value(f, wasQuoted));
      out.add(rec);
    }
    return out;
  }

  private static String value(StringBuilder f, boolean quoted) {
    String v = f.toString();
    f.setLength(0);
    if (!quoted && (v.isEmpty() || v.equals("NULL"))) {
      return null;
    }
    return v;
  }
}
