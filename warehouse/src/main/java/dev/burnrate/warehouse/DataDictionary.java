package dev.burnrate.warehouse;

import dev.burnrate.warehouse.ModelsFile.ColumnDoc;
import dev.burnrate.warehouse.ModelsFile.ModelSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The warehouse's data dictionary, docs/warehouse.md, generated from the model declarations ({@code
 * sql/<layer>/_models.yaml}, the tests' and checks' YAML, and FocusColumns): every published
 * relation with its description, grain, keys and every column with its meaning and unit. {@code
 * DataDictionaryTest} fails when the committed file is stale; {@code
 * -Dburnrate.docs.regenerate=true} on that test rewrites it.
 */
public final class DataDictionary {
  private DataDictionary() {}

  /** Writes the dictionary to the file named by the first argument. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: DataDictionary <path/to/warehouse.md>");
      System.exit(2);
    }
    Files.writeString(Path.of(args[0]), markdown(), StandardCharsets.UTF_8);
  }

  /** The dictionary of the models shipped in this jar. */
  public static String markdown() {
    return markdown(ModelCatalog.load());
  }

  static String markdown(ModelCatalog catalog) {
    StringBuilder md = new StringBuilder();
    md.append("# The warehouse's data dictionary\n\n");
    md.append("<!-- Generated from warehouse/src/main/resources/sql/*/_*.yaml by")
        .append(" dev.burnrate.warehouse.DataDictionary: do not edit. Regenerate with\n")
        .append("     mvn -B -o -pl warehouse test -Dtest=DataDictionaryTest")
        .append(" -Dburnrate.docs.regenerate=true -->\n\n");
    md.append(
            "Every relation of `data_dir/warehouse/burnrate.duckdb` (open it read-only), its grain")
        .append(" and every column\nwith its meaning and unit. The same text is in the file's")
        .append(" COMMENTs: `select table_name,\ncolumn_name, comment from duckdb_columns() where")
        .append(" schema_name = 'main'`. Amounts named `*_reporting`\nare in the reporting")
        .append(" currency (pipeline.yaml), others in the unit their column names.\n\n");
    md.append("| relation | layer | grain |\n| --- | --- | --- |\n");
    for (Model m : catalog.models()) {
      if (m.layer().isTable()) {
        md.append("| [`")
            .append(m.name())
            .append("`](#")
            .append(m.name())
            .append(") | ")
            .append(m.layer().folder())
            .append(" | ")
            .append(cell(m.spec().grain()))
            .append(" |\n");
      }
    }
    for (Model m : catalog.models()) {
      if (m.layer().isTable()) {
        relation(md, catalog, m);
      }
    }
    md.append("\n## Build-only models\n");
    md.append("Models the build reads through and drops before publishing (staging: views that")
        .append(" rename and cast only; intermediate: tables of shared joins, built once).\n\n");
    md.append("| model | layer | grain | what it is |\n| --- | --- | --- | --- |\n");
    for (Model m : catalog.models()) {
      if (!m.layer().isTable()) {
        md.append("| `")
            .append(m.name())
            .append("` | ")
            .append(m.layer().folder())
            .append(" | ")
            .append(cell(m.spec().grain()))
            .append(" | ")
            .append(cell(m.spec().description()))
            .append(" |\n");
      }
    }
    md.append("\n## Data tests\n");
    md.append(
            "Besides the `unique_key`, `not_null` and `accepted_values` tests above, the build runs")
        .append(" these singular tests\n(`sql/tests/`, exit 4 when one returns rows) and input")
        .append(
            " checks (`sql/checks/`, exit 3; a warning check is logged and the build goes on).\n\n");
    md.append("| test | kind | what it checks |\n| --- | --- | --- |\n");
    tests(md, catalog.tests(), "data test");
    tests(md, catalog.checks(), "input check");
    return md.toString();
  }

  private static void relation(StringBuilder md, ModelCatalog catalog, Model m) {
    ModelSpec spec = m.spec();
    md.append("\n## ").append(m.name()).append("\n");
    md.append(spec.description().strip()).append("\n\n");
    md.append("- grain: ").append(spec.grain()).append("\n");
    if (!spec.uniqueKey().isEmpty()) {
      md.append("- unique key: ").append(codes(spec.uniqueKey())).append("\n");
    }
    if (!spec.notNull().isEmpty()) {
      md.append("- never null: ").append(codes(spec.notNull())).append("\n");
    }
    for (Map.Entry<String, List<String>> values : spec.acceptedValues().entrySet()) {
      md.append("- `")
          .append(values.getKey())
          .append("` is one of ")
          .append(codes(values.getValue()))
          .append("\n");
    }
    md.append("\n| column | meaning | unit |\n| --- | --- | --- |\n");
    for (Map.Entry<String, ColumnDoc> c : catalog.columnDocs(m.name()).entrySet()) {
      md.append("| `")
          .append(c.getKey())
          .append("` | ")
          .append(cell(c.getValue().description()))
          .append(" | ")
          .append(c.getValue().unit() == null ? "" : cell(c.getValue().unit()))
          .append(" |\n");
    }
  }

  private static void tests(StringBuilder md, List<TestSpec> tests, String kind) {
    for (TestSpec t : tests) {
      md.append("| `")
          .append(t.name())
          .append("` | ")
          .append(t.warns() ? kind + " (warning)" : kind)
          .append(" | ")
          .append(cell(t.description()))
          .append(" |\n");
    }
  }

  private static String codes(List<String> names) {
    StringBuilder s = new StringBuilder();
    for (String n : names) {
      s.append(s.length() == 0 ? "" : ", ").append('`').append(n).append('`');
    }
    return s.toString();
  }

  private static String cell(String text) {
    return text.strip().replace("\n", " ").replace("|", "\\|");
  }
}
