package dev.burnrate.etl.telemetry;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.demo.Generator;
import dev.burnrate.demo.Totals;
import dev.burnrate.etl.SharedSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's telemetry, in all three formats, ingests cleanly: every host with its GPUs, the
 * one host on no bill included (the warehouse matches hosts to the bill: GpuCoverageByProviderTest
 * and the demo).
 */
class GeneratedTelemetryTest {
  private final SparkSession spark = SharedSpark.get();

  @TempDir Path dir;

  @Test
  void everyFormatShowsTheBilledHostsWithTheirGpus() throws Exception {
    LocalDate end = LocalDate.of(2026, 10, 2);
    Totals totals = Generator.generate(new Generator.Options(dir, 1, 42, end, 2, 1).focusOnly());
    PipelineConfig cfg = PipelineConfig.load(dir.resolve("conf"));

    TelemetryResult r = TelemetryIngest.run(spark, cfg, end);

    assertEquals(0, r.quarantined());
    Dataset<Row> lake = TelemetryFixtures.lakeGpu(spark, cfg);
    List<Row> perSource =
        lake.groupBy("x_SourceName", "hostname")
            .agg(countDistinct(col("gpu_uuid")).as("gpus"))
            .collectAsList();
    Set<String> sources = new HashSet<>();
    Set<String> dcgmHosts = new HashSet<>();
    for (Row row : perSource) {
      sources.add(row.getString(0));
      if (row.getString(0).equals("gpu-dcgm")) {
        dcgmHosts.add(row.getString(1));
      }
      // Oracle's BM.GPU.GB200.4 hosts have 4 GPUs, every other host 8
      long gpus = row.getString(1).startsWith("gpu-gb200-") ? 4L : 8L;
      assertEquals(gpus, row.getLong(2), row + ": a " + gpus + "-GPU instance");
    }
    assertEquals(Set.of("gpu-dcgm", "gpu-prometheus", "gpu-nvidia-smi"), sources);
    // the same GPU reports the same UUID in every format
    long uuids = lake.select("gpu_uuid").distinct().count();
    long dcgmUuids = lake.filter("x_SourceName = 'gpu-dcgm'").select("gpu_uuid").distinct().count();
    assertEquals(dcgmUuids, uuids, "the Prometheus and nvidia-smi GPUs are DCGM's GPUs");
    assertEquals(40, dcgmHosts.size(), "39 billed hosts that send telemetry and one on no bill");
    assertTrue(dcgmHosts.containsAll(totals.gpu().unbilledHosts()), dcgmHosts.toString());
    assertEquals(
        24 * (36 * 8 + 4 * 4L),
        lake.filter("x_SourceName = 'gpu-dcgm'").count(),
        "40 hosts (4 of them 4-GPU), 24 h");
  }
}
