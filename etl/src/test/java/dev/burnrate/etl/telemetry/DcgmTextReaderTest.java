package dev.burnrate.etl.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.testing.PipelineYaml.Source;
import dev.burnrate.etl.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DcgmTextReaderTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 10, 1);
  private static final double EPS = 1e-9;
  private final SparkSession spark = SharedSpark.get();

  @TempDir Path dir;

  private PipelineConfig config(double share) throws Exception {
    return TelemetryFixtures.config(
        dir,
        share,
        List.of(
            Source.of("dcgm", "dcgm", "landing/dcgm/**"),
            Source.of("dcgm-nots", "dcgm", "landing/nots/*.prom")
                .options(Map.of("scrape_interval_seconds", "60", "scrape_time", "modified"))));
  }

  @Test
  void helpLinesTimestampsAndTheEnergyCounter() throws Exception {
    PipelineConfig cfg = config(0.5);
    TelemetryFixtures.land(
        dir, "dcgm/help-type-timestamps-energy-counter.prom", "landing/dcgm/a.prom");

    TelemetryResult r = TelemetryIngest.run(spark, cfg, AS_OF);

    Dataset<Row> lake = TelemetryFixtures.lakeGpu(spark, cfg);
    assertEquals(2, lake.count(), "two GPUs, one hour");
    Row a = TelemetryFixtures.gpu(lake, "GPU-aaaaaaaa-0000-4000-8000-000000000001");
    assertEquals(LocalDateTime.of(2026, 10, 1, 10, 0), a.getAs("hour"));
    assertEquals(4L, (long) a.getAs("sample_count"));
    assertEquals(900.0, a.getAs("sample_interval_s"), EPS);
    assertEquals(1.0, a.getAs("sample_coverage"), EPS, "four 15-minute scrapes cover the hour");
    assertEquals((0.8 + 0.6 + 1.0 + 0.2) / 4, a.getAs("active_ratio"), EPS);
    assertEquals(
        "DCGM_FI_PROF_GR_ENGINE_ACTIVE", a.getAs("active_source"), "PROF wins over GPU_UTIL");
    // counter deltas: 400 W, 500 W and 600 W for 900 s each, in mJ -> kWh
    assertEquals((400 + 500 + 600) * 900 / 3.6e6, a.getAs("energy_kwh"), EPS);
    assertEquals("counter", a.getAs("energy_source"));
    assertEquals(2500.0, a.getAs("memory_used_mib"), EPS);
    assertEquals(4000.0, a.getAs("memory_used_max_mib"), EPS);
    assertEquals("H100", a.getAs("gpu_model"));
    assertEquals("NVIDIA H100 80GB HBM3", a.getAs("gpu_model_name"));
    assertEquals("ip-10-16-4-10", a.getAs("hostname"));
    assertEquals("AWS", a.getAs("provider"), "an AWS host name shape");
    assertEquals(0, (int) a.getAs("xid_events"));

    Row b = TelemetryFixtures.gpu(lake, "GPU-bbbbbbbb-0000-4000-8000-000000000002");
    assertEquals((50 + 50 + 0 + 0) / 4.0 / 100, b.getAs("active_ratio"), EPS);
    assertEquals("GPU_UTIL", b.getAs("active_source"));
    assertEquals(100 * 1.0 / 1000, b.getAs("energy_kwh"), EPS, "no counter: power x covered time");
    assertEquals("power x time", b.getAs("energy_source"));
    assertEquals(1, (int) b.getAs("xid_events"), "XID 79 held for two scrapes is one event");
    assertEquals(79, (int) b.getAs("last_xid"));
    assertEquals(1, (int) b.getAs("gpu_index"));

    assertEquals(4 * 10, r.samples(), "10 samples a scrape");
    assertEquals(0, r.quarantined());
    assertEquals(1, r.days());
  }

  @Test
  void noHelpLinesAndNoTimestampsTakeTheModificationTimeWhenTheSourceSaysSo() throws Exception {
    PipelineConfig cfg = config(0.5);
    Path f = TelemetryFixtures.land(dir, "dcgm/no-help-no-timestamps.prom", "landing/nots/n.prom");
    Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2026-10-01T12:34:56Z")));

    TelemetryResult r = TelemetryIngest.run(spark, cfg, AS_OF);

    Row c =
        TelemetryFixtures.gpu(
            TelemetryFixtures.lakeGpu(spark, cfg), "GPU-cccccccc-0000-4000-8000-000000000003");
    assertEquals(LocalDateTime.of(2026, 10, 1, 12, 0), c.getAs("hour"));
    assertEquals(0.37, c.getAs("active_ratio"), EPS);
    assertEquals(
        60 / 3600.0, c.getAs("sample_coverage"), EPS, "one scrape of the configured interval");
    assertEquals("L4", c.getAs("gpu_model"));
    assertEquals(
        "i-0123456789abcdef0", c.getAs("instance_id"), "a Hostname that is an instance id");
    assertEquals("AWS", c.getAs("provider"));
    assertEquals(1, r.ignored(), "DCGM_FI_DEV_SM_CLOCK is not used");
    assertEquals(3, r.samples());
  }

  @Test
  void mixedExportersKubernetesLabelsMigAndMalformedLines() throws Exception {
    PipelineConfig cfg = config(0.5);
    Path f =
        TelemetryFixtures.land(
            dir, "dcgm/mixed-exporters-k8s-mig-malformed.prom", "landing/dcgm/mixed.prom");

    TelemetryResult r = TelemetryIngest.run(spark, cfg, AS_OF);

    Dataset<Row> lake = TelemetryFixtures.lakeGpu(spark, cfg);
    assertEquals(3, lake.count());
    Row d = TelemetryFixtures.gpu(lake, "GPU-dddddddd-0000-4000-8000-000000000004");
    assertEquals("research", d.getAs("k8s_namespace"));
    assertEquals("llm-pretrain-worker-0", d.getAs("k8s_pod"));
    assertEquals("H200", d.getAs("gpu_model"));
    assertNull(d.getAs("provider"), "no option, no label, no AWS host name");
    Row e = TelemetryFixtures.gpu(lake, "GPU-eeeeeeee-0000-4000-8000-000000000005");
    assertEquals("inference", e.getAs("k8s_namespace"), "exported_namespace after a federation");
    assertEquals("serve-1", e.getAs("k8s_pod"));
    assertEquals("CoreWeave", e.getAs("provider"), "from the provider label");
    Row mig = TelemetryFixtures.gpu(lake, "GPU-ffffffff-0000-4000-8000-000000000006");
    assertTrue((boolean) mig.getAs("mig_enabled"));
    assertEquals((0.7 * 3 + 0.35 * 4) / 7, mig.getAs("active_ratio"), EPS, "3g and 4g slices of 7");
    assertEquals(30000.0, mig.getAs("memory_used_mib"), EPS, "instances' memory adds up");

    assertEquals(6, r.samples());
    assertEquals(
        4,
        r.ignored(),
        "node_cpu_seconds_total, process_open_fds, DCGM_FI_DEV_SM_CLOCK, GPU_UTIL without UUID");
    assertEquals(1, r.ignoredNoGpu(), "line 14: GPU_UTIL of gpu 3 without a UUID label");
    assertEquals(2, r.quarantined());
    List<Row> q = TelemetryFixtures.quarantine(spark, cfg).orderBy("x_SourceLine").collectAsList();
    assertEquals(2, q.size());
    assertEquals(f.toString(), q.get(0).getAs("x_SourceFile"));
    assertEquals(8L, (long) q.get(0).getAs("x_SourceLine"));
    assertEquals("this line is not a sample", q.get(0).getAs("raw"));
    assertEquals(9L, (long) q.get(1).getAs("x_SourceLine"), "value abc");

    JsonNode m = new ObjectMapper().readTree(r.manifest().toFile());
    JsonNode in = m.get("inputs").get(0);
    assertEquals(12, in.get("rows_in").asLong(), "comments aside");
    assertEquals(1, in.get("rows_ignored_no_gpu").asLong());
    assertEquals(
        in.get("rows_in").asLong(),
        in.get("rows_written").asLong()
            + in.get("rows_quarantined").asLong()
            + in.get("rows_ignored").asLong(),
        "every line accounted for");
  }

  @Test
  void tooManyMalformedLinesFailTheRunNamingFileAndLine() throws Exception {
    PipelineConfig cfg = config(0.01);
    TelemetryFixtures.land(
        dir, "dcgm/mixed-exporters-k8s-mig-malformed.prom", "landing/dcgm/mixed.prom");

    BurnrateException e =
        assertThrows(BurnrateException.class, () -> TelemetryIngest.run(spark, cfg, AS_OF));

    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(e.getMessage().contains("mixed.prom: 2 of 12 lines quarantined"), e.getMessage());
    assertTrue(e.getMessage().contains("line 8, column line"), e.getMessage());
    assertFalse(Files.exists(cfg.layout().lakeGpu()), "nothing published");
  }

  /**
   * A gzip-compressed scrape cut short (a copy interrupted): the run stops with an input error
   * naming the file, as the billing ingest does, not with Spark's read failure.
   */
  @Test
  void aTruncatedGzipScrapeIsAnInputErrorNamingTheFile() throws Exception {
    PipelineConfig cfg = config(0.5);
    Path prom =
        TelemetryFixtures.land(dir, "dcgm/help-type-timestamps-energy-counter.prom", "tmp/a.prom");
    Path gz = Files.createDirectories(dir.resolve("landing/dcgm")).resolve("a.prom.gz");
    try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(prom, out);
    }
    byte[] whole = Files.readAllBytes(gz);
    Files.write(gz, java.util.Arrays.copyOf(whole, whole.length * 2 / 3));

    BurnrateException e =
        assertThrows(BurnrateException.class, () -> TelemetryIngest.run(spark, cfg, AS_OF));

    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(
        e.getMessage().startsWith(gz + ": cannot read: the compressed file is truncated ("),
        e.getMessage());
    assertFalse(Files.exists(cfg.layout().lakeGpu()), "nothing published");
  }

  @Test
  void anUnchangedFileIsSkippedAndARedeliveredDayReplacesTheEarlierOne() throws Exception {
    PipelineConfig cfg = config(0.5);
    Path f =
        TelemetryFixtures.land(
            dir, "dcgm/help-type-timestamps-energy-counter.prom", "landing/dcgm/a.prom");
    TelemetryIngest.run(spark, cfg, AS_OF);

    TelemetryResult same = TelemetryIngest.run(spark, cfg, AS_OF);
    Files.writeString(f, "# re-delivered\n", java.nio.file.StandardOpenOption.APPEND);
    TelemetryResult again = TelemetryIngest.run(spark, cfg, AS_OF);

    assertEquals(0, same.days(), "same files, same content: nothing to redo");
    JsonNode unchanged = new ObjectMapper().readTree(same.manifest().toFile());
    assertEquals("unchanged", unchanged.get("inputs").get(0).get("detected").asText());
    assertEquals(2, TelemetryFixtures.lakeGpu(spark, cfg).count(), "replaced, not appended");
    JsonNode m = new ObjectMapper().readTree(again.manifest().toFile());
    assertEquals("replaced", m.get("gpu_units").get(0).get("action").asText());
    assertEquals("2026-10-01", m.get("gpu_units").get(0).get("day").asText());
    List<String> keys = new ArrayList<>();
    m.fieldNames().forEachRemaining(keys::add);
    assertEquals(
        List.of(
            "run_id",
            "started_at",
            "finished_at",
            "as_of",
            "status",
            "error",
            "kind",
            "inputs",
            "gpu_units"),
        keys,
        "the billing run record's keys, then the telemetry ones");
    assertEquals(again.runId(), m.get("run_id").asText());
    assertEquals("telemetry", m.get("kind").asText());
  }

  @Test
  void samplesWithoutAGpuIdentityAreIgnoredAndCountedNotQuarantined() throws Exception {
    PipelineConfig cfg = config(0.0); // no quarantine at all allowed: the run must not count them
    TelemetryFixtures.land(
        dir, "dcgm/host-level-lines-without-uuid.prom", "landing/dcgm/host-level.prom");

    TelemetryResult r = TelemetryIngest.run(spark, cfg, AS_OF);

    assertEquals(0, r.quarantined());
    assertEquals(6, r.samples(), "three metrics of two GPUs");
    assertEquals(
        4, r.ignoredNoGpu(), "node power sum, GPU_UTIL of gpu 2, bare GPU_UTIL, FB_USED UUID=\"\"");
    assertEquals(5, r.ignored(), "those four and node_load1");
    Dataset<Row> lake = TelemetryFixtures.lakeGpu(spark, cfg);
    assertEquals(2, lake.count(), "the two GPUs with a UUID, one hour");
    Row g0 = TelemetryFixtures.gpu(lake, "GPU-a0a0a0a0-0000-4000-8000-000000000010");
    assertEquals(0.8, g0.getAs("active_ratio"), EPS, "GPU 2's 55 % and the bare 50 % stay out");
    assertEquals(400.0, g0.getAs("power_avg_w"), EPS, "the node's 600 W stays out");
    assertEquals(1000.0, g0.getAs("memory_used_mib"), EPS);
    Row g1 = TelemetryFixtures.gpu(lake, "GPU-a1a1a1a1-0000-4000-8000-000000000011");
    assertEquals(0.2, g1.getAs("active_ratio"), EPS);
    assertEquals(3000.0, g1.getAs("memory_used_mib"), EPS);

    JsonNode in = new ObjectMapper().readTree(r.manifest().toFile()).get("inputs").get(0);
    assertEquals(11, in.get("rows_in").asLong());
    assertEquals(6, in.get("rows_written").asLong());
    assertEquals(0, in.get("rows_quarantined").asLong());
    assertEquals(5, in.get("rows_ignored").asLong());
    assertEquals(4, in.get("rows_ignored_no_gpu").asLong());
  }

  @Test
  void aGpuWithOnlyMemoryAndPowerIsRolledUpWithAnUnknownActiveRatio() throws Exception {
    PipelineConfig cfg = config(0.0);
    TelemetryFixtures.land(dir, "dcgm/memory-and-power-only.prom", "landing/dcgm/mem-power.prom");

    TelemetryIngest.run(spark, cfg, AS_OF);

    Dataset<Row> lake = TelemetryFixtures.lakeGpu(spark, cfg);
    Row quiet = TelemetryFixtures.gpu(lake, "GPU-b0b0b0b0-0000-4000-8000-000000000020");
    assertEquals(LocalDateTime.of(2026, 10, 1, 10, 0), quiet.getAs("hour"));
    assertNull(quiet.getAs("active_ratio"), "no activity metric: unknown, not idle");
    assertNull(quiet.getAs("active_source"));
    assertEquals(2L, (long) quiet.getAs("sample_count"));
    assertEquals(1.0, quiet.getAs("sample_coverage"), EPS, "two scrapes 30 minutes apart");
    assertEquals(2000.0, quiet.getAs("memory_used_mib"), EPS);
    assertEquals(3000.0, quiet.getAs("memory_used_max_mib"), EPS);
    assertEquals(400.0, quiet.getAs("power_avg_w"), EPS);
    assertEquals(400 * 1.0 / 1000, quiet.getAs("energy_kwh"), EPS, "mean power x covered hour");
    assertEquals("H200", quiet.getAs("gpu_model"));
    assertEquals("gpu-node-8", quiet.getAs("hostname"));
    Row idle = TelemetryFixtures.gpu(lake, "GPU-b1b1b1b1-0000-4000-8000-000000000021");
    assertEquals(0.0, idle.getAs("active_ratio"), EPS, "GPU_UTIL 0: known to be idle");
    assertEquals("GPU_UTIL", idle.getAs("active_source"));
  }
}
