package dev.burnrate.warehouse;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sql/<layer>/_models.yaml}: the declarations of one layer's models, which the runner turns
 * into models, data tests and column comments.
 */
record ModelsFile(@JsonProperty(value = "models", required = true) List<ModelSpec> models) {

  ModelsFile {
    models = List.copyOf(models);
  }

  /**
   * One model: its SQL is {@code sql/<layer>/<name>.sql}, beside the file that declares it. {@code
   * materialized: view} builds an intermediate model as a view instead of a table (null: as its
   * layer says).
   */
  record ModelSpec(
      @JsonProperty(value = "name", required = true) String name,
      @JsonProperty(value = "description", required = true) String description,
      @JsonProperty(value = "grain", required = true) String grain,
      @JsonProperty("unique_key") List<String> uniqueKey,
      @JsonProperty("not_null") List<String> notNull,
      @JsonProperty("accepted_values") Map<String, List<String>> acceptedValues,
      @JsonProperty("focus_columns") Boolean focusColumns,
      @JsonProperty("columns_from") String columnsFrom,
      @JsonProperty("columns") Map<String, ColumnDoc> columns,
      @JsonProperty("materialized") String materialized) {

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
}
