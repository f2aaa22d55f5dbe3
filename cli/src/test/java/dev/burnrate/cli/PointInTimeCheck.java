package dev.burnrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.burnrate.core.testing.ConsoleRun;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * The point-in-time check: a report for a past day (a backfill) shows nothing dated after that day.
 * A data folder after its ingest runs (the data known now) gets its warehouse and PDF for the as-of
 * day; a copy of it whose lake keeps only what is dated up to that day (cost and replaced rows
 * charged on or before it, telemetry hours that start on or before it) gets the same. Each page of
 * the two PDFs must have the same text and draw the same pixels (the charts' lines carry no text):
 * a difference is something dated after the as-of day leaking into the page.
 *
 * <p>Both copies keep the ingest runs' manifests (lake/_runs), so what a page says about the runs
 * (when a source was delivered, the files, rows and samples a run read) is the same in both: those
 * are facts of the deliveries, not of the charges' days, and a backfill run today reads today's
 * files. The manifests' unit row counts alone follow the truncated lake, as the warehouse checks
 * them against it.
 */
final class PointInTimeCheck {
  /** Enough to tell a chart's lines apart; a page takes about 0.1 s to draw. */
  private static final float DPI = 72;

  private PointInTimeCheck() {}

  /** The all-data side of a check: its data folder, its PDF and the text of each page. */
  record Report(Path data, Path pdf, List<String> pages, Map<String, Long> rowsLeftOut) {
    String text() {
      return String.join("", pages);
    }
  }

  /**
   * A copy of an ingested data folder to check, without what the warehouse and report stages do not
   * read (the exports in landing/ and restated/: 190 MB of telemetry scrapes in the demo) and
   * without the lock file of the run that made it.
   */
  static Path copyData(Path ingested, Path to) throws Exception {
    Path data = SmallPipeline.copy(ingested, to, "landing", "restated");
    Files.deleteIfExists(data.resolve(".burnrate.lock"));
    return data;
  }

  /**
   * Checks the report for {@code asOf} of the data folder {@code all} (a copy made for the check:
   * its warehouse and reports are rebuilt) against a truncated copy of it made below {@code work}.
   * Returns the all-data report and how many lake rows the truncated copy left out, per lake folder
   * (cost, replaced, gpu).
   */
  static Report pastDayReportShowsNothingLater(Path all, Path work, LocalDate asOf)
      throws Exception {
    Path truncated = SmallPipeline.copy(all, work.resolve("truncated"));
    Map<String, Long> leftOut = truncateLake(truncated.resolve("lake"), asOf);
    assertTrue(leftOut.get("cost") > 0, "the lake holds charges after the as-of day to leave out");
    assertEquals(asOf, maxChargeDay(truncated), "the copy's lake ends on the as-of day");

    Path allPdf = warehouseAndReport(all, asOf);
    Path truncatedPdf = warehouseAndReport(truncated, asOf);
    List<String> allPages = pages(allPdf);
    List<String> truncatedPages = pages(truncatedPdf);
    assertEquals(truncatedPages.size(), allPages.size(), "pages of the two reports");
    for (int i = 0; i < allPages.size(); i++) {
      if (!allPages.get(i).equals(truncatedPages.get(i))) {
        fail(
            "page "
                + (i + 1)
                + " of the report for "
                + asOf
                + " shows data dated after it; its lines that differ (- all data, + truncated):\n"
                + differingLines(allPages.get(i), truncatedPages.get(i)));
      }
    }
    samePictures(allPdf, truncatedPdf, work);
    return new Report(all, allPdf, allPages, leftOut);
  }

  /** {@code burnrate warehouse} then {@code burnrate report} for the day; the PDF. */
  static Path warehouseAndReport(Path data, LocalDate day) {
    String conf = data.resolve("conf").toString();
    ConsoleRun warehouse =
        ConsoleRun.of(Burnrate::execute, "warehouse", "--conf", conf, "--date", day.toString());
    assertEquals(0, warehouse.exitCode(), warehouse.err());
    ConsoleRun report =
        ConsoleRun.of(Burnrate::execute, "report", "--conf", conf, "--date", day.toString());
    assertEquals(0, report.exitCode(), report.err());
    return Path.of(report.out().trim());
  }

  private static List<String> pages(Path pdf) throws Exception {
    List<String> pages = new ArrayList<>();
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      PDFTextStripper stripper = new PDFTextStripper();
      for (int page = 1; page <= doc.getNumberOfPages(); page++) {
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        pages.add(stripper.getText(doc));
      }
    }
    return pages;
  }

  /**
   * Rewrites the lake's dated Parquet files with only their rows dated on or before {@code day}:
   * cost and replaced rows by charge day, telemetry by the hour it rolls up. Returns the rows left
   * out per lake folder.
   */
  private static Map<String, Long> truncateLake(Path lake, LocalDate day) throws Exception {
    String charged = "cast(ChargePeriodStart as date) <= date '" + day + "'";
    Map<String, String> kept =
        Map.of(
            "cost",
            charged,
            "replaced",
            charged,
            "gpu",
            "cast(hour as date) <= date '" + day + "'");
    Map<String, Long> leftOut = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      for (String folder : List.of("cost", "replaced", "gpu")) {
        long rows = 0;
        for (Path file : parquet(lake.resolve(folder))) {
          rows += keepRows(st, file, kept.get(folder));
        }
        leftOut.put(folder, rows);
      }
      recountUnits(st, lake);
    }
    return leftOut;
  }

  private static List<Path> parquet(Path dir) throws Exception {
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.filter(p -> p.toString().endsWith(".parquet")).forEach(files::add);
      }
    }
    return files;
  }

  /** Rewrites one Parquet file with the rows {@code where} keeps; the number of rows left out. */
  private static long keepRows(Statement st, Path file, String where) throws Exception {
    long before = count(st, "select count(*) from read_parquet('" + file + "')");
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    st.execute(
        "copy (select * from read_parquet('"
            + file
            + "') where "
            + where
            + ") to '"
            + tmp
            + "' (format parquet)");
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    return before - count(st, "select count(*) from read_parquet('" + file + "')");
  }

  private static long count(Statement st, String sql) throws Exception {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Each run manifest's units (a source's billing period of an account) say how many rows the run
   * published; the warehouse checks a restated unit's rows against them. The truncated lake's units
   * hold fewer rows, so their manifests say so: a unit's rows are those in lake/cost or
   * lake/replaced of the run that published its version (an unchanged unit keeps the version an
   * earlier run published). Runs are taken in the order of their ids, which begin with their start
   * time.
   */
  private static void recountUnits(Statement st, Path lake) throws Exception {
    List<Path> files = new ArrayList<>(parquet(lake.resolve("cost")));
    files.addAll(parquet(lake.resolve("replaced")));
    Map<String, Long> rows = new HashMap<>();
    try (ResultSet rs =
        st.executeQuery(
            "select concat_ws('|', x_SourceName, ProviderName, BillingAccountId,"
                + " strftime(BillingPeriodStart, '%Y-%m'), x_RunId), count(*)"
                + " from read_parquet(["
                + files.stream().map(f -> "'" + f + "'").collect(Collectors.joining(", "))
                + "], union_by_name = true) group by all")) {
      while (rs.next()) {
        rows.put(rs.getString(1), rs.getLong(2));
      }
    }
    ObjectMapper json = new ObjectMapper();
    Map<String, String> publishedBy = new HashMap<>();
    List<Path> manifests;
    try (Stream<Path> s = Files.list(lake.resolve("_runs"))) {
      manifests = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    for (Path manifest : manifests) {
      JsonNode run = json.readTree(manifest.toFile());
      for (JsonNode unit : run.path("units")) {
        String key =
            String.join(
                "|",
                unit.get("source").asText(),
                unit.get("provider").asText(),
                unit.get("billing_account").asText(),
                unit.get("billing_period").asText());
        if (!unit.get("action").asText().equals("unchanged")) {
          publishedBy.put(key, run.get("run_id").asText());
        }
        ((ObjectNode) unit).put("rows", rows.getOrDefault(key + "|" + publishedBy.get(key), 0L));
      }
      json.writeValue(manifest.toFile(), run);
    }
  }

  private static LocalDate maxChargeDay(Path data) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select max(cast(ChargePeriodStart as date)) from read_parquet('"
                    + data.resolve("lake/cost")
                    + "/**/*.parquet')")) {
      rs.next();
      return rs.getObject(1, LocalDate.class);
    }
  }

  /** The lines of one page's text that the other's lacks, each way. */
  private static String differingLines(String all, String truncated) {
    List<String> allLines = List.of(all.split("\n"));
    List<String> truncatedLines = List.of(truncated.split("\n"));
    StringBuilder out = new StringBuilder();
    allLines.stream()
        .filter(line -> !truncatedLines.contains(line))
        .forEach(line -> out.append("- ").append(line).append('\n'));
    truncatedLines.stream()
        .filter(line -> !allLines.contains(line))
        .forEach(line -> out.append("+ ").append(line).append('\n'));
    return out.isEmpty() ? "(the same lines in another order)" : out.toString();
  }

  /**
   * Draws each page of both PDFs; the drawings must be the same pixel for pixel. A page that
   * differs is kept below {@code work} as two PNG files.
   */
  private static void samePictures(Path allPdf, Path truncatedPdf, Path work) throws Exception {
    try (PDDocument all = Loader.loadPDF(allPdf.toFile());
        PDDocument truncated = Loader.loadPDF(truncatedPdf.toFile())) {
      PDFRenderer allPages = new PDFRenderer(all);
      PDFRenderer truncatedPages = new PDFRenderer(truncated);
      for (int page = 0; page < all.getNumberOfPages(); page++) {
        BufferedImage a = allPages.renderImageWithDPI(page, DPI, ImageType.RGB);
        BufferedImage t = truncatedPages.renderImageWithDPI(page, DPI, ImageType.RGB);
        String box = differingBox(a, t);
        if (box != null) {
          Path allPng = work.resolve("page-" + (page + 1) + "-all.png");
          Path truncatedPng = work.resolve("page-" + (page + 1) + "-truncated.png");
          ImageIO.write(a, "png", allPng.toFile());
          ImageIO.write(t, "png", truncatedPng.toFile());
          fail(
              "page "
                  + (page + 1)
                  + " draws data dated after the as-of day: its pixels differ in "
                  + box
                  + " at "
                  + DPI
                  + " dpi (see "
                  + allPng
                  + " and "
                  + truncatedPng
                  + ")");
        }
      }
    }
  }

  /** The box (x, y, width x height) holding every pixel that differs, or null when none does. */
  private static String differingBox(BufferedImage a, BufferedImage b) {
    int minX = Integer.MAX_VALUE;
    int minY = Integer.MAX_VALUE;
    int maxX = -1;
    int maxY = -1;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        if (a.getRGB(x, y) != b.getRGB(x, y)) {
          minX = Math.min(minX, x);
          minY = Math.min(minY, y);
          maxX = Math.max(maxX, x);
          maxY = Math.max(maxY, y);
        }
      }
    }
    return maxX < 0
        ? null
        : "x " + minX + ", y " + minY + ", " + (maxX - minX + 1) + " x " + (maxY - minY + 1);
  }
}
