package dev.burnrate.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/warehouse.md is the dictionary generated from the model declarations. Stale? Run {@code mvn
 * -B -o -pl warehouse test -Dtest=DataDictionaryTest -Dburnrate.docs.regenerate=true} and review
 * the diff.
 */
class DataDictionaryTest {
  static final Path COMMITTED = Path.of("../docs/warehouse.md");

  @Test
  void committedDictionaryMatchesTheModelDeclarations() throws IOException {
    String generated = DataDictionary.markdown();
    if (Boolean.getBoolean("burnrate.docs.regenerate")) {
      Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
    }
    String committed =
        Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";
    assertEquals(
        generated,
        committed,
        COMMITTED.toAbsolutePath().normalize()
            + " is stale: regenerate it with -Dburnrate.docs.regenerate=true on this test");
  }

  /**
   * docs/queries.md's "Renamed in 2026-12" table sends a saved query's old mart name to a relation
   * that is published, and no model still has an old name.
   */
  @Test
  void renamedMartsPointAtPublishedRelations() throws IOException {
    String queries = Files.readString(Path.of("../docs/queries.md"), StandardCharsets.UTF_8);
    String table = queries.substring(queries.indexOf("\n## Renamed in 2026-12\n"));
    Matcher row = Pattern.compile("(?m)^\\| `([a-z_]+)` \\| `([a-z_]+)`").matcher(table);
    ModelCatalog catalog = ModelCatalog.load();
    int rows = 0;
    while (row.find()) {
      rows++;
      assertTrue(catalog.model(row.group(1)).isEmpty(), row.group(1) + " is still a model");
      assertTrue(
          catalog.model(row.group(2)).map(m -> m.layer().isTable()).orElse(false),
          row.group(2) + " is not a published relation");
    }
    assertEquals(20, rows, "the 20 renamed marts");
  }

  @Test
  void everyPublishedRelationAndColumnHasItsSection() {
    String md = DataDictionary.markdown();
    for (Model m : ModelCatalog.load().models()) {
      if (m.layer().isTable()) {
        assertTrue(md.contains("\n## " + m.name() + "\n"), m.name());
      }
    }
    assertTrue(md.contains("| `projected_shortfall` | max(0, committed - forecast_at_period_end)"));
    assertTrue(md.contains("| `BilledCost` | "), "FOCUS columns come from FocusColumns");
  }
}
