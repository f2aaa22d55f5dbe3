package dev.burnrate.etl.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.testing.PipelineYaml.Source;
import dev.burnrate.etl.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Samples without a timestamp: dated by the file name, by the scrape_time option, or exit 3. */
class ScrapeTimeTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);
  private static final String UNDATED = "dcgm/no-help-no-timestamps.prom";
  private static final String L4 = "GPU-cccccccc-0000-4000-8000-000000000003";
  private final SparkSession spark = SharedSpark.get();

  @TempDir Path dir;

  private static long ms(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  private static Long fromName(String path) {
    return UndatedSamples.fromFileName(path, ZoneOffset.UTC).epochMs();
  }

  @Test
  void eachDocumentedFileNamePatternGivesItsTime() {
    long t = ms("2026-11-30T14:00:00Z");
    assertEquals(t, fromName("/landing/dcgm/dcgm-node7-20261130T1400Z.prom"), "ISO basic");
    assertEquals(t, fromName("/l/scrape_2026-11-30T14:00:00Z.prom"), "ISO extended");
    assertEquals(t, fromName("/l/node7-20261130-140000.prom"), "strftime %Y%m%d-%H%M%S");
    assertEquals(t, fromName("/l/node7_2026-11-30_14-00-00.prom"), "colons as dashes");
    assertEquals(ms("2026-11-30T14:05:09Z"), fromName("/l/n-2026-11-30T14:05:09.prom"));
  }

  @Test
  void aZonelessTimeIsReadInTheSourcesTimezoneAndZIsUtc() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    assertEquals(
        ms("2026-11-30T13:00:00Z"),
        UndatedSamples.fromFileName("/l/n-20261130-140000.prom", berlin).epochMs(),
        "14:00 in Berlin (UTC+1 in November)");
    assertEquals(
        ms("2026-11-30T14:00:00Z"),
        UndatedSamples.fromFileName("/l/n-20261130T1400Z.prom", berlin).epochMs());
  }

  @Test
  void aNameWithoutATimeOrWithTwoOrWithAnImpossibleOneGivesNone() {
    UndatedSamples.FromName day =
        UndatedSamples.fromFileName("/l/gpu-node-03-2026-10-01.prom", ZoneOffset.UTC);
    assertNull(day.epochMs(), "a day is not a scrape time");
    assertEquals("its name holds no scrape time", day.problem());
    assertNull(fromName("/2026-11-30T14:00:00Z/plain.prom"), "only the file's own name counts");
    assertNull(fromName("/l/host1220261130T1400Z.prom"), "digits run on: not a time");
    UndatedSamples.FromName two =
        UndatedSamples.fromFileName("/l/n-20261130T1400Z-20261130T1500Z.prom", ZoneOffset.UTC);
    assertNull(two.epochMs());
    assertTrue(two.problem().contains("several times"), two.problem());
    assertEquals(
        ms("2026-11-30T14:00:00Z"),
        fromName("/l/n-20261130T1400Z-copy-20261130T1400Z.prom"),
        "the same time twice is one time");
    UndatedSamples.FromName bad =
        UndatedSamples.fromFileName("/l/n-20261330T1400Z.prom", ZoneOffset.UTC);
    assertNull(bad.epochMs());
    assertTrue(bad.problem().contains("'20261330T1400Z', which is not a time"), bad.problem());
  }

  private PipelineConfig config(Map<String, String> options) throws Exception {
    return TelemetryFixtures.config(
        dir, 0.0, List.of(Source.of("dcgm", "dcgm", "landing/dcgm/*.prom").options(options)));
  }

  @Test
  void anUndatedScrapeIsDatedByItsFileNameAndATimestampedOneKeepsItsOwnTimes() throws Exception {
    PipelineConfig cfg = config(Map.of());
    TelemetryFixtures.land(dir, UNDATED, "landing/dcgm/dcgm-node7-20261130T1400Z.prom");
    TelemetryFixtures.land(
        dir,
        "dcgm/help-type-timestamps-energy-counter.prom",
        "landing/dcgm/dcgm-node1-20261130T0900Z.prom");

    TelemetryIngest.run(spark, cfg, AS_OF);

    Dataset<Row> lake = TelemetryFixtures.lakeGpu(spark, cfg);
    Row undated = TelemetryFixtures.gpu(lake, L4);
    assertEquals(LocalDateTime.of(2026, 11, 30, 14, 0), undated.getAs("hour"));
    assertEquals(LocalDateTime.of(2026, 11, 30, 14, 0), undated.getAs("first_sample_at"));
    Row stamped = TelemetryFixtures.gpu(lake, "GPU-aaaaaaaa-0000-4000-8000-000000000001");
    assertEquals(
        LocalDateTime.of(2026, 10, 1, 10, 0),
        stamped.getAs("hour"),
        "the samples' own timestamps, not the name's 09:00");
  }

  @Test
  void theOptionDatesAnUndatedScrapeWhoseNameHoldsNoTime() throws Exception {
    PipelineConfig cfg = config(Map.of("scrape_time", "2026-11-30T15:20:00Z"));
    TelemetryFixtures.land(dir, UNDATED, "landing/dcgm/node7.prom");

    TelemetryResult r = TelemetryIngest.run(spark, cfg, AS_OF);

    Row g = TelemetryFixtures.gpu(TelemetryFixtures.lakeGpu(spark, cfg), L4);
    assertEquals(LocalDateTime.of(2026, 11, 30, 15, 0), g.getAs("hour"));
    assertEquals(LocalDateTime.of(2026, 11, 30, 15, 20), g.getAs("first_sample_at"));
    assertEquals(3, r.samples());
  }

  @Test
  void anUndatedScrapeWithoutATimeInItsNameAndNoOptionFailsNamingFileAndOption() throws Exception {
    PipelineConfig cfg = config(Map.of());
    Path f = TelemetryFixtures.land(dir, UNDATED, "landing/dcgm/node7.prom");

    BurnrateException e =
        assertThrows(BurnrateException.class, () -> TelemetryIngest.run(spark, cfg, AS_OF));

    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(e.getMessage().startsWith(f + ": 3 sample(s) without a timestamp"), e.getMessage());
    assertTrue(e.getMessage().contains("its name holds no scrape time"), e.getMessage());
    assertTrue(e.getMessage().contains("scrape_time: modified"), e.getMessage());
    assertFalse(Files.exists(cfg.layout().lakeGpu()), "nothing published");
  }
}
