package dev.burnrate.etl.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.testing.PipelineYaml.Source;
import dev.burnrate.etl.SharedSpark;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deliveries as providers lay them out on disk (an {@code aws s3 sync} or {@code azcopy sync} of
 * the bucket): parts of one delivery all land, a newer delivery of a period replaces the older as a
 * unit, incremental feeds append, a manifest naming a missing part stops the run, and a layout that
 * cannot tell parts from re-deliveries stops it too. Fixtures are written here from the providers'
 * documented layouts (docs/deliveries.md).
 */
class DeliveryLayoutsTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);
  private static final String FOCUS_HEADER =
      "BillingAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargeCategory,"
          + "BilledCost,ProviderName,ChargeDescription\n";
  private static final Instant T0 = Instant.parse("2026-11-02T06:00:00Z");

  private final SparkSession spark = SharedSpark.get();

  @TempDir Path dir;

  @Test
  void twoNumberedPartsOfOneExportFolderBothLand() throws Exception {
    PipelineConfig cfg = config("focus", "landing/f/**", null);
    write("landing/f/BILLING/part-00001.csv", focus("AWS", "acct-1", "2026-10", 10, 20), T0);
    write("landing/f/BILLING/part-00002.csv", focus("AWS", "acct-1", "2026-10", 30, 40, 50), T0);
    // bq extract shards of one extract are parts too
    write("landing/f/gcp/billing-000000000000.csv", focus("Google Cloud", "b-1", "2026-10", 1), T0);
    write("landing/f/gcp/billing-000000000001.csv", focus("Google Cloud", "b-1", "2026-10", 2), T0);

    IngestResult r = IngestJob.run(spark, cfg, AS_OF);

    assertEquals(7, r.rowsWritten());
    assertEquals(
        Map.of("AWS/acct-1/2026-10", "150:5", "Google Cloud/b-1/2026-10", "3:2"), lake(cfg));
    assertEquals(0, IngestFixtures.manifestSum(manifest(r), "cost_superseded").signum());
  }

  @Test
  void aReDeliveredMultiPartCurPeriodReplacesTheWholeOldDeliveryAsItsManifestSays()
      throws Exception {
    PipelineConfig cfg = config("aws-cur", "landing/cur/**", null);
    List<String> lines = fixtureLines("aws-cur/line-item-types.csv");
    String period = "landing/cur/billing/gpu-cur/20261001-20261101/";
    // the first assembly held 10 rows in two parts; the restatement holds all 14 in three parts.
    // The old assembly's files are even newer on disk: the manifest, not the clock, decides.
    Instant later = T0.plusSeconds(86_400);
    write(period + "asm-1/gpu-cur-1.csv", csv(lines, 1, 6), later);
    write(period + "asm-1/gpu-cur-2.csv", csv(lines, 6, 11), later);
    write(period + "asm-2/gpu-cur-1.csv", csv(lines, 1, 5), T0);
    write(period + "asm-2/gpu-cur-2.csv", csv(lines, 5, 10), T0);
    write(period + "asm-2/gpu-cur-3.csv", csv(lines, 10, 15), T0);
    write(
        period + "gpu-cur-Manifest.json",
        "{\"assemblyId\":\"asm-2\",\"reportKeys\":["
            + "\"billing/gpu-cur/20261001-20261101/asm-2/gpu-cur-1.csv\","
            + "\"billing/gpu-cur/20261001-20261101/asm-2/gpu-cur-2.csv\","
            + "\"billing/gpu-cur/20261001-20261101/asm-2/gpu-cur-3.csv\"]}",
        T0);

    IngestResult r = IngestJob.run(spark, cfg, AS_OF);

    assertEquals(14, r.rowsWritten(), "every part of the current assembly, nothing of the old");
    JsonNode m = manifest(r);
    long superseded = 0;
    for (JsonNode in : m.get("inputs")) {
      boolean old = in.get("file").asText().contains("/asm-1/");
      assertEquals(old ? 0 : in.get("rows_in").asLong(), in.get("rows_written").asLong());
      superseded += in.get("rows_superseded").asLong();
    }
    assertEquals(10, superseded, "the old assembly's rows are superseded, counted, not written");
    assertEquals(5, m.get("inputs").size(), "the manifest itself is not read as rows");
    BigDecimal in = IngestFixtures.manifestSum(m, "cost_in");
    assertEquals(
        0,
        in.compareTo(
            IngestFixtures.manifestSum(m, "cost_written")
                .add(IngestFixtures.manifestSum(m, "cost_superseded"))));
  }

  @Test
  void anOciMonthOfIncrementalSplitFilesLandsWhole() throws Exception {
    PipelineConfig cfg = config("focus", "landing/oci/**", null);
    String day1 = "landing/oci/reports/FOCUS Reports/2026/11/01/";
    String day2 = "landing/oci/reports/FOCUS Reports/2026/11/02/";
    // a six-hourly file split at the row limit, then the next files with only new rows
    write(
        day1 + "0001000001234567-00001.csv", focus("Oracle", "ocid1.tenancy", "2026-11", 1, 2), T0);
    write(day1 + "0001000001234567-00002.csv", focus("Oracle", "ocid1.tenancy", "2026-11", 3), T0);
    write(
        day1 + "0001000001234599-00001.csv",
        focus("Oracle", "ocid1.tenancy", "2026-11", 4),
        T0.plusSeconds(6 * 3600));
    write(
        day2 + "0001000001234612-00001.csv",
        focus("Oracle", "ocid1.tenancy", "2026-11", 5, 6),
        T0.plusSeconds(24 * 3600));

    IngestResult r = IngestJob.run(spark, cfg, AS_OF);

    assertEquals(Map.of("Oracle/ocid1.tenancy/2026-11", "21:6"), lake(cfg));
    assertEquals(6, r.rowsWritten());
    assertEquals(0, IngestFixtures.manifestSum(manifest(r), "cost_superseded").signum());
  }

  @Test
  void dataExportsPartsListedByTheManifestLandAndAStalePartDoesNot() throws Exception {
    PipelineConfig cfg = config("focus", "landing/de/**", null);
    String data = "landing/de/exports/gpu-focus/data/BILLING_PERIOD=2026-10/";
    write(data + "gpu-focus-00001.csv", focus("AWS", "acct-1", "2026-10", 10, 20), T0);
    write(data + "gpu-focus-00002.csv", focus("AWS", "acct-1", "2026-10", 30), T0);
    // left by an earlier, larger execution of the same period (overwrite mode)
    write(data + "gpu-focus-00003.csv", focus("AWS", "acct-1", "2026-10", 999), T0);
    dataExportsManifest(
        "landing/de/exports/gpu-focus", "gpu-focus-00001.csv", "gpu-focus-00002.csv");

    IngestResult r = IngestJob.run(spark, cfg, AS_OF);

    assertEquals(Map.of("AWS/acct-1/2026-10", "60:3"), lake(cfg));
    assertEquals(
        0,
        new BigDecimal("999")
            .compareTo(IngestFixtures.manifestSum(manifest(r), "cost_superseded")));
  }

  @Test
  void aManifestNamingAMissingPartExits3AndLeavesTheLakeAsItWas() throws Exception {
    PipelineConfig cfg = config("focus", "landing/de/**", null);
    String base = "landing/de/exports/gpu-focus";
    String data = base + "/data/BILLING_PERIOD=2026-10/";
    write(data + "gpu-focus-00001.csv", focus("AWS", "acct-1", "2026-10", 10, 20), T0);
    dataExportsManifest(base, "gpu-focus-00001.csv");
    IngestJob.run(spark, cfg, AS_OF);
    Map<String, String> before = lake(cfg);

    // the next execution is half copied: its manifest lists a part that is not there
    write(
        data + "gpu-focus-00001.csv",
        focus("AWS", "acct-1", "2026-10", 11, 21),
        T0.plusSeconds(60));
    dataExportsManifest(base, "gpu-focus-00001.csv", "gpu-focus-00002.csv");
    BurnrateException e =
        assertThrows(BurnrateException.class, () -> IngestJob.run(spark, cfg, AS_OF));

    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(e.getMessage().contains("gpu-focus-00002.csv"), e.getMessage());
    assertTrue(e.getMessage().contains("Manifest.json"), e.getMessage());
    assertEquals(before, lake(cfg));
    assertEquals(Map.of("AWS/acct-1/2026-10", "30:2"), before);
  }

  @Test
  void theNewestAzureExportRunOfAPeriodReplacesTheOlderRun() throws Exception {
    PipelineConfig cfg = config("focus", "landing/az/**", null);
    String period = "landing/az/costs/gpu-focus/20261001-20261031/";
    write(period + "run-a/part_0_0001.csv", focus("Microsoft", "ea-1", "2026-10", 1, 2), T0);
    write(period + "run-a/part_0_0002.csv", focus("Microsoft", "ea-1", "2026-10", 3), T0);
    azureManifest(period + "run-a", "2026-11-02T06:00:00Z", "part_0_0001.csv", "part_0_0002.csv");
    write(period + "run-b/part_0_0001.csv", focus("Microsoft", "ea-1", "2026-10", 4, 5), T0);
    write(period + "run-b/part_0_0002.csv", focus("Microsoft", "ea-1", "2026-10", 6), T0);
    azureManifest(period + "run-b", "2026-11-03T06:00:00Z", "part_0_0001.csv", "part_0_0002.csv");

    IngestResult r = IngestJob.run(spark, cfg, AS_OF);

    assertEquals(Map.of("Microsoft/ea-1/2026-10", "15:3"), lake(cfg));
    assertEquals(
        0,
        new BigDecimal("6").compareTo(IngestFixtures.manifestSum(manifest(r), "cost_superseded")));
  }

  @Test
  void filesThatMayBePartsOrReDeliveriesStopTheRunNamingThemAndTheOption() throws Exception {
    PipelineConfig cfg = config("focus", "landing/x/**", null);
    write("landing/x/focus-export-20261101.csv", focus("AWS", "acct-1", "2026-10", 1, 2), T0);
    write("landing/x/focus-export-20261102.csv", focus("AWS", "acct-1", "2026-10", 3), T0);

    BurnrateException e =
        assertThrows(BurnrateException.class, () -> IngestJob.run(spark, cfg, AS_OF));

    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    for (String expected :
        List.of(
            "focus-export-20261101.csv",
            "focus-export-20261102.csv",
            "delivery: append",
            "delivery: file",
            "2026-10")) {
      assertTrue(e.getMessage().contains(expected), expected + " in " + e.getMessage());
    }
    assertTrue(Files.notExists(cfg.layout().lakeCost()), "nothing published");

    // told which it is, the run goes through either way
    IngestResult append = IngestJob.run(spark, config("focus", "landing/x/**", "append"), AS_OF);
    assertEquals(3, append.rowsWritten());
    Files.setLastModifiedTime(
        dir.resolve("landing/x/focus-export-20261102.csv"), FileTime.from(T0.plusSeconds(60)));
    PipelineConfig newest = config("focus", "landing/x/**", "file");
    IngestJob.run(spark, newest, AS_OF);
    assertEquals(Map.of("AWS/acct-1/2026-10", "3:1"), lake(newest));
  }

  // ---------------------------------------------------------------------------------------------

  private PipelineConfig config(String format, String path, String delivery) throws IOException {
    return IngestFixtures.config(
        dir,
        0.0,
        delivery == null
            ? Source.of("src", format, path)
            : Source.of("src", format, path).options(Map.of("delivery", delivery)));
  }

  /** A FOCUS CSV with one Usage row per cost, all in one unit. */
  private static String focus(String provider, String account, String period, double... costs) {
    StringBuilder b = new StringBuilder(FOCUS_HEADER);
    int i = 0;
    for (double c : costs) {
      b.append(account)
          .append(",USD,")
          .append(period)
          .append("-01,")
          .append(period)
          .append("-0")
          .append(1 + (i++ % 9))
          .append(",Usage,")
          .append(BigDecimal.valueOf(c).toPlainString())
          .append(',')
          .append(provider)
          .append(",row ")
          .append(i)
          .append('\n');
    }
    return b.toString();
  }

  private static List<String> fixtureLines(String resource) throws IOException {
    try (var in = DeliveryLayoutsTest.class.getResourceAsStream("/fixtures/" + resource)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          .lines()
          .toList();
    }
  }

  /** The header and data lines [from, to) of a CSV's lines. */
  private static String csv(List<String> lines, int from, int to) {
    return lines.get(0) + "\n" + String.join("\n", lines.subList(from, to)) + "\n";
  }

  private Path write(String relative, String text, Instant modified) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    Files.setLastModifiedTime(p, FileTime.from(modified));
    return p;
  }

  private void dataExportsManifest(String base, String... parts) throws IOException {
    StringBuilder files = new StringBuilder();
    for (String part : parts) {
      files
          .append(files.length() == 0 ? "" : ",")
          .append("\"s3://bucket/exports/gpu-focus/data/BILLING_PERIOD=2026-10/")
          .append(part)
          .append('"');
    }
    write(
        base + "/metadata/BILLING_PERIOD=2026-10/gpu-focus-Manifest.json",
        "{\"executionId\":\"e-" + parts.length + "\",\"dataFiles\":[" + files + "]}",
        T0);
  }

  private void azureManifest(String run, String submitted, String... parts) throws IOException {
    StringBuilder blobs = new StringBuilder();
    for (String part : parts) {
      blobs
          .append(blobs.length() == 0 ? "" : ",")
          .append("{\"blobName\":\"costs/gpu-focus/20261001-20261031/")
          .append(run.substring(run.lastIndexOf('/') + 1))
          .append('/')
          .append(part)
          .append("\",\"byteCount\":100}");
    }
    write(
        run + "/manifest.json",
        "{\"runInfo\":{\"runId\":\""
            + run
            + "\",\"submittedTime\":\""
            + submitted
            + "\"},\"blobs\":["
            + blobs
            + "]}",
        T0);
  }

  private JsonNode manifest(IngestResult r) throws IOException {
    return IngestFixtures.manifest(r);
  }

  /** provider/account/period -> "cost:rows" of the lake. */
  private Map<String, String> lake(PipelineConfig cfg) {
    Map<String, String> out = new TreeMap<>();
    if (Files.notExists(cfg.layout().lakeCost())) {
      return out;
    }
    for (Row row :
        spark
            .read()
            .parquet(cfg.layout().lakeCost().toString())
            .groupBy(col("ProviderName"), col("BillingAccountId"), col("period"))
            .agg(sum(col("BilledCost")), count(lit(1)))
            .collectAsList()) {
      out.put(
          row.getString(0) + "/" + row.getString(1) + "/" + row.getString(2),
          row.getDecimal(3).stripTrailingZeros().toPlainString() + ":" + row.getLong(4));
    }
    return out;
  }
}
