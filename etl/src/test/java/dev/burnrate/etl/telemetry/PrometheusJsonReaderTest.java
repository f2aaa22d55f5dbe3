package dev.burnrate.etl.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class PrometheusJsonReaderTest {
  private static final double EPS = 1e-9;
  private final SparkSession spark = SharedSpark.get();

  @TempDir Path dir;

  @Test
  void rangeAndInstantQueriesWithABadPointAndAnErrorResponse() throws Exception {
    PipelineConfig cfg =
        TelemetryFixtures.config(
            dir,
            1.0, // the error response is all of its file
            List.of(
                Source.of("prom", "prometheus-json", "landing/prom/*.json")
                    .options(Map.of("provider", "Google Cloud", "bill_match", "ResourceName"))));
    Path range =
        TelemetryFixtures.land(
            dir, "prometheus/range-query-matrix-half-hour.json", "landing/prom/range.json");
    TelemetryFixtures.land(
        dir, "prometheus/instant-query-vector.json", "landing/prom/instant.json");
    Path error =
        TelemetryFixtures.land(dir, "prometheus/error-status.json", "landing/prom/error.json");

    TelemetryResult r = TelemetryIngest.run(spark, cfg, LocalDate.of(2026, 10, 1));

    Dataset<Row> lake = TelemetryFixtures.lakeGpu(spark, cfg);
    Row g = TelemetryFixtures.gpu(lake, "GPU-11111111-0000-4000-8000-000000000007");
    assertEquals(LocalDateTime.of(2026, 10, 1, 10, 0), g.getAs("hour"));
    assertEquals(30L, (long) g.getAs("sample_count"));
    assertEquals(60.0, g.getAs("sample_interval_s"), EPS);
    assertEquals(0.5, g.getAs("sample_coverage"), EPS, "30 one-minute points: half the hour");
    assertEquals(0.5, g.getAs("active_ratio"), EPS);
    assertEquals(300 * 0.5 / 1000, g.getAs("energy_kwh"), EPS, "300 W for half an hour");
    assertEquals("Google Cloud", g.getAs("provider"), "from the source's option");
    assertEquals("ResourceName", g.getAs("bill_match"));
    assertEquals("a3-node-7", g.getAs("hostname"));
    Row v = TelemetryFixtures.gpu(lake, "GPU-22222222-0000-4000-8000-000000000008");
    assertEquals(
        LocalDateTime.of(2026, 10, 1, 11, 0), v.getAs("hour"), "an instant query's vector");
    assertEquals(0.8, v.getAs("active_ratio"), EPS);
    assertEquals("B200", v.getAs("gpu_model"));

    assertEquals(61, r.samples(), "30 + 30 points, one vector sample");
    assertEquals(30, r.ignored(), "the 'up' series");
    assertEquals(2, r.quarantined(), "the point 'abc' and the error response");
    List<Row> q = TelemetryFixtures.quarantine(spark, cfg).orderBy("x_SourceFile").collectAsList();
    assertEquals(error.toString(), q.get(0).getAs("x_SourceFile"));
    assertTrue(
        ((String) q.get(0).getAs("reason")).startsWith("status is 'error'"), q.get(0).toString());
    assertEquals(range.toString(), q.get(1).getAs("x_SourceFile"));
    assertEquals(
        "data.result[0].values[30]: value 'abc' is not a number", q.get(1).getAs("reason"));
    assertNull(q.get(1).getAs("x_SourceLine"), "a JSON point has no line; the reason says where");
  }

  @Test
  void aSeriesWithoutAUuidIsIgnoredAndCountedNotQuarantined() throws Exception {
    PipelineConfig cfg =
        TelemetryFixtures.config(
            dir, 0.0, List.of(Source.of("prom", "prometheus-json", "landing/prom/*.json")));
    TelemetryFixtures.land(dir, "prometheus/series-without-uuid.json", "landing/prom/node.json");

    TelemetryResult r = TelemetryIngest.run(spark, cfg, LocalDate.of(2026, 10, 1));

    assertEquals(0, r.quarantined(), "the node sum's unreadable point is not read either");
    assertEquals(2, r.samples());
    assertEquals(2, r.ignoredNoGpu(), "both points of the per-node series");
    assertEquals(2, r.ignored());
    Row g =
        TelemetryFixtures.gpu(
            TelemetryFixtures.lakeGpu(spark, cfg), "GPU-33333333-0000-4000-8000-000000000009");
    assertEquals(950.0, g.getAs("power_avg_w"), EPS, "the node's 3600 W stays out");
    assertEquals("GB200", g.getAs("gpu_model"));
  }
}
