package dev.burnrate.warehouse;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import dev.burnrate.warehouse.ModelsFile.ColumnDoc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the models in order, drops the build-only relations afterwards and writes the column
 * comments.
 */
final class ModelRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ModelRunner.class);

  private ModelRunner() {}

  /** Creates every model; returns how many. */
  static int build(Connection c, ModelCatalog catalog, Map<String, String> placeholders) {
    for (Model model : catalog.models()) {
      long start = System.nanoTime();
      try (Statement s = c.createStatement()) {
        s.execute(model.createStatement(placeholders));
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (model.isMaterialized()) {
          long rows = Sql.count(c, "select count(*) from " + Sql.ident(model.name()));
          LOG.info(
              "model {} ({} table): {} rows, {} ms",
              model.name(),
              model.layer().folder(),
              rows,
              ms);
        } else {
          LOG.info("model {} ({} view): {} ms", model.name(), model.layer().folder(), ms);
        }
      } catch (SQLException e) {
        throw failure(model, e);
      }
    }
    return catalog.models().size();
  }

  /**
   * Creates one model and the models it reads, directly or not, in build order (as views or tables,
   * as their layers say); nothing else is built.
   */
  static void buildWithDependencies(
      Connection c, ModelCatalog catalog, String target, Map<String, String> placeholders) {
    Set<String> needed = new HashSet<>();
    collect(catalog, target, needed);
    for (Model model : catalog.models()) {
      if (!needed.contains(model.name())) {
        continue;
      }
      try (Statement s = c.createStatement()) {
        s.execute(model.createStatement(placeholders));
      } catch (SQLException e) {
        throw failure(model, e);
      }
    }
  }

  private static void collect(ModelCatalog catalog, String name, Set<String> into) {
    if (into.add(name)) {
      Model model =
          catalog
              .model(name)
              .orElseThrow(() -> new IllegalStateException("no model named " + name));
      model.dependencies().forEach(dep -> collect(catalog, dep, into));
    }
  }

  /**
   * A model that cannot be built. The models are typed and tested, so an error reading or
   * converting data (an unreadable Parquet file, a manifest amount that is not a number) is bad
   * input (exit 3); any other error (binder, catalog, parser) is a bug in the models (exit 1), but
   * running out of memory says which settings let the build go on.
   */
  private static BurnrateException failure(Model model, SQLException e) {
    String message = Sql.firstLine(e);
    if (message.startsWith("IO Error")
        || message.startsWith("Conversion Error")
        || message.startsWith("Invalid Input Error")) {
      return new BurnrateException(
          ExitCode.BAD_INPUT, "model " + model.name() + ": bad input: " + message, e);
    }
    return new BurnrateException(
        ExitCode.FAILURE,
        "model " + model.name() + " failed: " + WarehouseBuilder.withMemoryHint(message),
        e);
  }

  /**
   * Drops the build-only relations: the staging and intermediate models, last built first, then the
   * src schema. Views refer to lake paths and src holds the runner's raw inputs; the published
   * warehouse holds the documented marts and reporting tables only, so an analyst's client
   * (burnrate sql, a read-only DuckDB or JDBC client) lists nothing undocumented.
   */
  static void dropBuildOnly(Connection c, ModelCatalog catalog) throws SQLException {
    List<Model> reversed = new ArrayList<>(catalog.models());
    java.util.Collections.reverse(reversed);
    for (Model model : reversed) {
      if (!model.layer().isTable()) {
        Sql.exec(
            c, (model.isMaterialized() ? "drop table " : "drop view ") + Sql.ident(model.name()));
      }
    }
    Sql.exec(c, "drop schema src cascade");
  }

  /** COMMENT ON every table and documented column, from the model declarations and FocusColumns. */
  static void comment(Connection c, ModelCatalog catalog) throws SQLException {
    for (Model model : catalog.models()) {
      if (!model.layer().isTable()) {
        continue;
      }
      String table = Sql.ident(model.name());
      Sql.exec(
          c,
          "comment on table "
              + table
              + " is "
              + Sql.literal(model.spec().description() + " Grain: " + model.spec().grain() + "."));
      Set<String> existing = columns(c, model.name());
      for (Map.Entry<String, ColumnDoc> doc : catalog.columnDocs(model.name()).entrySet()) {
        if (existing.contains(doc.getKey())) {
          Sql.exec(
              c,
              "comment on column "
                  + table
                  + "."
                  + Sql.ident(doc.getKey())
                  + " is "
                  + Sql.literal(doc.getValue().comment()));
        }
      }
    }
  }

  static Set<String> columns(Connection c, String relation) throws SQLException {
    Set<String> names = new HashSet<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select column_name from duckdb_columns() where schema_name = 'main'"
                + " and table_name = ?")) {
      ps.setString(1, relation);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    return names;
  }
}
