package dev.burnrate.warehouse;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.PipelineConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The two GPU catalogs the warehouse reads billed GPU-hours with, loaded into the {@code src}
 * schema: the GPU instance types (matched on SkuId) and the GPU SKUs billed per GPU (matched on the
 * SKU's description). Each is shipped in the jar under {@code /catalog/} and overridden row by row
 * by a same-named file in the conf folder; a bad row is a config error naming file and line.
 */
final class GpuCatalogs {
  static final String INSTANCES_FILE = "gpu-instances.csv";
  static final String INSTANCES_HEADER = "instance_type,provider,gpu_model,gpu_count,billed_per";

  /** The header before billed_per existed: its rows keep the shipped row's billed_per. */
  static final String INSTANCES_HEADER_V1 = "instance_type,provider,gpu_model,gpu_count";

  static final String SKUS_FILE = "gpu-skus.csv";
  static final String SKUS_HEADER = "provider,gpu_model,sku_like";

  private static final Set<String> BILLED_PER = Set.of("instance", "gpu", "gpu_sku");

  private GpuCatalogs() {}

  static void load(Connection c, PipelineConfig cfg) throws SQLException {
    loadInstances(c, cfg.confDir());
    loadSkus(c, cfg.confDir());
  }

  /** src.gpu_instance_catalog: the shipped rows, conf/gpu-instances.csv replacing same types. */
  private static void loadInstances(Connection c, Path confDir) throws SQLException {
    Map<String, String[]> rows = new LinkedHashMap<>();
    for (Source s : sources(confDir, INSTANCES_FILE)) {
      readInstances(s, rows);
    }
    Sql.exec(
        c,
        "create table src.gpu_instance_catalog (instance_type varchar, provider varchar,"
            + " gpu_model varchar, gpu_count integer, billed_per varchar)");
    try (PreparedStatement ps =
        c.prepareStatement("insert into src.gpu_instance_catalog values (?, ?, ?, ?, ?)")) {
      for (String[] row : rows.values()) {
        ps.setString(1, row[0]);
        ps.setString(2, row[1]);
        ps.setString(3, row[2]);
        ps.setInt(4, Integer.parseInt(row[3]));
        ps.setString(5, row[4]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void readInstances(Source s, Map<String, String[]> rows) {
    List<String> lines = s.lines();
    String header = lines.isEmpty() ? "" : lines.get(0).strip();
    boolean v1 = INSTANCES_HEADER_V1.equals(header);
    if (!v1 && !INSTANCES_HEADER.equals(header)) {
      throw BurnrateException.config(s.where() + ":1: header must be '" + INSTANCES_HEADER + "'");
    }
    int columns = v1 ? 4 : 5;
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = strip(line.split(",", -1));
      if (f.length != columns
          || f[0].isBlank()
          || f[2].isBlank()
          || !f[3].matches("[1-9][0-9]{0,2}")
          || (!v1 && !BILLED_PER.contains(f[4]))) {
        throw BurnrateException.config(
            s.where()
                + ":"
                + (i + 1)
                + ": expected "
                + (v1 ? INSTANCES_HEADER_V1 : INSTANCES_HEADER)
                + " (gpu_count 1-999, billed_per instance, gpu or gpu_sku)");
      }
      String key = f[0].toLowerCase(Locale.ROOT);
      if (v1) {
        String[] shipped = rows.get(key);
        f = new String[] {f[0], f[1], f[2], f[3], shipped == null ? "instance" : shipped[4]};
      }
      rows.put(key, f);
    }
  }

  /**
   * src.gpu_sku_catalog: the shipped rows, conf/gpu-skus.csv replacing same patterns (SQL LIKE,
   * matched case-insensitively; the first in file order wins).
   */
  private static void loadSkus(Connection c, Path confDir) throws SQLException {
    Map<String, String[]> rows = new LinkedHashMap<>();
    for (Source s : sources(confDir, SKUS_FILE)) {
      readSkus(s, rows);
    }
    Sql.exec(
        c,
        "create table src.gpu_sku_catalog (provider varchar, gpu_model varchar,"
            + " sku_like varchar, pattern_order integer)");
    try (PreparedStatement ps =
        c.prepareStatement("insert into src.gpu_sku_catalog values (?, ?, ?, ?)")) {
      int order = 1;
      for (String[] row : rows.values()) {
        ps.setString(1, row[0]);
        ps.setString(2, row[1]);
        ps.setString(3, row[2]);
        ps.setInt(4, order++);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void readSkus(Source s, Map<String, String[]> rows) {
    List<String> lines = s.lines();
    if (lines.isEmpty() || !SKUS_HEADER.equals(lines.get(0).strip())) {
      throw BurnrateException.config(s.where() + ":1: header must be '" + SKUS_HEADER + "'");
    }
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      // the pattern is the last column and may hold commas
      String[] f = strip(line.split(",", 3));
      String where = s.where() + ":" + (i + 1);
      if (f.length != 3 || f[0].isBlank() || f[1].isBlank() || f[2].isBlank()) {
        throw BurnrateException.config(where + ": expected " + SKUS_HEADER);
      }
      if (f[2].replaceAll("[%_\\s]", "").isEmpty()) {
        throw BurnrateException.config(
            where + ": sku_like '" + f[2] + "' would match every description");
      }
      rows.put(f[2].toLowerCase(Locale.ROOT), f);
    }
  }

  private record Source(String where, String text) {
    List<String> lines() {
      return text.replace("\uFEFF", "").lines().toList();
    }
  }

  /** The shipped catalog, then the conf folder's override when it exists. */
  private static List<Source> sources(Path confDir, String file) {
    String resource = "/catalog/" + file;
    Source shipped;
    try (InputStream in = GpuCatalogs.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the jar");
      }
      shipped = new Source(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path override = confDir.resolve(file);
    if (!Files.isRegularFile(override)) {
      return List.of(shipped);
    }
    try {
      String text = Files.readString(override, StandardCharsets.UTF_8);
      return List.of(shipped, new Source(override.toString(), text));
    } catch (IOException e) {
      throw BurnrateException.config(override + ": cannot read: " + e.getMessage());
    }
  }

  private static String[] strip(String[] fields) {
    for (int j = 0; j < fields.length; j++) {
      fields[j] = fields[j].strip();
    }
    return fields;
  }
}
