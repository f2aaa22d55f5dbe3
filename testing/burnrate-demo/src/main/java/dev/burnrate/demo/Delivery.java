package dev.burnrate.demo;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * The files one export run writes for one billing month, laid out as its provider lays them out
 * ({@link ProviderLayouts} says which layout each export has). Rows arrive in day order; a delivery
 * spreads them over its part files and, when the provider writes one, ends with a manifest.
 */
abstract class Delivery {

  /**
   * One written file.
   *
   * @param path relative to the output folder, '/' separated, where it lies once delivered (a
   *     re-delivery's files are written below {@code restated/} first)
   * @param gpuHours billed GPU-hours of its compute usage rows
   */
  record Part(
      String path,
      long rows,
      List<Totals.CurrencyTotal> currencies,
      BigDecimal gpuHours,
      long bytes) {}

  /** Opens the writer of one part file. */
  @FunctionalInterface
  interface Sinks {
    CostSink open(Path file) throws IOException;
  }

  /** Writes the manifest of a finished delivery, given its parts. */
  @FunctionalInterface
  interface Manifest {
    void write(Path root, List<Part> parts) throws IOException;
  }

  private final Path root;
  private final Sinks sinks;

  /**
   * @param root the folder the relative paths are written below (the output folder, or its {@code
   *     restated/} folder for a re-delivery)
   */
  Delivery(Path root, Sinks sinks) {
    this.root = root;
    this.sinks = sinks;
  }

  /** Writes one row of {@code day} worth {@code gpuHours} billed GPU-hours. */
  abstract void write(BillLine row, LocalDate day, BigDecimal gpuHours) throws IOException;

  /** Closes every part, writes the manifest if any, and returns the parts in name order. */
  abstract List<Part> finish() throws IOException;

  /** A part being written. */
  final class OpenPart {
    final String path;
    final CostSink sink;
    long rows;
    BigDecimal gpuHours = BigDecimal.ZERO;

    OpenPart(String path) throws IOException {
      this.path = path;
      this.sink = sinks.open(root.resolve(path));
    }

    void write(BillLine row, BigDecimal h) throws IOException {
      sink.write(row);
      rows++;
      gpuHours = gpuHours.add(h);
    }

    Part close() throws IOException {
      sink.close();
      return new Part(path, rows, sink.totals(), gpuHours, Files.size(root.resolve(path)));
    }
  }

  /**
   * Parts numbered from 1 in writing order: a new part starts at a day boundary once the current
   * one holds {@code rowLimit} rows (a day's rows stay together, so a Google Cloud credit stays in
   * the file of the usage row it is nested in). A row limit of {@link Long#MAX_VALUE} writes one
   * file.
   */
  static Delivery sequential(
      Path root, Sinks sinks, IntFunction<String> partPath, long rowLimit, Manifest manifest) {
    return new Delivery(root, sinks) {
      private final List<Part> parts = new ArrayList<>();
      private OpenPart current;
      private LocalDate currentDay;

      @Override
      void write(BillLine row, LocalDate day, BigDecimal gpuHours) throws IOException {
        if (current == null || (current.rows >= rowLimit && !day.equals(currentDay))) {
          if (current != null) {
            parts.add(current.close());
          }
          current = new OpenPart(partPath.apply(parts.size() + 1));
        }
        currentDay = day;
        current.write(row, gpuHours);
      }

      @Override
      List<Part> finish() throws IOException {
        if (current != null) {
          parts.add(current.close());
          current = null;
        }
        if (manifest != null) {
          manifest.write(root, parts);
        }
        return List.copyOf(parts);
      }
    };
  }

  /**
   * OCI's cost reports: a report every six hours holding the rows whose charge period starts in its
   * slice, plus the rows that arrive late (data transfer is metered a day late, a correction lands
   * a day after the line it corrects, both capped at the month's last report); a report over {@code
   * rowLimit} rows continues in {@code -00002.csv.gz}, ... Reports are numbered by their slice, so
   * names sort in time order and the slices of a month never overlap.
   *
   * @param dir the reports folder, e.g. {@code landing/oci/reports/cost-csv}
   * @param lastDay the month's last day with data
   */
  static Delivery ociIncremental(
      Path root, Sinks sinks, String dir, long rowLimit, LocalDate lastDay) {
    long lastSlice = slice(lastDay, 18);
    return new Delivery(root, sinks) {
      private final TreeMap<Long, List<OpenPart>> open = new TreeMap<>();
      private final List<Part> parts = new ArrayList<>();

      @Override
      void write(BillLine row, LocalDate day, BigDecimal gpuHours) throws IOException {
        long first = slice(day, 0);
        // no row of this day or later lands in an earlier report: those are complete
        Iterator<Map.Entry<Long, List<OpenPart>>> it = open.entrySet().iterator();
        while (it.hasNext()) {
          Map.Entry<Long, List<OpenPart>> e = it.next();
          if (e.getKey() >= first) {
            break;
          }
          for (OpenPart p : e.getValue()) {
            parts.add(p.close());
          }
          it.remove();
        }
        long s = Math.min(lastSlice, landingSlice(row));
        List<OpenPart> files = open.computeIfAbsent(s, k -> new ArrayList<>());
        if (files.isEmpty() || files.get(files.size() - 1).rows >= rowLimit) {
          files.add(new OpenPart(reportName(dir, s, files.size() + 1)));
        }
        files.get(files.size() - 1).write(row, gpuHours);
      }

      @Override
      List<Part> finish() throws IOException {
        for (List<OpenPart> files : open.values()) {
          for (OpenPart p : files) {
            parts.add(p.close());
          }
        }
        open.clear();
        parts.sort(java.util.Comparator.comparing(Part::path));
        return List.copyOf(parts);
      }
    };
  }

  /** The six-hour slice (counted from the epoch) that holds {@code hour} of {@code day}. */
  static long slice(LocalDate day, int hour) {
    return (day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() / 3600 + hour) / 6;
  }

  /** The slice whose report carries the row: its charge start's, later for late arrivals. */
  static long landingSlice(BillLine r) {
    long s = slice(r.date(BillLine.Col.ChargePeriodStart), r.startHour());
    if ("Correction".equals(r.get(BillLine.Col.ChargeClass))) {
      return s + 4;
    }
    if ("Networking".equals(r.get(BillLine.Col.ServiceCategory))) {
      return slice(r.date(BillLine.Col.ChargePeriodStart).plusDays(1), 0);
    }
    return s;
  }

  /** {@code <dir>/<16-digit report number>-<5-digit file number>.csv.gz}. */
  static String reportName(String dir, long slice, int file) {
    return String.format(Locale.ROOT, "%s/%016d-%05d.csv.gz", dir, OCI_REPORT_BASE + slice, file);
  }

  private static final long OCI_REPORT_BASE = 1_000_000_000_000L;
}
