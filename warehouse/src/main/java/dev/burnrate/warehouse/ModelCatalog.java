package dev.burnrate.warehouse;

import dev.burnrate.core.config.Yaml;
import dev.burnrate.core.focus.FocusColumn;
import dev.burnrate.core.focus.FocusColumns;
import dev.burnrate.warehouse.ModelsFile.ColumnDoc;
import dev.burnrate.warehouse.ModelsFile.ModelSpec;
import dev.burnrate.warehouse.TestSpec.ChecksFile;
import dev.burnrate.warehouse.TestSpec.TestsFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The models, singular tests and input checks shipped as resources below {@code sql/}: one SQL file
 * each, declared in a YAML file beside it ({@code <layer>/_models.yaml}, {@code tests/_tests.yaml},
 * {@code checks/_checks.yaml}). Models come out in build order: by layer, then so that every model
 * follows the models it reads. Loading also enforces the layering: only staging reads the src
 * schema or files, and no model reads a layer above its own.
 */
final class ModelCatalog {
  static final String SQL = "/sql/";
  static final String TESTS_YAML = SQL + "tests/_tests.yaml";
  static final String CHECKS_YAML = SQL + "checks/_checks.yaml";

  /** The one {@code materialized} value a model may declare, and only in the intermediate layer. */
  static final String VIEW = "view";

  private static final Pattern WORD = Pattern.compile("[a-z_][a-z0-9_]*");
  private static final Pattern LINE_COMMENT = Pattern.compile("--[^\n]*");
  private static final Pattern SOURCE_READ =
      Pattern.compile("\\bsrc\\.|\\bread_(parquet|csv|csv_auto|json|json_auto|text)\\s*\\(");

  private final List<Model> models;
  private final Map<String, Model> byName;
  private final List<TestSpec> tests;
  private final List<TestSpec> checks;

  private ModelCatalog(List<Model> models, List<TestSpec> tests, List<TestSpec> checks) {
    this.models = List.copyOf(models);
    this.byName = new LinkedHashMap<>();
    models.forEach(m -> byName.put(m.name(), m));
    this.tests = tests;
    this.checks = checks;
  }

  /**
   * Reads each layer's {@code _models.yaml}, the tests and checks, and every SQL file they name.
   */
  static ModelCatalog load() {
    Map<String, ModelSpec> specs = new LinkedHashMap<>();
    Map<String, Layer> layers = new LinkedHashMap<>();
    for (Layer layer : Layer.values()) {
      String file = modelsFile(layer);
      for (ModelSpec spec : read(file, ModelsFile.class).models()) {
        if (specs.put(spec.name(), spec) != null) {
          throw new IllegalStateException(file + ": model " + spec.name() + " is declared twice");
        }
        layers.put(spec.name(), layer);
      }
    }
    List<Model> unordered = new ArrayList<>();
    for (ModelSpec spec : specs.values()) {
      Layer layer = layers.get(spec.name());
      String sql = text(SQL + layer.folder() + "/" + spec.name() + ".sql");
      Set<String> deps = references(sql, specs.keySet(), spec.name());
      if (layer != Layer.STAGING && SOURCE_READ.matcher(withoutComments(sql)).find()) {
        throw new IllegalStateException(
            "model " + spec.name() + ": only staging models read src.* or files");
      }
      if (spec.materialized() != null
          && !(layer == Layer.INTERMEDIATE && VIEW.equals(spec.materialized()))) {
        throw new IllegalStateException(
            modelsFile(layer)
                + ": model "
                + spec.name()
                + ": only an intermediate model may declare materialized, and only as view");
      }
      if (spec.columnsFrom() != null && !specs.containsKey(spec.columnsFrom())) {
        throw new IllegalStateException(
            "model " + spec.name() + ": columns_from an unknown model " + spec.columnsFrom());
      }
      unordered.add(new Model(spec.name(), layer, sql, spec, deps));
    }
    List<TestSpec> tests = read(TESTS_YAML, TestsFile.class).tests();
    for (TestSpec t : tests) {
      text(SQL + "tests/" + t.name() + ".sql");
      if (t.warns()) {
        throw new IllegalStateException(
            TESTS_YAML + ": test " + t.name() + ": only input checks may have severity warn");
      }
    }
    List<TestSpec> checks = read(CHECKS_YAML, ChecksFile.class).checks();
    for (TestSpec c : checks) {
      text(SQL + "checks/" + c.name() + ".sql");
    }
    return new ModelCatalog(order(unordered), tests, checks);
  }

  /** The file that declares a layer's models, beside their SQL. */
  static String modelsFile(Layer layer) {
    return SQL + layer.folder() + "/_models.yaml";
  }

  /** Models in build order. */
  List<Model> models() {
    return models;
  }

  Optional<Model> model(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  List<TestSpec> tests() {
    return tests;
  }

  List<TestSpec> checks() {
    return checks;
  }

  String testSql(TestSpec test) {
    return text(SQL + "tests/" + test.name() + ".sql");
  }

  String checkSql(TestSpec check) {
    return text(SQL + "checks/" + check.name() + ".sql");
  }

  /**
   * Every documented column of a model: the FOCUS lake columns when it declares focus_columns, then
   * those of its columns_from model, then its own.
   */
  Map<String, ColumnDoc> columnDocs(String modelName) {
    ModelSpec spec = byName.get(modelName).spec();
    Map<String, ColumnDoc> docs = new LinkedHashMap<>();
    if (spec.focusColumns()) {
      for (FocusColumn c : FocusColumns.ALL) {
        String origin = "x".equals(c.since()) ? "burnrate extension" : "FOCUS " + c.since();
        String unit = c.type() == FocusColumn.Type.TIMESTAMP ? "UTC" : null;
        docs.put(c.name(), new ColumnDoc(c.description() + " (" + origin + ")", unit));
      }
    }
    if (spec.columnsFrom() != null) {
      docs.putAll(columnDocs(spec.columnsFrom()));
    }
    docs.putAll(spec.columns());
    return docs;
  }

  /** The models a SQL text reads: every other model name that occurs in it outside comments. */
  private static Set<String> references(String sql, Set<String> names, String self) {
    Set<String> deps = new LinkedHashSet<>();
    Matcher m = WORD.matcher(withoutComments(sql).toLowerCase(java.util.Locale.ROOT));
    while (m.find()) {
      String word = m.group();
      if (!word.equals(self) && names.contains(word)) {
        deps.add(word);
      }
    }
    return deps;
  }

  private static String withoutComments(String sql) {
    return LINE_COMMENT.matcher(sql).replaceAll("");
  }

  /** Layer by layer, each model after the models it reads (declaration order breaks ties). */
  private static List<Model> order(List<Model> unordered) {
    Map<String, Model> byName = new LinkedHashMap<>();
    unordered.forEach(m -> byName.put(m.name(), m));
    for (Model m : unordered) {
      for (String dep : m.dependencies()) {
        Layer depLayer = byName.get(dep).layer();
        if (depLayer.ordinal() > m.layer().ordinal()) {
          throw new IllegalStateException(
              "model "
                  + m.name()
                  + " ("
                  + m.layer().folder()
                  + ") reads "
                  + dep
                  + " from the layer above ("
                  + depLayer.folder()
                  + ")");
        }
      }
    }
    List<Model> byLayer = new ArrayList<>(unordered);
    byLayer.sort(Comparator.comparingInt(m -> m.layer().ordinal()));
    List<Model> ordered = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    Set<String> visiting = new LinkedHashSet<>();
    for (Model m : byLayer) {
      visit(m, byName, done, visiting, ordered);
    }
    return ordered;
  }

  private static void visit(
      Model m,
      Map<String, Model> byName,
      Set<String> done,
      Set<String> visiting,
      List<Model> ordered) {
    if (done.contains(m.name())) {
      return;
    }
    if (!visiting.add(m.name())) {
      throw new IllegalStateException("models read each other in a cycle: " + visiting);
    }
    for (String dep : m.dependencies()) {
      visit(byName.get(dep), byName, done, visiting, ordered);
    }
    visiting.remove(m.name());
    done.add(m.name());
    ordered.add(m);
  }

  private static <T> T read(String path, Class<T> type) {
    try (InputStream in = resource(path)) {
      return Yaml.mapper().readValue(in, type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  private static InputStream resource(String path) {
    InputStream in = ModelCatalog.class.getResourceAsStream(path);
    if (in == null) {
      throw new IllegalStateException("resource " + path + " is missing from the warehouse jar");
    }
    return in;
  }

  private static String text(String path) {
    try (InputStream in = resource(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
