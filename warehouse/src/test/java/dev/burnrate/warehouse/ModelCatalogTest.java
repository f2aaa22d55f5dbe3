package dev.burnrate.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.focus.FocusColumns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The declarations ({@code sql/<layer>/_models.yaml}, {@code sql/tests/_tests.yaml}, {@code
 * sql/checks/_checks.yaml}) and the SQL files agree, and the layers are respected.
 */
class ModelCatalogTest {
  static final Path SQL = Path.of("src/main/resources/sql");

  @Test
  void everySqlFileIsDeclaredAndEveryDeclarationHasItsFile() throws IOException {
    ModelCatalog catalog = ModelCatalog.load();
    Set<String> declared = new TreeSet<>();
    catalog.models().forEach(m -> declared.add(m.layer().folder() + "/" + m.name() + ".sql"));
    catalog.tests().forEach(t -> declared.add("tests/" + t.name() + ".sql"));
    catalog.checks().forEach(c -> declared.add("checks/" + c.name() + ".sql"));

    Set<String> files;
    try (Stream<Path> tree = Files.walk(SQL)) {
      files =
          tree.filter(p -> p.toString().endsWith(".sql"))
              .map(p -> SQL.relativize(p).toString())
              .collect(Collectors.toCollection(TreeSet::new));
    }

    assertEquals(files, declared);
  }

  /** A YAML file the catalog does not read (a misnamed one, one in a new folder) fails here. */
  @Test
  void everyYamlFileBelowSqlIsOneTheCatalogReads() throws IOException {
    Set<String> read = new TreeSet<>();
    for (Layer layer : Layer.values()) {
      read.add(ModelCatalog.modelsFile(layer));
    }
    read.add(ModelCatalog.TESTS_YAML);
    read.add(ModelCatalog.CHECKS_YAML);

    Set<String> files;
    try (Stream<Path> tree = Files.walk(SQL)) {
      files =
          tree.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
              .map(p -> ModelCatalog.SQL + SQL.relativize(p))
              .collect(Collectors.toCollection(TreeSet::new));
    }

    assertEquals(read, files);
  }

  @Test
  void modelsComeLayerByLayerAndAfterWhatTheyRead() {
    List<String> built = new ArrayList<>();
    int layer = 0;
    for (Model m : ModelCatalog.load().models()) {
      assertTrue(m.layer().ordinal() >= layer, m.name() + " comes after a higher layer");
      layer = m.layer().ordinal();
      for (String dep : m.dependencies()) {
        assertTrue(built.contains(dep), m.name() + " is built before " + dep);
      }
      built.add(m.name());
    }
    assertEquals(
        Set.of(
            "int_focus_cost_paired",
            "int_fx_rates",
            "stg_focus_cost",
            "stg_gpu_instance_catalog",
            "stg_gpu_sku_catalog"),
        ModelCatalog.load().model("int_focus_cost_enriched").orElseThrow().dependencies());
  }

  @Test
  void stagingCastsEveryLakeColumnInFocusColumnsOrder() {
    String sql = ModelCatalog.load().model("stg_focus_cost").orElseThrow().sql();
    List<String> casts =
        sql.lines()
            .map(String::strip)
            .filter(l -> l.startsWith("cast("))
            .map(l -> l.replaceAll(",$", ""))
            .toList();

    List<String> expected =
        FocusColumns.ALL.stream()
            .map(
                c ->
                    "cast("
                        + c.name()
                        + " as "
                        + c.type().duckdbType().toLowerCase().replace(",", ", ")
                        + ") as "
                        + c.name())
            .toList();
    assertEquals(expected, casts);
  }

  @Test
  void onlyStagingReadsTheSrcSchemaAndFiles() {
    for (Model m : ModelCatalog.load().models()) {
      boolean readsSources =
          m.sql().replaceAll("--[^\n]*", "").matches("(?s).*\\b(src\\.|read_parquet\\().*");
      assertEquals(m.layer() == Layer.STAGING, readsSources, m.name());
    }
  }

  /**
   * The feed pairing, read once by int_focus_cost_enriched, is a view (materialized: view), not a
   * third table of every cost row; the enrichment its readers share stays a table; only
   * intermediate models may be declared views.
   */
  @Test
  void thePairingIsAViewReadOnce() {
    ModelCatalog catalog = ModelCatalog.load();
    Model paired = catalog.model("int_focus_cost_paired").orElseThrow();
    assertFalse(paired.isMaterialized());
    assertTrue(paired.createStatement(Map.of()).startsWith("create view "));
    assertTrue(catalog.model("int_focus_cost_enriched").orElseThrow().isMaterialized());
    assertEquals(
        List.of("int_focus_cost_enriched"),
        catalog.models().stream()
            .filter(m -> m.dependencies().contains("int_focus_cost_paired"))
            .map(Model::name)
            .toList());
    for (Model m : catalog.models()) {
      assertEquals(
          m.layer() == Layer.STAGING || m.spec().materialized() != null,
          !m.isMaterialized(),
          m.name());
      if (m.spec().materialized() != null) {
        assertEquals(Layer.INTERMEDIATE, m.layer(), m.name());
      }
    }
  }
}
