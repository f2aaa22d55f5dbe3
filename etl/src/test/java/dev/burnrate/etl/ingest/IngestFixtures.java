package dev.burnrate.etl.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.testing.PipelineYaml;
import dev.burnrate.core.testing.PipelineYaml.Source;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Test helpers: a conf folder with given sources, fixtures copied into landing/. */
public final class IngestFixtures {
  private IngestFixtures() {}

  /** A pipeline.yaml below {@code dir/conf} with data_dir {@code dir} and the given sources. */
  static PipelineConfig config(Path dir, double quarantineShare, Source... sources) {
    return PipelineYaml.dataDir("..")
        .reportingCurrency("USD")
        .quarantineMaxShare(quarantineShare)
        .sources(List.of(sources))
        .load(dir.resolve("conf"));
  }

  /** Copies fixture {@code resource} (below /fixtures/) to {@code dir/target}. */
  static Path land(Path dir, String resource, String target) throws IOException {
    Path to = dir.resolve(target);
    Files.createDirectories(to.getParent());
    try (InputStream in = IngestFixtures.class.getResourceAsStream("/fixtures/" + resource)) {
      if (in == null) {
        throw new IOException("no fixture " + resource);
      }
      Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
    }
    return to;
  }

  static JsonNode manifest(IngestResult r) throws IOException {
    return new ObjectMapper().readTree(r.manifest().toFile());
  }

  /** Sum of a manifest cost field over every input and currency. */
  public static BigDecimal manifestSum(JsonNode manifest, String field) {
    BigDecimal sum = BigDecimal.ZERO;
    for (JsonNode in : manifest.get("inputs")) {
      for (JsonNode c : in.get("cost")) {
        sum = sum.add(new BigDecimal(c.get(field).asText()));
      }
    }
    return sum;
  }

  /** The quarantined rows, ordered by source line. */
  static List<Row> quarantine(SparkSession spark, PipelineConfig cfg) {
    return spark
        .read()
        .parquet(cfg.layout().lakeQuarantine().toString())
        .orderBy("x_SourceLine")
        .collectAsList();
  }

  /** Input {@code input}'s cost entry of the manifest for one currency. */
  static JsonNode cost(IngestResult r, int input, String currency) throws IOException {
    JsonNode in = manifest(r).get("inputs").get(input);
    for (JsonNode c : in.get("cost")) {
      if (c.get("currency").asText().equals(currency)) {
        return c;
      }
    }
    throw new AssertionError("no " + currency + " in " + in);
  }

  /** A manifest cost field as a decimal. */
  static BigDecimal dec(JsonNode cost, String field) {
    return new BigDecimal(cost.get(field).asText());
  }

  /**
   * A golden-row cell: decimals without trailing zeros ("0" for zero), an empty commitment or
   * charge-class column as "", anything else as its text.
   */
  static String cell(Object v, String column) {
    if (v instanceof BigDecimal d) {
      return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
    if (v == null && (column.startsWith("Commitment") || column.equals("ChargeClass"))) {
      return "";
    }
    return String.valueOf(v);
  }
}
