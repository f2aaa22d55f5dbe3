package dev.burnrate.reports;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU page of a real rendered PDF for the windows the fixture of ReportRendererTest does not
 * have: a window without telemetry, one without billed GPU-hours, and a warehouse that does not
 * build rpt_gpu_telemetry_unmatched yet.
 */
class GpuPageTest {
  @TempDir Path dir;

  /**
   * Nothing seen: 0.0 % of the 18,816 billed GPU-hours, and all of the $62,899.20 + $12,364.80 =
   * $75,264.00 GPU cost unobserved ($75.3K of $75.3K). Each row's Active and per active GPU-hour
   * cells are blank (nothing observed), not 0.0 %: the row reads billed, Seen 0.0 %, GPU cost, per
   * GPU-hour, idle $0, unobserved = its GPU cost, every GPU without telemetry.
   */
  @Test
  void aWindowWithoutTelemetryShowsItsCostAllUnobserved() throws Exception {
    String text = renderedText("unseen.pdf", WarehouseFixture::makeGpuWindowUnseen);
    assertHas(
        text,
        "From 2026-11-19 to 2026-11-25, amounts in USD",
        "AWS H100 16.1K 0.0% $62.9K $3.90 $0 $62.9K 96 GPUs",
        "Microsoft H200 2.7K 0.0% $12.4K $4.60 $0 $12.4K 16 GPUs",
        "Telemetry sees 0.0% of the billed GPU-hours; $75.3K of $75.3K GPU cost is unobserved");
    assertLacks(text, "No GPU figures", "matches no bill");
  }

  /**
   * No bill holds GPU-hours in the 7 days: the page says so, without a table header over no rows,
   * and still tells the unmatched GPU.
   */
  @Test
  void aWindowWithoutBilledGpuHoursSaysSoAndTellsUnmatchedTelemetry() throws Exception {
    String text = renderedText("unbilled.pdf", WarehouseFixture::makeGpuWindowUnbilled);
    assertHas(
        text,
        "No GPU figures: no bill in the warehouse holds GPU-hours in the 7 days to 2026-11-25.",
        "Telemetry from 1 GPU on 1 host (provider unknown) matches no bill: see"
            + " fct_gpu_telemetry_unmatched_daily.");
    assertLacks(text, "Telemetry sees", "Billed GPU-hours");
  }

  /** A warehouse built before rpt_gpu_telemetry_unmatched existed: the table, no unmatched line. */
  @Test
  void aWarehouseWithoutTheUnmatchedRelationRendersTheTable() throws Exception {
    String text =
        renderedText(
            "older.pdf",
            warehouse -> {
              try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse);
                  Statement s = c.createStatement()) {
                s.execute("DROP TABLE rpt_gpu_telemetry_unmatched");
              }
            });
    assertHas(text, "Telemetry sees 98.9% of the billed GPU-hours");
    assertLacks(text, "matches no bill");
  }

  private static void assertHas(String text, String... expected) {
    assertAll(
        Arrays.stream(expected).map(e -> () -> assertTrue(text.contains(e), e + " in\n" + text)));
  }

  private static void assertLacks(String text, String... unexpected) {
    assertAll(
        Arrays.stream(unexpected)
            .map(u -> () -> assertFalse(text.contains(u), u + " not in\n" + text)));
  }

  /** A change to the fixture's warehouse file. */
  private interface FixtureChange {
    void apply(Path warehouse) throws Exception;
  }

  /**
   * The text, on one line (a sentence the layout wraps still reads whole), of the PDF rendered from
   * the fixture's warehouse after {@code change}; into -Dburnrate.reports.keep=DIR when set, for
   * looking at it.
   */
  private String renderedText(String name, FixtureChange change) throws Exception {
    Path warehouse = WarehouseFixture.create(dir);
    change.apply(warehouse);
    String keep = System.getProperty("burnrate.reports.keep");
    Path out = (keep == null ? dir : Path.of(keep)).resolve(name);
    Path pdf = ReportRenderer.render(warehouse, out, WarehouseFixture.AS_OF).pdf();
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      return new PDFTextStripper().getText(doc).replace("\n", " ");
    }
  }
}
