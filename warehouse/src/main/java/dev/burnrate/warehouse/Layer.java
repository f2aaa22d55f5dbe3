package dev.burnrate.warehouse;

import java.util.Arrays;
import java.util.Optional;

/**
 * The model layers, bottom up. A model reads only from its own layer or the layers below. Staging
 * models are views; intermediate models are tables built once (a view would be computed again by
 * every model and data test that reads it: the lake scan, the feed pairing and the FX join of
 * int_focus_cost_enriched made each build several times slower), but a model declared {@code
 * materialized: view} in its _models.yaml is a view: one that one other model reads once, where a
 * table would copy every row for nothing; both are dropped before publishing, as is the src schema,
 * so only the marts and the reporting tables reach analysts.
 */
enum Layer {
  /** Rename and cast only, over the src schema and the lake. */
  STAGING("staging", false, false),
  /** Joins and derivations shared by several marts. */
  INTERMEDIATE("intermediate", false, true),
  /** What analysts query. */
  MARTS("marts", true, true),
  /** What the report reads (rpt_). */
  REPORTING("reporting", true, true);

  private final String folder;
  private final boolean table;
  private final boolean materialized;

  Layer(String folder, boolean table, boolean materialized) {
    this.folder = folder;
    this.table = table;
    this.materialized = materialized;
  }

  /** The folder below {@code sql/} that holds the layer's SQL and its {@code _models.yaml}. */
  String folder() {
    return folder;
  }

  /** True when the model is published: a table of the warehouse analysts query. */
  boolean isTable() {
    return table;
  }

  /** True when the build creates the model as a table (published or not), false for a view. */
  boolean isMaterialized() {
    return materialized;
  }

  static Optional<Layer> fromFolder(String folder) {
    return Arrays.stream(values()).filter(l -> l.folder.equals(folder)).findFirst();
  }
}
