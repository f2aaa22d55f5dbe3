package dev.burnrate.etl.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestJobTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 10, 31);
  private final SparkSession spark = SharedSpark.get();
  private final ObjectMapper json = new ObjectMapper();

  @TempDir Path dir;

  private PipelineConfig config(double quarantineShare) {
    return IngestFixtures.config(
        dir, quarantineShare, Source.of("aws-focus", "focus", "landing/aws/**"));
  }

  private Path land(String fixture, String name) throws IOException {
    Path target = dir.resolve("landing/aws/" + name);
    Files.createDirectories(target.getParent());
    try (InputStream in = getClass().getResourceAsStream("/fixtures/focus/" + fixture)) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  @Test
  void quirksAreReadAndBadRowsQuarantinedWithLineAndReason() throws Exception {
    PipelineConfig cfg = config(0.5);
    Path file = land("quirks-bom-null-notz.csv", "2026-10/export.csv");

    IngestResult r = IngestJob.run(spark, cfg, AS_OF);

    assertEquals(2, r.unitsNew(), "one unit per billing account");
    assertEquals(3, r.rowsWritten());
    assertEquals(2, r.rowsQuarantined());
    Dataset<Row> cost = spark.read().parquet(cfg.layout().lakeCost().toString());
    assertEquals(3, cost.count());
    Row first = cost.filter("x_SourceLine = 2").first();
    assertEquals("{\"team\":\"research\"}", first.getAs("Tags"));
    assertNull(first.getAs("ChargeClass"), "the literal NULL is a null");
    assertEquals(java.time.LocalDateTime.of(2026, 10, 5, 0, 0), first.getAs("ChargePeriodStart"));
    assertEquals(new BigDecimal("100.2500000000"), first.getAs("BilledCost"));
    assertEquals("focus", first.getAs("x_SourceFormat"));
    assertEquals(file.toString(), first.getAs("x_SourceFile"));
    assertEquals(
        1L,
        cost.filter("x_SourceLine = 6 and BillingCurrency = 'EUR' and ChargeCategory = 'Tax'")
            .count());

    List<Row> q =
        spark
            .read()
            .parquet(cfg.layout().lakeQuarantine().toString())
            .orderBy("x_SourceLine")
            .collectAsList();
    assertEquals(2, q.size());
    assertEquals(4L, (long) q.get(0).getAs("x_SourceLine"));
    assertEquals("BilledCost", q.get(0).getAs("column_name"));
    assertTrue(q.get(0).<String>getAs("reason").contains("'twelve' is not a valid number"));
    assertTrue(q.get(0).<String>getAs("raw").contains("twelve"));
    assertEquals(5L, (long) q.get(1).getAs("x_SourceLine"));
    // line 5 leaves out its trailing fields: read with nulls, it lacks the required ProviderName
    assertTrue(
        q.get(1).<String>getAs("reason").contains("ProviderName: required value missing"),
        q.get(1).toString());

    JsonNode manifest = json.readTree(r.manifest().toFile());
    List<String> keys = new ArrayList<>();
    manifest.fieldNames().forEachRemaining(keys::add);
    assertEquals(
        List.of(
            "run_id", "started_at", "finished_at", "as_of", "status", "error", "inputs", "units"),
        keys,
        "the run record keys the warehouse reads");
    assertEquals(r.runId(), manifest.get("run_id").asText());
    assertEquals("ok", manifest.get("status").asText());
    JsonNode input = manifest.get("inputs").get(0);
    assertEquals("focus-1.0", input.get("detected").asText());
    assertEquals(5, input.get("rows_in").asInt());
    JsonNode usd = input.get("cost").get(1);
    assertEquals("USD", usd.get("currency").asText());
    BigDecimal in = new BigDecimal(usd.get("cost_in").asText());
    BigDecimal written = new BigDecimal(usd.get("cost_written").asText());
    BigDecimal quarantined = new BigDecimal(usd.get("cost_quarantined").asText());
    assertEquals(0, new BigDecimal("89.75").compareTo(written));
    assertEquals(0, in.compareTo(written.add(quarantined)));
  }

  @Test
  void quarantineOverTheLimitFailsWithFileLineAndReason() throws Exception {
    PipelineConfig cfg = config(0.1);
    land("quirks-bom-null-notz.csv", "2026-10/export.csv");

    BurnrateException e =
        assertThrows(BurnrateException.class, () -> IngestJob.run(spark, cfg, AS_OF));

    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(e.getMessage().contains("export.csv: 2 of 5 rows quarantined"), e.getMessage());
    assertTrue(e.getMessage().contains("line 4: BilledCost: 'twelve'"), e.getMessage());
    assertTrue(Files.notExists(cfg.layout().lakeCost()), "nothing is published");
  }

  @Test
  void sameDeliveryTwiceChangesNothingAndARestatementKeepsTheOldVersion() throws Exception {
    PipelineConfig cfg = config(0.5);
    Path file = land("quirks-bom-null-notz.csv", "2026-10/export.csv");
    IngestJob.run(spark, cfg, AS_OF);
    List<Path> before = lakeFiles(cfg);

    IngestResult again = IngestJob.run(spark, cfg, AS_OF);
    assertEquals(2, again.unitsUnchanged());
    assertEquals(before, lakeFiles(cfg), "the lake is untouched");

    Files.writeString(
        file,
        Files.readString(file).replace("100.25,90.25", "120.25,90.25"),
        java.nio.charset.StandardCharsets.UTF_8);
    IngestResult restated = IngestJob.run(spark, cfg, AS_OF);
    assertEquals(1, restated.unitsReplaced());
    assertEquals(1, restated.unitsUnchanged());
    Dataset<Row> cost = spark.read().parquet(cfg.layout().lakeCost().toString());
    assertEquals(
        0,
        new BigDecimal("109.75")
            .compareTo(
                cost.filter("BillingCurrency = 'USD'")
                    .agg(org.apache.spark.sql.functions.sum("BilledCost"))
                    .first()
                    .getDecimal(0)));
    Dataset<Row> old =
        spark
            .read()
            .parquet(cfg.layout().lakeReplaced().resolve("run=" + restated.runId()).toString());
    assertEquals(
        0,
        new BigDecimal("89.75")
            .compareTo(
                old.agg(org.apache.spark.sql.functions.sum("BilledCost")).first().getDecimal(0)));
  }

  private static List<Path> lakeFiles(PipelineConfig cfg) throws IOException {
    try (Stream<Path> s = Files.walk(cfg.layout().lakeCost())) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
