package dev.burnrate.warehouse;

import java.util.Arrays;
import java.util.Optional;

/**
 * The model layers, bottom up. A model reads only from its own layer or the layers below; views are
 * dropped before publishing, so only tables (and the src schema) reach analysts.
 */
enum Layer {
  /** Rename and cast only, over the src schema and the lake. */
  STAGING("staging", false),
  /** Joins and derivations shared by several marts. */
  INTERMEDIATE("intermediate", false),
  /** What analysts query. */
  MARTS("marts", true),
  /** What the report reads (rpt_). */
  REPORTING("reporting", true);

  private final String folder;
  private final boolean table;

  Layer(String folder, boolean table) {
    this.folder = folder;
    this.table = table;
  }

  /** The folder below {@code sql/} and the name used in models.yaml. */
  String folder() {
    return folder;
  }

  /** True when the model is materialized as a table, false for a view. */
  boolean isTable() {
    return table;
  }

  static Optional<Layer> fromFolder(String folder) {
    return Arrays.stream(values()).filter(l -> l.folder.equals(folder)).findFirst();
  }
}
