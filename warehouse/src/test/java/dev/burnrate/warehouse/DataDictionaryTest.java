package dev.burnrate.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
