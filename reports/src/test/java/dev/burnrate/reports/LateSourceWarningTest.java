package dev.burnrate.reports;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Source freshness on the PDF (rpt_data_quality): a late source gets a warning on page 1 naming it
 * and how late it is, a "72 h late" cell in the data-quality table and a note in every page footer;
 * with every source fresh none of that appears.
 */
class LateSourceWarningTest {
  @TempDir Path dir;

  @Test
  void aLateSourceIsNamedOnPageOneInTheDataQualityTableAndInTheFooter() throws Exception {
    Path warehouse = WarehouseFixture.create(dir);
    WarehouseFixture.makeOciLate(warehouse);

    RenderResult result =
        ReportRenderer.render(warehouse, dir.resolve("late.pdf"), WarehouseFixture.AS_OF);

    try (PDDocument doc = Loader.loadPDF(result.pdf().toFile())) {
      String first = oneLine(pageText(doc, 1));
      assertTrue(
          first.contains(
              "LATE DATA Source oci-focus (focus) is 72 h late: its newest data ends"
                  + " 23 Nov 2026 00:00 UTC (warning after 36 h)."),
          first);
      assertTrue(first.contains("Late: oci-focus · Data: 4 sources"), "page 1 footer: " + first);
      String last = oneLine(pageText(doc, result.pages()));
      assertTrue(
          last.contains("oci-focus 2026-11-24 01:29 ok 3 98,765 0 $0 0 yes 72 h late"), last);
      assertTrue(
          last.contains("aws-focus 2026-11-25 01:30 ok 5 612,400 55 $12.3K 1,204 · $3.2K yes ok"),
          last);
      assertTrue(last.contains("Late: oci-focus · Data: 4 sources"), "last page footer: " + last);
    }
  }

  @Test
  void noWarningWhenEverySourceIsFresh() throws Exception {
    Path warehouse = WarehouseFixture.create(dir);

    RenderResult result =
        ReportRenderer.render(warehouse, dir.resolve("fresh.pdf"), WarehouseFixture.AS_OF);

    try (PDDocument doc = Loader.loadPDF(result.pdf().toFile())) {
      String all = oneLine(new PDFTextStripper().getText(doc));
      assertFalse(all.contains("LATE DATA"), all);
      assertFalse(all.contains("h late"), all);
      assertFalse(all.contains("Late:"), all);
      assertTrue(all.contains("Freshness"), "the column is there: " + all);
    }
  }

  private static String pageText(PDDocument doc, int page) throws Exception {
    PDFTextStripper stripper = new PDFTextStripper();
    stripper.setStartPage(page);
    stripper.setEndPage(page);
    return stripper.getText(doc);
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s+", " ");
  }

  /**
   * A retired feed (a legacy export whose accounts a newer feed of the provider carries on) is not
   * late and does not set how far the data reaches: oci-focus, retired with data to 2026-09-30,
   * leaves the footer at the other sources' 2026-11-24 and says one source is retired.
   */
  @Test
  void aRetiredSourceIsCountedButDoesNotHoldBackTheDataEnd() throws Exception {
    Path warehouse = WarehouseFixture.create(dir);
    WarehouseFixture.makeOciRetired(warehouse);

    RenderResult result =
        ReportRenderer.render(warehouse, dir.resolve("retired.pdf"), WarehouseFixture.AS_OF);

    try (PDDocument doc = Loader.loadPDF(result.pdf().toFile())) {
      String all = oneLine(new PDFTextStripper().getText(doc));
      assertTrue(all.contains("Data: 4 sources (1 retired) up to 2026-11-24 ·"), all);
      assertFalse(all.contains("2026-09-30"), all);
      assertFalse(all.contains("Late:"), all);
    }
  }
}
