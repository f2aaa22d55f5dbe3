package dev.burnrate.etl.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.testing.PipelineYaml.Source;
import dev.burnrate.etl.SharedSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NvidiaSmiCsvReaderTest {
  private static final double EPS = 1e-9;
  private final SparkSession spark = SharedSpark.get();

  @TempDir Path dir;

  @Test
  void unitsNotAvailableMigRepeatedHeaderShortLineAndLocalTime() throws Exception {
    PipelineConfig cfg =
        TelemetryFixtures.config(
            dir,
            0.5,
            List.of(
                Source.of("smi", "nvidia-smi", "landing/smi/**")
                    .options(Map.of("provider", "Oracle", "timezone", "Europe/Berlin"))));
    Path log =
        TelemetryFixtures.land(
            dir, "nvidia-smi/gpu-node-03-2026-10-01.csv", "landing/smi/gpu-node-03-2026-10-01.csv");
    TelemetryFixtures.land(
        dir, "nvidia-smi/gpu-node-03-compute-apps.csv", "landing/smi/gpu-node-03-compute-apps.csv");

    TelemetryResult r = TelemetryIngest.run(spark, cfg, LocalDate.of(2026, 10, 1));

    Dataset<Row> lake = TelemetryFixtures.lakeGpu(spark, cfg);
    assertEquals(2, lake.count());
    Row h = TelemetryFixtures.gpu(lake, "GPU-33333333-0000-4000-8000-000000000009");
    assertEquals(
        LocalDateTime.of(2026, 10, 1, 10, 0),
        h.getAs("hour"),
        "12:00 in Berlin (CEST) is 10:00 UTC");
    assertEquals(3L, (long) h.getAs("sample_count"));
    assertEquals(1.0, h.getAs("sample_coverage"), EPS, "three 20-minute samples");
    assertEquals((90 + 60 + 30) / 3.0 / 100, h.getAs("active_ratio"), EPS, "'90 %' read as 90");
    assertEquals(81000.0, h.getAs("memory_used_mib"), EPS, "'81000 MiB' read as 81000");
    assertEquals(400.0, h.getAs("power_avg_w"), EPS, "'650.00 W' read as 650");
    assertEquals(400 * 1.0 / 1000, h.getAs("energy_kwh"), EPS);
    assertEquals("gpu-node-03", h.getAs("hostname"), "from the file name");
    assertEquals("Oracle", h.getAs("provider"));
    assertEquals("H100", h.getAs("gpu_model"));
    Row mig = TelemetryFixtures.gpu(lake, "GPU-44444444-0000-4000-8000-00000000000a");
    assertTrue((boolean) mig.getAs("mig_enabled"));
    assertNull(mig.getAs("active_ratio"), "[N/A]: a MIG GPU has no utilization; unknown, not idle");
    assertEquals(20000.0, mig.getAs("memory_used_mib"), EPS);

    assertEquals(6, r.samples());
    assertEquals(1, r.quarantined());
    Row q = TelemetryFixtures.quarantine(spark, cfg).first();
    assertEquals(log.toString(), q.getAs("x_SourceFile"));
    assertEquals(
        9L, (long) q.getAs("x_SourceLine"), "header, 4 lines, header again, 2 lines, short");
    assertEquals("expected 10 fields as in the header, found 3", q.getAs("reason"));

    JsonNode inputs = new ObjectMapper().readTree(r.manifest().toFile()).get("inputs");
    assertEquals(2, inputs.size());
    assertTrue(inputs.get(1).get("detected").asText().contains("skipped"), inputs.toString());
    assertEquals(0, inputs.get(1).get("rows_written").asLong());
    assertEquals(7, inputs.get(0).get("rows_in").asLong(), "headers aside");
  }
}
