package dev.burnrate.warehouse;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** models.yaml: the declarations the runner turns into models, data tests and column comments. */
record ModelsFile(
    @JsonProperty(value = "models", required = true) List<ModelSpec> models,
    @JsonProperty("tests") List<TestSpec> tests,
    @JsonProperty("checks") List<TestSpec> checks) {

  ModelsFile {
    models = List.copyOf(models);
    tests = tests == null ? List.of() : List.copyOf(tests);
    checks = checks == null ? List.of() : List.copyOf(checks);
  }

  /** One model: its SQL is {@code sql/<layer>/<name>.sql}. */
  record ModelSpec(
      @JsonProperty(value = "name", required = true) String name,
      @JsonProperty(value = "layer", required = true) String layer,
      @JsonProperty(value = "description", required = true) String description,
      @JsonProperty(value = "grain", required = true) String grain,
      @JsonProperty("unique_key") List<String> uniqueKey,
      @JsonProperty("not_null") List<String> notNull,
      @JsonProperty("accepted_values") Map<String, List<String>> acceptedValues,
      @JsonProperty("focus_columns") Boolean focusColumns,
      @JsonProperty("columns_from") String columnsFrom,
      @JsonProperty("columns") Map<String, ColumnDoc> columns) {

    ModelSpec {
      uniqueKey = uniqueKey == null ? List.of() : List.copyOf(uniqueKey);
      notNull = notNull == null ? List.of() : List.copyOf(notNull);
      acceptedValues =
          acceptedValues == null
              ? Map.of()
              : Collections.unmodifiableMap(new LinkedHashMap<>(acceptedValues));
      focusColumns = focusColumns != null && focusColumns;
      columns =
          columns == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }
  }

  /** What a column holds, and its unit when it has one. */
  record ColumnDoc(
      @JsonProperty(value = "description", required = true) String description,
      @JsonProperty("unit") String unit) {

    /** The text of the column's COMMENT. */
    String comment() {
      return unit == null ? description : description + " [" + unit + "]";
    }
  }

  /**
   * A singular test ({@code sql/tests/<name>.sql}) or an input check ({@code sql/checks/}). An
   * input check of {@code severity: warn} reports its messages and lets the build go on; only input
   * checks may warn.
   */
  record TestSpec(
      @JsonProperty(value = "name", required = true) String name,
      @JsonProperty(value = "description", required = true) String description,
      @JsonProperty("severity") String severity) {

    TestSpec {
      severity = severity == null ? "error" : severity;
      if (!severity.equals("error") && !severity.equals("warn")) {
        throw new IllegalArgumentException(
            "models.yaml: " + name + ": severity " + severity + " is not error or warn");
      }
    }

    boolean warns() {
      return severity.equals("warn");
    }
  }
}
