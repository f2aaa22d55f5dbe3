package dev.burnrate.warehouse;

import dev.burnrate.warehouse.ModelsFile.ModelSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One data test: a query returning the offending rows; it passes when there are none.
 *
 * @param name unique_&lt;model&gt;, not_null_&lt;model&gt;_&lt;column&gt;,
 *     accepted_values_&lt;model&gt;_&lt;column&gt;, or a singular test's file name
 * @param description what it asserts, for the failure message
 * @param sql the query
 */
record DataTest(String name, String description, String sql) {

  /** Every test, in build order: the declared tests of each model, then the singular tests. */
  static List<DataTest> plan(ModelCatalog catalog) {
    List<DataTest> tests = new ArrayList<>();
    for (Model model : catalog.models()) {
      tests.addAll(declared(model.name(), model.spec()));
    }
    for (TestSpec t : catalog.tests()) {
      tests.add(new DataTest(t.name(), t.description(), catalog.testSql(t)));
    }
    return tests;
  }

  static List<DataTest> declared(String model, ModelSpec spec) {
    List<DataTest> tests = new ArrayList<>();
    String table = Sql.ident(model);
    if (!spec.uniqueKey().isEmpty()) {
      String key = columnList(spec.uniqueKey());
      tests.add(
          new DataTest(
              "unique_" + model,
              model + " has one row per " + String.join(", ", spec.uniqueKey()),
              "select "
                  + key
                  + ", count(*) as row_count from "
                  + table
                  + " group by "
                  + key
                  + " having count(*) > 1 order by row_count desc"));
    }
    for (String column : spec.notNull()) {
      Set<String> shown = new LinkedHashSet<>(spec.uniqueKey());
      shown.add(column);
      String select = spec.uniqueKey().isEmpty() ? "*" : columnList(List.copyOf(shown));
      tests.add(
          new DataTest(
              "not_null_" + model + "_" + column,
              model + "." + column + " is never null",
              "select " + select + " from " + table + " where " + Sql.ident(column) + " is null"));
    }
    for (Map.Entry<String, List<String>> accepted : spec.acceptedValues().entrySet()) {
      String column = Sql.ident(accepted.getKey());
      String values =
          accepted.getValue().stream().map(Sql::literal).collect(Collectors.joining(", "));
      tests.add(
          new DataTest(
              "accepted_values_" + model + "_" + accepted.getKey(),
              model + "." + accepted.getKey() + " is one of " + accepted.getValue(),
              "select "
                  + column
                  + ", count(*) as row_count from "
                  + table
                  + " where "
                  + column
                  + " is not null and "
                  + column
                  + " not in ("
                  + values
                  + ") group by "
                  + column));
    }
    return tests;
  }

  private static String columnList(List<String> columns) {
    return columns.stream().map(Sql::ident).collect(Collectors.joining(", "));
  }
}
