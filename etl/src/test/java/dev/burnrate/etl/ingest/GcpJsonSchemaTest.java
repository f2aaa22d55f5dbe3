package dev.burnrate.etl.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.testing.PipelineYaml.Source;
import dev.burnrate.etl.SharedSpark;
import dev.burnrate.etl.ingest.formats.GcpPreparer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Google Cloud JSON lines are read with the export's known schema, not an inferred one: keys that
 * differ from row to row add no columns. The fixture: 2,000 lines, line i with a top-level key of
 * its own ({@code debug_<i>}) and its labels written as an object with a key of its own ({@code
 * {"run-<i>": "r<i>"}}), each costing 1.25 USD: 2,000 x 1.25 = 2,500.00 USD. Inferred, the schema
 * had 4,000 more columns, built on the driver; with the known one the rows have the 30 canonical
 * columns.
 */
class GcpJsonSchemaTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 10, 31);
  private final SparkSession spark = SharedSpark.get();

  @TempDir Path dir;

  private Path export() throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int i = 1; i <= 2000; i++) {
      lines
          .append("{\"billing_account_id\":\"0A1B2C-3D4E5F-678901\",")
          .append("\"service\":{\"id\":\"S-1\",\"description\":\"Compute Engine\"},")
          .append(
              "\"sku\":{\"id\":\"K-1\",\"description\":\"N2 Instance Core running in Americas\"},")
          .append("\"usage_start_time\":\"2026-10-05 00:00:00 UTC\",")
          .append("\"usage_end_time\":\"2026-10-05 01:00:00 UTC\",")
          .append("\"project\":{\"id\":\"batch-1\",\"name\":\"Batch\"},")
          .append("\"labels\":{\"run-")
          .append(i)
          .append("\":\"r")
          .append(i)
          .append("\"},\"debug_")
          .append(i)
          .append("\":\"x\",\"cost\":1.25,\"currency\":\"USD\",")
          .append("\"invoice\":{\"month\":\"202610\"},\"cost_type\":\"regular\"}\n");
    }
    Path file = dir.resolve("landing/gcp/billing-2026-10.jsonl");
    Files.createDirectories(file.getParent());
    Files.writeString(file, lines);
    return file;
  }

  @Test
  void keysOfTheirOwnPerRowAddNoColumns() throws Exception {
    Path file = export();

    RawRows raw = RawRows.json(spark, List.of(file.toString()), GcpPreparer.JSON_SCHEMA, false);

    assertEquals(GcpPreparer.CANONICAL, raw.columns());
    assertEquals(30, raw.columns().size());
  }

  @Test
  void anAutoSourceOfSuchLinesIsDetectedAndIngestedWithItsLabels() throws Exception {
    export();
    PipelineConfig cfg =
        IngestFixtures.config(dir, 0.0, Source.of("gcp", "auto", "landing/gcp/**"));

    IngestResult r = IngestJob.run(spark, cfg, AS_OF);

    assertEquals(
        "gcp-billing", IngestFixtures.manifest(r).get("inputs").get(0).get("detected").asText());
    Dataset<Row> lake = spark.read().parquet(cfg.layout().lakeCost().toString());
    Row totals = lake.selectExpr("count(*)", "sum(BilledCost)").first();
    assertEquals(2000L, totals.getLong(0));
    assertEquals(0, new BigDecimal("2500.00").compareTo(totals.getDecimal(1)));
    assertEquals(
        "{\"run-7\":\"r7\"}", lake.filter("x_SourceLine = 7").first().<String>getAs("Tags"));
  }
}
