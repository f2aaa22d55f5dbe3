package dev.burnrate.etl.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.etl.SharedSpark;
import dev.burnrate.etl.ingest.IngestJob;
import dev.burnrate.etl.ingest.IngestResult;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated native exports, ingested with the generated conf, give back the generator's own
 * totals to the cent: every format is read exactly once and nothing is counted twice, before and
 * after the restated month is re-delivered.
 */
class GeneratedBillsIngestTest {
  private final SparkSession spark = SharedSpark.get();

  @TempDir Path dir;

  @Test
  void everyNativeFormatIngestsToTheGeneratorsTotals() throws Exception {
    Path out = dir.resolve("out");
    Totals totals = Generator.generate(GeneratedSample.nativeOptions(out));
    PipelineConfig cfg = PipelineConfig.load(out.resolve("conf"));

    IngestResult first = IngestJob.run(spark, cfg, GeneratedSample.END);
    assertEquals(0, first.rowsQuarantined());
    assertLakeEquals(cfg, totals.initial());
    JsonNode manifest = new ObjectMapper().readTree(first.manifest().toFile());
    Map<String, String> formatBySource = new TreeMap<>();
    for (JsonNode in : manifest.get("inputs")) {
      formatBySource.merge(
          in.get("source").asText(), in.get("detected").asText(), (a, b) -> a + "," + b);
    }
    assertEquals(
        Map.of(
            "aws-cur", "aws-cur",
            "aws-cur2", "aws-cur2",
            "aws-focus", "focus-1.2",
            "azure-ea", "azure-ea,azure-ea,azure-ea",
            "azure-mca", "azure-mca,azure-mca,azure-mca",
            "gcp-billing", "gcp-billing,gcp-billing,gcp-billing",
            "oci-cost", "oci-cost,oci-cost,oci-cost",
            "coreweave-usage", "focus-usage-1.2,focus-usage-1.2,focus-usage-1.2"),
        formatBySource,
        "one source per format, each file read once");

    copyOver(out.resolve("restated"), out);
    IngestResult second = IngestJob.run(spark, cfg, GeneratedSample.END);
    assertEquals(1, second.unitsReplaced(), "the restated AWS month replaces its unit");
    assertEquals(0, second.unitsNew());
    assertLakeEquals(cfg, totals.finalTotals());

    // billed GPU-hours survive every format: compute instance-hours x 8 GPUs per node
    Map<String, BigDecimal> gpuHours = new TreeMap<>();
    for (Row r :
        spark
            .read()
            .parquet(cfg.layout().lakeCost().toString())
            .filter("ChargeCategory = 'Usage' and ServiceCategory = 'Compute'")
            .groupBy("ProviderName")
            .agg(org.apache.spark.sql.functions.sum("ConsumedQuantity"))
            .collectAsList()) {
      gpuHours.put(r.getString(0), r.getDecimal(1).multiply(BigDecimal.valueOf(8)));
    }
    for (Totals.GpuProvider g : totals.gpu().providers()) {
      assertEquals(0, g.gpuHours().compareTo(gpuHours.get(g.provider())), g.provider());
    }
  }

  private void assertLakeEquals(PipelineConfig cfg, Totals.Snapshot expected) {
    Map<String, BigDecimal> lake = new TreeMap<>();
    Map<String, Long> rows = new TreeMap<>();
    for (Row r :
        spark
            .read()
            .parquet(cfg.layout().lakeCost().toString())
            .groupBy("ProviderName", "BillingCurrency")
            .agg(
                org.apache.spark.sql.functions.sum("BilledCost"),
                org.apache.spark.sql.functions.count("*"))
            .collectAsList()) {
      lake.put(r.getString(0) + "|" + r.getString(1), r.getDecimal(2));
      rows.put(r.getString(0) + "|" + r.getString(1), r.getLong(3));
    }
    Map<String, BigDecimal> want = new TreeMap<>();
    for (Totals.ProviderTotal p : expected.providers()) {
      want.put(p.provider() + "|" + p.billingCurrency(), p.billedCost());
    }
    assertEquals(want.keySet(), lake.keySet());
    assertEquals(new TreeSet<>(want.keySet()), new TreeSet<>(rows.keySet()));
    want.forEach(
        (k, v) -> assertEquals(0, v.compareTo(lake.get(k)), k + ": " + v + " vs " + lake.get(k)));
  }

  private static void copyOver(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(f));
        Files.createDirectories(target.getParent());
        Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
