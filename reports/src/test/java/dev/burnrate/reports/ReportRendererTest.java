package dev.burnrate.reports;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineNode;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportRendererTest {
  @TempDir static Path dir;

  static RenderResult result;
  static String text;
  static List<String> outline;
  static Set<String> fonts;
  static List<String> notEmbedded;

  @BeforeAll
  static void renderOnce() throws Exception {
    Path warehouse = WarehouseFixture.create(dir);
    result =
        ReportRenderer.render(
            warehouse, dir.resolve("out/executive-summary-2026-11-25.pdf"), WarehouseFixture.AS_OF);
    // -Dburnrate.reports.keep=DIR keeps a copy of the rendered PDF, for looking at it
    String keep = System.getProperty("burnrate.reports.keep");
    if (keep != null) {
      Files.createDirectories(Path.of(keep));
      Files.copy(
          result.pdf(),
          Path.of(keep).resolve(result.pdf().getFileName()),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    try (PDDocument doc = Loader.loadPDF(result.pdf().toFile())) {
      text = new PDFTextStripper().getText(doc);
      outline = new ArrayList<>();
      collectOutline(doc.getDocumentCatalog().getDocumentOutline(), "", outline);
      fonts = new TreeSet<>();
      notEmbedded = new ArrayList<>();
      for (PDPage page : doc.getPages()) {
        collectFonts(page.getResources(), fonts, notEmbedded);
      }
    }
  }

  @Test
  void writesAMultiPagePdf() throws IOException {
    assertTrue(Files.size(result.pdf()) > 10_000, "PDF is written");
    assertTrue(result.pages() >= 2, "at least two pages, got " + result.pages());
    assertTrue(text.contains("Page 1 of " + result.pages()), text);
    try (var leftovers = Files.list(result.pdf().getParent())) {
      assertEquals(1, leftovers.count(), "no temporary file left next to the PDF");
    }
  }

  @Test
  void pageOneHasTitleAsOfCurrencyAndHumanizedKpis() {
    assertAll(
        () -> assertTrue(text.contains("Executive summary")),
        () -> assertTrue(text.contains("As of 25 November 2026")),
        () -> assertTrue(text.contains("Reporting currency: USD")),
        () -> assertTrue(text.contains("$412.3M"), "MTD"),
        () -> assertTrue(text.contains("Prior month to date: $380.1M")),
        () -> assertTrue(text.contains("▲ +8.5% vs prior"), "MTD change"),
        () -> assertTrue(text.contains("$1.2B"), "QTD"),
        () -> assertTrue(text.contains("$4.2B"), "YTD"),
        () -> assertTrue(text.contains("▲ +33.0% vs prior"), "YTD change"),
        () -> assertFalse(text.contains("warehouse was built as of"), "as-of dates agree"));
  }

  @Test
  void commitmentFiguresAppear() {
    assertAll(
        () -> assertTrue(text.contains("aws-2025-compute")),
        () -> assertTrue(text.contains("azure-2026-y1")),
        () -> assertTrue(text.contains("gcp-2026-gpuh")),
        () -> assertTrue(text.contains("GREEN")),
        () -> assertTrue(text.contains("AMBER")),
        () -> assertTrue(text.contains("RED")),
        () -> assertTrue(text.contains("$3.2B"), "AWS committed"),
        () -> assertTrue(text.contains("$201.5M"), "AWS burned"),
        () -> assertTrue(text.contains("€968.4M"), "Azure burned, in EUR"),
        () -> assertTrue(text.contains("€69.0M"), "Azure shortfall"),
        () -> assertTrue(text.contains("80.7%"), "Azure burn %"),
        () -> assertTrue(text.contains("39 d behind"), "Azure pace"),
        () -> assertTrue(text.contains("1 d ahead"), "AWS pace"),
        () -> assertTrue(text.contains("12.0M"), "GCP committed GPU-hours"),
        () -> assertTrue(text.contains("350.0K"), "GCP shortfall"),
        () -> assertTrue(text.contains("GPU-hours")),
        () -> assertTrue(text.contains("to 2027-11-02"), "inclusive period end"));
  }

  @Test
  void currentCommitmentsComeFirst() {
    int current = text.indexOf("aws-2025-y2");
    int closed = text.indexOf("aws-2025-y1");
    assertTrue(current >= 0 && closed > current, "current period listed before the closed one");
  }

  @Test
  void providerTableHasExactBilledCosts() {
    for (String amount :
        List.of(
            "2,345,678,901.23",
            "1,012,345,678.91",
            "1,093,333,333.22",
            "654,321,098.76",
            "321,987,654.32",
            "186,012,345.67",
            "4,601,333,333.20",
            "612,345",
            "1,234,567")) {
      assertTrue(text.contains(amount), amount + " in\n" + text);
    }
    assertTrue(text.contains("EUR"));
  }

  @Test
  void dataQualityTableShowsWhatANewerDeliverySuperseded() {
    assertTrue(text.contains("Superseded"), text);
    assertTrue(text.contains("1,204 · $3.2K"), "aws-focus superseded rows and cost in\n" + text);
  }

  @Test
  void everyFontIsEmbedded() {
    assertFalse(fonts.isEmpty());
    assertTrue(notEmbedded.isEmpty(), "not embedded: " + notEmbedded + " of " + fonts);
    assertTrue(fonts.stream().anyMatch(f -> f.contains("DejaVu")), fonts.toString());
  }

  @Test
  void bookmarksNameEachSection() {
    assertEquals(
        List.of(
            "Executive summary",
            "  Spend to date",
            "  Commitments at a glance",
            "  What changed most since the last report",
            "Commitments",
            "  Burn-down per commitment",
            "  Every commitment period",
            "Spend",
            "  Monthly spend by provider",
            "  Billed cost by provider",
            "  Showback by tag",
            "GPU efficiency",
            "Changes since the last report",
            "  Spend anomalies",
            "  Restatements",
            "Data quality"),
        outline);
  }

  @Test
  void statusLinesSayBurnPaceForecastAndShortfallWorstFirst() {
    String red =
        "80.7% of €1.2B burned · 39 days behind (-€116.6M) · forecast €1.1B · projected shortfall"
            + " €69.0M";
    String amber = "67.0% of 12.0M GPU-hours burned · 14 days behind (-475.1K GPU-hours)";
    String green = "6.3% of $3.2B burned · 1 day ahead (+$8.6M) · forecast $3.3B · no shortfall";
    String flat = text.replace("\n", " ");
    assertAll(
        () -> assertTrue(flat.contains(red), flat),
        () -> assertTrue(flat.contains(amber), flat),
        () -> assertTrue(flat.contains(green), flat),
        () -> assertTrue(flat.indexOf("OFF TRACK") < flat.indexOf("AT RISK")),
        () -> assertTrue(flat.indexOf("AT RISK") < flat.indexOf("ON TRACK")),
        () -> assertTrue(flat.indexOf(red) < flat.indexOf(amber), "worst first"),
        () -> assertTrue(flat.indexOf(amber) < flat.indexOf(green), "worst first"));
  }

  @Test
  void highlightsAreTheWarehousesSentencesInRankOrder() {
    int first = text.indexOf("Microsoft azure-2026-y1 is 39 days behind pace");
    int second = text.indexOf("AWS spend rose 12.3% to $47.1M in the 7 days to 25 Nov.");
    int third = text.indexOf("Oracle restated 2026-10: +$1.9M (Compute, Block Storage).");
    assertTrue(first >= 0 && second > first && third > second, text);
  }

  @Test
  void optionalSectionsShowTheirFigures() {
    assertAll(
        // GPU efficiency: cost per GPU-hour and per active GPU-hour, idle cost, dark GPUs
        () -> assertTrue(text.contains("From 2026-10-27 to 2026-11-25, amounts in USD")),
        () -> assertTrue(text.contains("$35.6M"), "AWS H100 GPU cost"),
        () -> assertTrue(text.contains("$3.90"), "AWS H100 per GPU-hour"),
        () -> assertTrue(text.contains("$4.76"), "AWS H100 per active GPU-hour"),
        () -> assertTrue(text.contains("$6.4M"), "AWS H100 idle cost"),
        () -> assertTrue(text.contains("82.0%"), "AWS H100 active share"),
        () -> assertTrue(text.contains("12 GPUs") && text.contains("1 GPU\n"), "no telemetry"),
        // how much of the fleet the telemetry sees: (16.8M - 180K) / 16.8M GPU-hours = 98.9 %;
        // Oracle's unseen quarter of $2,304,000 = $576.0K of $75,072,000
        () -> assertTrue(text.contains("Telemetry sees 98.9% of the billed GPU-hours"), text),
        () -> assertTrue(text.contains("$576.0K of $75.1M GPU cost is unobserved"), text),
        // telemetry of the window that matches no bill, per reason, most GPUs first
        () ->
            assertTrue(
                text.replace("\n", " ")
                    .contains(
                        "Telemetry from 8 GPUs on 1 host (ip-based host name) and 2 GPUs on 2"
                            + " hosts (no bill key matched) matches no bill: see"
                            + " fct_gpu_telemetry_unmatched_daily."),
                text),
        // anomalies and restatements
        () -> assertTrue(text.contains("Amazon Elastic Compute Cloud")),
        () -> assertTrue(text.contains("+$3.3M") && text.contains("-$222.2K"), "deviations"),
        () -> assertTrue(text.contains("+$1.9M") && text.contains("Compute, Block Storage")),
        // a correction the November billing period carried into closed September
        () ->
            assertTrue(
                text.contains("AWS 2026-09 in 2026-11 -$412.3K Correction: aws-2025-y1"),
                "correction row"),
        // showback, untagged included
        () -> assertTrue(text.contains("ml-research") && text.contains("$206.2M")),
        () -> assertTrue(text.contains("(untagged)") && text.contains("10.0%")),
        // data quality table and the footer line on every page
        () -> assertTrue(text.contains("aws-focus") && text.contains("612,400")),
        () -> assertTrue(text.contains("2026-11-24 01:29"), "oci-focus's delivery"),
        // a telemetry source whose two files the last run found unchanged: what it holds
        () -> assertTrue(text.contains("gpu-dcgm 2026-11-20 02:00 unchanged 2 4,800 12"), text),
        // the footer: the least recent source's data ends 2026-11-24 00:00 (oci-focus), so its
        // last day is 2026-11-23; billing rows 612,400 + 301,234 + 98,765 = 1,012,399 of which
        // 55 quarantined and 1,204 superseded, apart from gpu-dcgm's 12 of 4,800 samples
        () ->
            assertEquals(
                result.pages(),
                count(text, "Data: 4 sources up to 2026-11-23 · cost reconciled"),
                "data-quality footer on every page"),
        () ->
            assertEquals(
                result.pages(),
                count(
                    text,
                    "Quarantined: 55 of 1,012,399 billing rows, 12 of 4,800 telemetry samples"
                        + " · superseded: 1,204 billing rows"),
                "quarantine counts split by kind on every page"));
  }

  @Test
  void everyAmountCarriesItsCurrency() {
    for (String heading :
        List.of("GPU cost\n(USD)", "Actual (USD)", "Before (USD)", "Billed cost (USD)")) {
      assertTrue(text.contains(heading), heading);
    }
  }

  private static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void saysSoWhenTheWarehouseWasBuiltForAnotherDay() throws IOException {
    RenderResult later =
        ReportRenderer.render(
            dir.resolve("burnrate.duckdb"),
            dir.resolve("later.pdf"),
            WarehouseFixture.AS_OF.plusDays(1));
    try (PDDocument doc = Loader.loadPDF(later.pdf().toFile())) {
      String laterText = new PDFTextStripper().getText(doc);
      assertTrue(laterText.contains("As of 26 November 2026"), laterText);
      assertTrue(laterText.contains("the warehouse was built as of 2026-11-25"), laterText);
    }
  }

  @Test
  void missingWarehouseIsAClearInputError() {
    Path missing = dir.resolve("nowhere/burnrate.duckdb");
    BurnrateException e =
        assertThrows(
            BurnrateException.class,
            () ->
                ReportRenderer.render(missing, dir.resolve("missing.pdf"), WarehouseFixture.AS_OF));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(e.getMessage().contains(missing.toAbsolutePath().toString()), e.getMessage());
    assertTrue(e.getMessage().startsWith("no warehouse at "), e.getMessage());
    assertFalse(Files.exists(dir.resolve("missing.pdf")));
  }

  @Test
  void warehouseWithoutReportingModelsIsAClearInputError() throws Exception {
    Path empty = dir.resolve("empty.duckdb");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + empty);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE focus_cost (x INTEGER)");
    }
    BurnrateException e =
        assertThrows(
            BurnrateException.class,
            () -> ReportRenderer.render(empty, dir.resolve("empty.pdf"), WarehouseFixture.AS_OF));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(e.getMessage().contains("rpt_summary"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("empty.pdf")));
  }

  private static void collectOutline(PDOutlineNode node, String indent, List<String> out) {
    if (node == null) {
      return;
    }
    for (PDOutlineItem item : node.children()) {
      out.add(indent + item.getTitle());
      collectOutline(item, indent + "  ", out);
    }
  }

  private static void collectFonts(PDResources resources, Set<String> names, List<String> bad)
      throws IOException {
    if (resources == null) {
      return;
    }
    for (COSName name : resources.getFontNames()) {
      PDFont font = resources.getFont(name);
      names.add(font.getName());
      if (!font.isEmbedded()) {
        bad.add(font.getName());
      }
    }
    for (COSName name : resources.getXObjectNames()) {
      PDXObject x = resources.getXObject(name);
      if (x instanceof PDFormXObject form) {
        collectFonts(form.getResources(), names, bad);
      }
    }
  }
}
