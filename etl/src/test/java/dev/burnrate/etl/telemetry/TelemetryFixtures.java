package dev.burnrate.etl.telemetry;

import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.testing.PipelineYaml;
import dev.burnrate.core.testing.PipelineYaml.Source;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** A data folder with a pipeline.yaml of telemetry sources and fixtures copied into landing/. */
final class TelemetryFixtures {
  private TelemetryFixtures() {}

  /** A pipeline.yaml below {@code dir/conf} with data_dir {@code dir} and the given sources. */
  static PipelineConfig config(Path dir, double quarantineShare, List<Source> sources) {
    return PipelineYaml.dataDir("..")
        .reportingCurrency("USD")
        .quarantineMaxShare(quarantineShare)
        .sources(sources)
        .load(dir.resolve("conf"));
  }

  /** Copies fixtures/telemetry/{@code fixture} to {@code dir/target}. */
  static Path land(Path dir, String fixture, String target) throws IOException {
    Path to = dir.resolve(target);
    Files.createDirectories(to.getParent());
    try (InputStream in =
        TelemetryFixtures.class.getResourceAsStream("/fixtures/telemetry/" + fixture)) {
      if (in == null) {
        throw new IllegalStateException("no fixture " + fixture);
      }
      Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
    }
    return to;
  }

  static Dataset<Row> lakeGpu(SparkSession spark, PipelineConfig cfg) {
    return spark
        .read()
        .option("basePath", cfg.layout().lakeGpu().toString())
        .parquet(cfg.layout().lakeGpu().resolve("source=*").resolve("day=*").toString());
  }

  static Row gpu(Dataset<Row> lake, String uuid) {
    List<Row> rows = lake.filter(lake.col("gpu_uuid").equalTo(uuid)).collectAsList();
    if (rows.size() != 1) {
      throw new AssertionError(uuid + ": expected one hourly row, found " + rows.size());
    }
    return rows.get(0);
  }

  static Dataset<Row> quarantine(SparkSession spark, PipelineConfig cfg) {
    return spark
        .read()
        .parquet(cfg.layout().lakeQuarantine().resolve("run=*").resolve("source=*").toString());
  }
}
