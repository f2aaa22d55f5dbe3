package dev.burnrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.testing.ConsoleRun;
import dev.burnrate.demo.Generator;
import dev.burnrate.demo.Redelivery;
import dev.burnrate.demo.Totals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * generate -> ingest -> (re-delivery of a restated month) -> nightly, through the command line,
 * checked against the generator's own totals: in the warehouse to the cent, and in the PDF text. 70
 * days hold the layouts providers deliver: AWS's newest month as a Data Exports FOCUS partition
 * with its manifest, the restated month as multi-part legacy CUR assemblies (the re-delivery is a
 * second assembly beside the first), the month before as Athena Parquet; Azure partitioned export
 * runs, OCI's six-hourly incremental reports, GCP extract shards; and the last day's GPU telemetry
 * in the demo's three formats.
 */
class EndToEndTest {
  static final LocalDate AS_OF = LocalDate.of(2026, 10, 20);

  /**
   * Days of telemetry, ending {@link #AS_OF}: one, not the demo's three, as it is the ingest's
   * slowest part; {@link PointInTimeReportTest} needs only some after its as-of day.
   */
  private static final int TELEMETRY_DAYS = 1;

  private static Path built;

  /**
   * The demo's data folder, made once per JVM (it takes two Spark ingests): 70 generated days of
   * every provider's native exports ending {@link #AS_OF}, after the ingest, the re-delivery of the
   * restated month and the nightly for {@link #AS_OF}. Tests read or copy it; none changes it.
   */
  static synchronized Path demo() {
    if (built == null) {
      try {
        Path root = Files.createTempDirectory("burnrate-demo-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> SmallPipeline.delete(root)));
        Path dir = root.resolve("demo");
        Generator.generate(new Generator.Options(dir, 1, 42, AS_OF, 70, TELEMETRY_DAYS));
        String conf = dir.resolve("conf").toString();

        ConsoleRun ingest =
            ConsoleRun.of(Burnrate::execute, "ingest", "--conf", conf, "--date", AS_OF.toString());
        assertEquals(0, ingest.exitCode(), ingest.err());
        assertTrue(Files.isRegularFile(Path.of(ingest.out().trim())), "prints the manifest path");

        Redelivery.apply(dir);
        ConsoleRun nightly =
            ConsoleRun.of(Burnrate::execute, "nightly", "--conf", conf, "--date", AS_OF.toString());
        assertEquals(0, nightly.exitCode(), nightly.err());
        Path pdf = Path.of(nightly.out().trim());
        assertEquals("executive-summary-" + AS_OF + ".pdf", pdf.getFileName().toString());
        assertTrue(Files.isSameFile(reportOf(dir), pdf), "prints the PDF's path: " + pdf);
        built = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return built;
  }

  /** The nightly's PDF in the demo folder. */
  private static Path reportOf(Path demo) {
    return demo.resolve("reports/executive-summary-" + AS_OF + ".pdf");
  }

  @Test
  void warehouseAndPdfCarryTheGeneratorsTotalsToTheCent() throws Exception {
    Path demo = demo();
    Path pdf = reportOf(demo);

    Totals totals = Totals.read(demo.resolve(Totals.FILE));
    Map<String, BigDecimal> expected = new HashMap<>();
    for (Totals.ProviderTotal p : totals.finalTotals().providers()) {
      expected.put(p.provider() + "|" + p.billingCurrency(), p.billedCost());
    }
    assertEquals(6, expected.size(), "five providers, one of them in two currencies");

    Map<String, BigDecimal> lake =
        query(
            demo,
            "select ProviderName, BillingCurrency, sum(BilledCost) from focus_cost group by all");
    Map<String, BigDecimal> report =
        query(demo, "select provider, billing_currency, billed_cost from rpt_provider_spend");
    for (Map.Entry<String, BigDecimal> e : expected.entrySet()) {
      assertEquals(0, e.getValue().compareTo(lake.get(e.getKey())), "focus_cost " + e.getKey());
      assertEquals(cents(e.getValue()), report.get(e.getKey()), "rpt_provider_spend " + e.getKey());
    }
    assertEquals(expected.keySet(), lake.keySet());

    BigDecimal initialAws =
        totals.initial().providers().stream()
            .filter(p -> p.provider().equals("AWS"))
            .findFirst()
            .orElseThrow()
            .billedCost();
    assertNotEquals(
        0,
        initialAws.compareTo(lake.get("AWS|USD")),
        "the restated month replaced the first delivery");

    // billed GPU-hours from every provider's own unit (instance-hours x GPUs, GCP GPU-seconds on
    // their own SKU, OCI per-GPU hours, CoreWeave GPU-hours), as the generator billed them
    Map<String, BigDecimal> gpuHours =
        query(demo, "select ProviderName, 'gpu', sum(x_GpuHours) from focus_cost group by all");
    for (Totals.GpuProvider g : totals.gpu().providers()) {
      BigDecimal got = gpuHours.get(g.provider() + "|gpu");
      assertTrue(got != null && got.signum() > 0, g.provider() + " has billed GPU-hours");
      assertEquals(
          0,
          g.gpuHours()
              .setScale(4, RoundingMode.HALF_UP)
              .compareTo(got.setScale(4, RoundingMode.HALF_UP)),
          g.provider() + " GPU-hours " + g.gpuHours() + " vs " + got);
    }
    assertEquals(5, totals.gpu().providers().size());
    Map<String, BigDecimal> models =
        query(
            demo,
            "select 'models', 'n', count(distinct x_GpuModel) from focus_cost where x_GpuHours > 0");
    assertTrue(models.get("models|n").intValue() >= 4, "GPU models billed: " + models);

    String text;
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      assertTrue(doc.getNumberOfPages() >= 2);
      text = new PDFTextStripper().getText(doc);
    }
    for (Map.Entry<String, BigDecimal> e : expected.entrySet()) {
      String amount = String.format(Locale.US, "%,.2f", cents(e.getValue()));
      assertTrue(text.contains(amount), e.getKey() + " " + amount + " in the PDF");
    }
    assertTrue(text.contains("Commitments"), "commitment section");
  }

  private static BigDecimal cents(BigDecimal v) {
    return v.setScale(2, RoundingMode.HALF_UP);
  }

  private static Map<String, BigDecimal> query(Path demo, String sql) throws Exception {
    Properties ro = new Properties();
    ro.setProperty("duckdb.read_only", "true");
    Map<String, BigDecimal> out = new HashMap<>();
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:duckdb:" + demo.resolve("warehouse/burnrate.duckdb"), ro);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.put(rs.getString(1) + "|" + rs.getString(2), rs.getBigDecimal(3));
      }
    }
    return out;
  }
}
