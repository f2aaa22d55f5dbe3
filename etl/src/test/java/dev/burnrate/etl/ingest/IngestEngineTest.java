package dev.burnrate.etl.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.testing.PipelineYaml.Source;
import dev.burnrate.etl.SharedSpark;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine around the mappings: auto, overlapping deliveries, tags, rate cards, bad input. */
class IngestEngineTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);
  private final SparkSession spark = SharedSpark.get();

  @TempDir Path dir;

  @Test
  void autoDetectsEachFilesFormatFromItsHeaderAndRecordsIt() throws Exception {
    PipelineConfig cfg =
        IngestFixtures.config(dir, 0.5, Source.of("mixed", "auto", "landing/mixed/**"));
    IngestFixtures.land(dir, "aws-cur/line-item-types.csv", "landing/mixed/cur.csv");
    IngestFixtures.land(dir, "focus/quirks-bom-null-notz.csv", "landing/mixed/focus.csv");

    IngestResult r = IngestJob.run(spark, cfg, AS_OF);

    Map<String, String> detected = new HashMap<>();
    for (JsonNode in : IngestFixtures.manifest(r).get("inputs")) {
      detected.put(
          Path.of(in.get("file").asText()).getFileName().toString(), in.get("detected").asText());
      assertEquals("auto", in.get("format").asText());
    }
    assertEquals(Map.of("cur.csv", "aws-cur", "focus.csv", "focus-1.0"), detected);
    Dataset<Row> lake = spark.read().parquet(cfg.layout().lakeCost().toString());
    assertEquals(14, lake.filter("x_SourceFormat = 'aws-cur'").count());
    assertEquals(3, lake.filter("x_SourceFormat = 'focus'").count());
  }

  @Test
  void anUnknownHeaderIsAnInputErrorNamingTheFile() throws Exception {
    PipelineConfig cfg =
        IngestFixtures.config(dir, 0.5, Source.of("mixed", "auto", "landing/mixed/**"));
    Path file = dir.resolve("landing/mixed/inventory.csv");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "host,rack,owner\ngpu-1,r1,ml\n");

    BurnrateException e =
        assertThrows(BurnrateException.class, () -> IngestJob.run(spark, cfg, AS_OF));

    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(e.getMessage().startsWith(file + ": line 1: unknown format"), e.getMessage());
  }

  @Test
  void theNewestDeliveryOfAUnitWinsAndTheOlderIsCountedAsSuperseded() throws Exception {
    PipelineConfig cfg =
        IngestFixtures.config(dir, 0.0, Source.of("aws-payer", "aws-cur", "landing/cur/**"));
    // the same month delivered twice: two CUR assembly folders holding the same report
    Path older =
        IngestFixtures.land(
            dir,
            "aws-cur/line-item-types.csv",
            "landing/cur/20261001-20261101/assembly-1/cur-1.csv");
    Path newer =
        IngestFixtures.land(
            dir,
            "aws-cur/line-item-types.csv",
            "landing/cur/20261001-20261101/assembly-2/cur-1.csv");
    Files.setLastModifiedTime(older, FileTime.from(Instant.parse("2026-11-02T00:00:00Z")));
    Files.setLastModifiedTime(newer, FileTime.from(Instant.parse("2026-11-03T00:00:00Z")));

    IngestResult r = IngestJob.run(spark, cfg, AS_OF);

    assertEquals(14, r.rowsWritten(), "one copy of the month, not two");
    Dataset<Row> lake = spark.read().parquet(cfg.layout().lakeCost().toString());
    assertEquals(14, lake.filter("x_SourceFile like '%assembly-2%'").count());
    JsonNode m = IngestFixtures.manifest(r);
    long superseded = 0;
    for (JsonNode in : m.get("inputs")) {
      if (in.get("file").asText().contains("assembly-1")) {
        superseded = in.get("rows_superseded").asLong();
        assertEquals(0, in.get("rows_written").asLong());
      }
    }
    assertEquals(14, superseded);
    BigDecimal in = IngestFixtures.manifestSum(m, "cost_in");
    BigDecimal out =
        IngestFixtures.manifestSum(m, "cost_written")
            .add(IngestFixtures.manifestSum(m, "cost_superseded"));
    assertEquals(0, in.compareTo(out));
    assertEquals(
        0,
        IngestFixtures.manifestSum(m, "cost_superseded")
            .compareTo(IngestFixtures.manifestSum(m, "cost_written")));

    // a FOCUS feed told that each file is a whole delivery: a second name for the same month
    // supersedes the first
    PipelineConfig focus =
        IngestFixtures.config(
            dir.resolve("f"),
            0.5,
            Source.of("f", "focus", "landing/f/**").options(Map.of("delivery", "file")));
    Path a =
        IngestFixtures.land(
            dir.resolve("f"), "focus/tags-mixed-case-and-malformed.csv", "landing/f/export.csv");
    Path b =
        IngestFixtures.land(
            dir.resolve("f"),
            "focus/tags-mixed-case-and-malformed.csv",
            "landing/f/export (1).csv");
    Files.setLastModifiedTime(a, FileTime.from(Instant.parse("2026-11-02T00:00:00Z")));
    Files.setLastModifiedTime(b, FileTime.from(Instant.parse("2026-11-03T00:00:00Z")));
    IngestResult rf = IngestJob.run(spark, focus, AS_OF);
    assertEquals(3, rf.rowsWritten());
    assertEquals(1, rf.rowsQuarantined(), "the superseded copy's bad row is not quarantined");
  }

  @Test
  void tagKeysAreLowerCasedAndClearlyMalformedTagsRepairedElseQuarantined() throws Exception {
    PipelineConfig cfg = IngestFixtures.config(dir, 0.5, Source.of("t", "focus", "landing/t/**"));
    IngestFixtures.land(dir, "focus/tags-mixed-case-and-malformed.csv", "landing/t/x.csv");

    IngestJob.run(spark, cfg, AS_OF);

    Map<Long, String> tags = new HashMap<>();
    for (Row row : spark.read().parquet(cfg.layout().lakeCost().toString()).collectAsList()) {
      tags.put(row.getAs("x_SourceLine"), row.getAs("Tags"));
    }
    assertEquals("{\"team\":\"a\"}", tags.get(2L), "keys lower-cased, the first of a clash wins");
    assertEquals("{\"project\":\"x\"}", tags.get(3L), "outer braces added");
    assertEquals("{\"env\":\"prod\"}", tags.get(4L), "single quotes turned into double quotes");
    List<Row> q = spark.read().parquet(cfg.layout().lakeQuarantine().toString()).collectAsList();
    assertEquals(1, q.size());
    assertEquals(5L, (long) q.get(0).getAs("x_SourceLine"));
    assertEquals("Tags", q.get(0).getAs("column_name"));
    assertTrue(
        q.get(0).<String>getAs("reason").contains("'team=research' is not a valid JSON object"));
  }

  @Test
  void usageOnlyRowsArePricedFromTheRateCardValidOnTheirDay() throws Exception {
    PipelineConfig cfg =
        IngestFixtures.config(dir, 0.5, Source.of("coreweave", "focus-usage", "landing/cw/**"));
    IngestFixtures.land(dir, "focus-usage/rate-card.csv", "conf/rate-cards/coreweave.csv");
    IngestFixtures.land(dir, "focus-usage/quantities-without-cost.csv", "landing/cw/usage.csv");

    IngestResult r = IngestJob.run(spark, cfg, AS_OF);

    assertEquals(3, r.rowsWritten());
    Map<Long, Row> rows = new HashMap<>();
    for (Row row : spark.read().parquet(cfg.layout().lakeCost().toString()).collectAsList()) {
      rows.put(row.getAs("x_SourceLine"), row);
    }
    assertPriced(rows.get(2L), "49.24", "492.4");
    assertPriced(rows.get(3L), "45", "450");
    assertPriced(rows.get(4L), "68.8", "206.4");
    List<Row> q = spark.read().parquet(cfg.layout().lakeQuarantine().toString()).collectAsList();
    assertEquals(1, q.size());
    assertEquals(5L, (long) q.get(0).getAs("x_SourceLine"));
    assertTrue(
        q.get(0)
            .<String>getAs("reason")
            .contains("no rate in coreweave.csv for SkuId 'unknown-sku'"),
        q.get(0).<String>getAs("reason"));
    assertEquals(
        "focus-usage-1.2",
        IngestFixtures.manifest(r).get("inputs").get(0).get("detected").asText());
  }

  private static void assertPriced(Row row, String price, String cost) {
    assertEquals(0, new BigDecimal(price).compareTo(row.getAs("ContractedUnitPrice")));
    for (String c : List.of("BilledCost", "EffectiveCost", "ContractedCost")) {
      assertEquals(0, new BigDecimal(cost).compareTo(row.getAs(c)), c);
    }
    assertEquals("USD", row.getAs("BillingCurrency"));
    assertEquals("rate-card", row.getAs("x_PricedFrom"));
  }

  @Test
  void aTruncatedGzipIsAnInputErrorNamingTheFile() throws Exception {
    PipelineConfig cfg =
        IngestFixtures.config(dir, 0.0, Source.of("aws-payer", "aws-cur", "landing/cur/**"));
    Path csv = IngestFixtures.land(dir, "aws-cur/line-item-types.csv", "tmp/cur.csv");
    List<String> lines = Files.readAllLines(csv);
    // a file long enough that its header survives the truncation: Spark meets the cut
    StringBuilder body = new StringBuilder(lines.get(0)).append('\n');
    for (int i = 0; i < 400; i++) {
      for (String line : lines.subList(1, lines.size())) {
        body.append(line.replace("usage", "usage-" + i)).append('\n');
      }
    }
    Path gz = dir.resolve("landing/cur/202610/a/cur-1.csv.gz");
    Files.createDirectories(gz.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    byte[] whole = Files.readAllBytes(gz);
    Files.write(gz, java.util.Arrays.copyOf(whole, whole.length * 2 / 3));

    BurnrateException e =
        assertThrows(BurnrateException.class, () -> IngestJob.run(spark, cfg, AS_OF));

    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(e.getMessage().startsWith(gz + ": cannot read: "), e.getMessage());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    assertTrue(Files.notExists(cfg.layout().lakeCost()), "nothing is published");

    // cut inside the header: the header read meets it
    Files.write(gz, java.util.Arrays.copyOf(whole, 40));
    BurnrateException early =
        assertThrows(BurnrateException.class, () -> IngestJob.run(spark, cfg, AS_OF));
    assertEquals(ExitCode.BAD_INPUT, early.exitCode());
    assertTrue(early.getMessage().startsWith(gz + ": cannot read: "), early.getMessage());
  }

  /**
   * A file named .gz that is not gzip (an export copied uncompressed under the compressed name):
   * Spark fails to read it, and the run stops with an input error naming it as corrupt.
   */
  @Test
  void aGzFileThatIsNotGzipIsAnInputErrorNamingTheFile() throws Exception {
    PipelineConfig cfg =
        IngestFixtures.config(dir, 0.0, Source.of("gcp", "gcp-billing", "landing/gcp/**"));
    Path gz =
        IngestFixtures.land(
            dir,
            "gcp-billing/export-2-repeats-export-1-batch.jsonl",
            "landing/gcp/export-2.jsonl.gz");

    BurnrateException e =
        assertThrows(BurnrateException.class, () -> IngestJob.run(spark, cfg, AS_OF));

    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(
        e.getMessage().startsWith(gz + ": cannot read: the file is corrupt ("), e.getMessage());
    assertTrue(Files.notExists(cfg.layout().lakeCost()), "nothing is published");
  }
}
