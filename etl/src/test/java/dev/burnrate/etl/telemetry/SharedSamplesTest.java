package dev.burnrate.etl.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.testing.PipelineYaml.Source;
import dev.burnrate.etl.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every telemetry file published in ../shared/samples ingests without error, with the right GPUs.
 * Skipped where that folder is absent (a user's clone). The nvidia-smi captures mask every UUID to
 * zeros, so the H100 and the L40S captures are two sources (one GPU each).
 */
class SharedSamplesTest {
  private static final Path SAMPLES = Path.of("/work/shared/samples");
  private static final String SCRAPED = "2026-07-14T12:00:00Z";
  private final SparkSession spark = SharedSpark.get();

  @TempDir Path dir;

  @Test
  void everySampleTelemetryFileIngests() throws Exception {
    assumeTrue(Files.isDirectory(SAMPLES), "no " + SAMPLES);
    Path dcgm = SAMPLES.resolve("dcgm-exporter-scrapes-k8s-ai-conformance");
    Path smi = SAMPLES.resolve("nvidia-gpu-exporter-captures/extracted-csv");
    String host = "__(nvidia-[a-z0-9-]+)__";
    PipelineConfig cfg =
        TelemetryFixtures.config(
            dir,
            0.0,
            List.of(
                // the scrapes carry no timestamps and their names no time
                Source.of("dcgm", "dcgm", dcgm + "/*.prom").options(Map.of("scrape_time", SCRAPED)),
                Source.of("smi-h100", "nvidia-smi", smi + "/*h100*.csv")
                    .options(Map.of("host_pattern", host)),
                Source.of("smi-l40s", "nvidia-smi", smi + "/*l40s*.csv")
                    .options(Map.of("host_pattern", host))));

    TelemetryResult r = TelemetryIngest.run(spark, cfg, LocalDate.of(2026, 7, 14));

    assertEquals(0, r.quarantined());
    assertEquals(0, r.ignoredNoGpu(), "every DCGM line names its GPU's UUID");
    assertEquals(2 + 8, r.files(), "two scrapes, four query-gpu and four compute-apps CSVs");
    Dataset<Row> lake = TelemetryFixtures.lakeGpu(spark, cfg);
    Map<String, String> modelBySource = new TreeMap<>();
    for (Row row : lake.groupBy("x_SourceName", "gpu_uuid", "gpu_model").count().collectAsList()) {
      modelBySource.merge(row.getString(0), row.getString(2), (a, b) -> a + "," + b);
    }
    assertEquals(
        Map.of("dcgm", "L4,L40S", "smi-h100", "H100", "smi-l40s", "L40S"), sorted(modelBySource));
    Row l4 = lake.filter("gpu_uuid = 'GPU-c2f76b33-7953-256e-8f33-1343419b1a1c'").first();
    assertEquals("i-030791dc5a37cd257", l4.getAs("instance_id"));
    assertEquals("AWS", l4.getAs("provider"));
    assertEquals(
        java.time.LocalDateTime.of(2026, 7, 14, 12, 0), l4.getAs("hour"), "the scrape_time option");
    Row h100 = lake.filter("x_SourceName = 'smi-h100'").first();
    assertEquals("nvidia-h100-80gb-hbm3", h100.getAs("hostname"));
    assertEquals(2L, (long) h100.getAs("sample_count"), "the idle and the load capture");
    assertEquals(0.5, h100.getAs("active_ratio"), 1e-9, "0 % idle, 100 % under load");
  }

  private static Map<String, String> sorted(Map<String, String> m) {
    Map<String, String> out = new TreeMap<>();
    m.forEach(
        (k, v) -> out.put(k, String.join(",", new java.util.TreeSet<>(List.of(v.split(","))))));
    return out;
  }
}
