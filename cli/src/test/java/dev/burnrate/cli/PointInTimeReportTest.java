package dev.burnrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report for a past day (a backfill) shows only charges dated up to that day. Twelve generated
 * days end 2026-10-20 and are all in the lake (the data known now); the report for 2026-10-14, in
 * the middle, is built on all of them. A copy of that data folder whose lake keeps only the charges
 * dated up to 2026-10-14 gets its warehouse and PDF for the same day: no figure on any page may
 * tell the two PDFs apart. Both share the ingest runs, so the delivery times agree; every other
 * difference would be a later charge leaking into a page. The providers whose feeds the folder
 * leaves out show their commitments as having no data, not as off track.
 */
class PointInTimeReportTest {
  private static final LocalDate LAST_DAY = NightlyOperationsTest.DAY;
  private static final LocalDate AS_OF = LocalDate.of(2026, 10, 14);

  @TempDir Path dir;

  /**
   * The nightly for the past day on all the data: warehouse and report for {@code AS_OF} on a copy
   * of {@link NightlyOperationsTest}'s data folder, whose nightly for the last day ingested every
   * file (the ingest for a past day reads the same files into the same lake, so no second Spark run
   * is needed).
   */
  @Test
  void aPastDaysReportEqualsTheReportOfTheDataTruncatedToThatDay() throws Exception {
    Path all = SmallPipeline.copy(NightlyOperationsTest.ingested(), dir.resolve("all"));
    Files.deleteIfExists(all.resolve(".burnrate.lock"));
    Path allPdf = warehouseAndReport(all);
    assertTrue(
        maxChargeDay(all).isAfter(AS_OF),
        "the lake holds charges after the as-of day to leave out");

    Path truncated = SmallPipeline.copy(all, dir.resolve("truncated"));
    truncateLake(truncated.resolve("lake"), AS_OF);
    assertEquals(AS_OF, maxChargeDay(truncated), "the copy's lake ends on the as-of day");
    Path truncatedPdf = warehouseAndReport(truncated);

    String allText = text(allPdf);
    String truncatedText = text(truncatedPdf);
    assertTrue(allText.contains("As of 14 October 2026"), allText);
    assertTrue(
        allText.replaceAll("\\s+", " ").contains("data up to 2026-10-14."),
        "page 1's data end: " + allText);
    // the data folder keeps AWS's and Azure's feeds only: Google Cloud's and Oracle's current
    // commitment periods have no charge to judge, so no data, not off track with a shortfall
    for (String provider : List.of("Google Cloud", "Oracle")) {
      assertTrue(
          allText.contains("NO DATA\n" + provider + "   ")
              && allText.contains(
                  "No charge of " + provider + " in this period up to the as-of day"),
          provider + ": " + allText);
    }
    assertEquals(truncatedText, allText, "the PDF of the data truncated to the as-of day");
    keep(all, allPdf);
  }

  /** {@code burnrate warehouse} then {@code burnrate report} for the as-of day; the PDF. */
  private static Path warehouseAndReport(Path data) {
    String conf = data.resolve("conf").toString();
    CliRun warehouse = CliRun.of("warehouse", "--conf", conf, "--date", AS_OF.toString());
    assertEquals(0, warehouse.exitCode(), warehouse.err());
    CliRun report = CliRun.of("report", "--conf", conf, "--date", AS_OF.toString());
    assertEquals(0, report.exitCode(), report.err());
    return Path.of(report.out().trim());
  }

  /**
   * -Dburnrate.reports.keep=DIR keeps the past day's PDF and, for looking at both, renders and
   * keeps the last day's too.
   */
  private static void keep(Path data, Path pastPdf) throws Exception {
    String keep = System.getProperty("burnrate.reports.keep");
    if (keep == null) {
      return;
    }
    Files.createDirectories(Path.of(keep));
    Files.copy(
        pastPdf, Path.of(keep).resolve(pastPdf.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    String conf = data.resolve("conf").toString();
    assertEquals(
        0, CliRun.of("warehouse", "--conf", conf, "--date", LAST_DAY.toString()).exitCode());
    CliRun recent = CliRun.of("report", "--conf", conf, "--date", LAST_DAY.toString());
    assertEquals(0, recent.exitCode(), recent.err());
    Path recentPdf = Path.of(recent.out().trim());
    Files.copy(
        recentPdf,
        Path.of(keep).resolve(recentPdf.getFileName()),
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** Rewrites every lake/cost Parquet file with only its rows charged on or before {@code day}. */
  private static void truncateLake(Path lake, LocalDate day) throws Exception {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(lake.resolve("cost"))) {
      s.filter(p -> p.toString().endsWith(".parquet")).forEach(files::add);
    }
    assertTrue(!files.isEmpty(), "lake/cost holds Parquet files");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      for (Path file : files) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        st.execute(
            "copy (select * from read_parquet('"
                + file
                + "') where cast(ChargePeriodStart as date) <= date '"
                + day
                + "') to '"
                + tmp
                + "' (format parquet)");
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
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

  private static String text(Path pdf) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      return new PDFTextStripper().getText(doc);
    }
  }
}
