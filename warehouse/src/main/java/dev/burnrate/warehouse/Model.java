package dev.burnrate.warehouse;

import dev.burnrate.warehouse.ModelsFile.ModelSpec;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SQL model: a select in {@code sql/<layer>/<name>.sql} that becomes the relation {@code name}.
 *
 * @param name the relation name (the file name)
 * @param layer its layer, which fixes view or table unless the declaration says otherwise
 * @param sql the select as written, with {{placeholders}} the runner fills in
 * @param spec its declaration in {@code sql/<layer>/_models.yaml}
 * @param dependencies the other models it reads
 */
record Model(String name, Layer layer, String sql, ModelSpec spec, Set<String> dependencies) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");

  /** The SQL with every placeholder replaced; an unknown placeholder is a bug. */
  String render(Map<String, String> placeholders) {
    Matcher m = PLACEHOLDER.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = placeholders.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException("model " + name + ": no value for {{" + m.group(1) + "}}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return Sql.stripTrailingSemicolon(out.toString());
  }

  /**
   * True when the build creates the model as a table: as its layer says, but an intermediate model
   * declared {@code materialized: view} is a view.
   */
  boolean isMaterialized() {
    return layer.isMaterialized() && !ModelCatalog.VIEW.equals(spec.materialized());
  }

  /** The statement that creates the relation. */
  String createStatement(Map<String, String> placeholders) {
    String kind = isMaterialized() ? "table" : "view";
    return "create " + kind + " " + Sql.ident(name) + " as\n" + render(placeholders) + "\n";
  }
}
