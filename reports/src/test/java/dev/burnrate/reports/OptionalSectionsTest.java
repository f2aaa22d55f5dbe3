package dev.burnrate.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warehouse with only the relations every build has (Seam 2) still renders: the sections whose
 * relation is missing are left out, with no placeholder figures.
 */
class OptionalSectionsTest {
  @TempDir Path dir;

  @Test
  void missingOptionalRelationsLeaveTheirSectionsOut() throws Exception {
    Path warehouse = WarehouseFixture.createRequiredOnly(dir, "required-only.duckdb");
    RenderResult result =
        ReportRenderer.render(warehouse, dir.resolve("out.pdf"), WarehouseFixture.AS_OF);
    try (PDDocument doc = Loader.loadPDF(result.pdf().toFile())) {
      String text = new PDFTextStripper().getText(doc);
      List<String> outline = new ArrayList<>();
      for (PDOutlineItem item : doc.getDocumentCatalog().getDocumentOutline().children()) {
        outline.add(item.getTitle());
        item.children().forEach(child -> outline.add("  " + child.getTitle()));
      }
      assertEquals(
          List.of(
              "Executive summary",
              "  Spend to date",
              "  Commitments at a glance",
              "Commitments",
              "  Every commitment period",
              "Spend",
              "  Monthly spend by provider",
              "  Billed cost by provider"),
          outline);
      for (String absent :
          List.of(
              "What changed most",
              "Burn-down",
              "GPU efficiency",
              "Showback",
              "Changes since the last report",
              "Data quality",
              "Quarantined:")) {
        assertFalse(text.contains(absent), absent + " in\n" + text);
      }
      // the sections that are there keep their figures, and the footer falls back to its plain line
      assertTrue(text.contains("$412.3M"), text);
      assertTrue(text.contains("OFF TRACK"), text);
      assertTrue(text.contains("generated from the warehouse's reporting models"), text);
      assertTrue(text.contains("Page 1 of " + result.pages()), text);
    }
  }
}
