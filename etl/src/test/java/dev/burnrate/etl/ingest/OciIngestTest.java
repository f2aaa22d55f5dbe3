package dev.burnrate.etl.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden tests of the oci-cost format: a gzip cost report with tag columns and a correction line
 * that points back to the line it corrects.
 */
class OciIngestTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 10, 31);
  private final SparkSession spark = SharedSpark.get();

  @TempDir Path dir;

  private static final String COLUMNS =
      "x_SourceLine,ChargeCategory,ChargeClass,ChargeDescription,BilledCost,EffectiveCost,"
          + "BillingCurrency,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,"
          + "ChargePeriodEnd,ConsumedQuantity,SkuId,lower(Tags)";

  @Test
  void correctionsPointBackAndTagColumnsBecomeOneObject() throws Exception {
    PipelineConfig cfg =
        config("oci-cost", 0.0, "oci-cost/correction-backreference-tag-columns.csv.gz");

    IngestResult r = IngestJob.run(spark, cfg, AS_OF);

    String gpu = "Compute - GPU - BM.GPU.H100.8 - GPU Per Hour";
    String periods = "USD|2026-10-01T00:00|2026-11-01T00:00|2026-10-05T00:00|";
    assertEquals(
        List.of(
            "2|Usage||"
                + gpu
                + "|80|80|"
                + periods
                + "2026-10-05T01:00|8|BM.GPU.H100.8|"
                + "{\"oracle-tags.createdby\":\"alice\",\"team.name\":\"research\"}",
            "3|Usage|Correction|"
                + gpu
                + " (correction of line ref-1)|-20|-20|"
                + periods
                + "2026-10-05T01:00|-2|BM.GPU.H100.8|"
                + "{\"oracle-tags.createdby\":\"alice\",\"team.name\":\"research\"}",
            "4|Usage||Object Storage - Storage|2.55|2.55|"
                + periods
                + "2026-10-06T00:00|100|B91628|"
                + "null"),
        golden(cfg));
    Row first = lake(cfg).filter("x_SourceLine = 2").first();
    assertEquals("Oracle", first.getAs("ProviderName"));
    assertEquals("ocid1.tenancy.oc1..aaaa", first.getAs("BillingAccountId"));
    assertEquals("gpu-training", first.getAs("SubAccountName"));
    assertEquals("Compute", first.getAs("ServiceCategory"));
    assertEquals(
        0,
        new BigDecimal("62.55")
            .compareTo(IngestFixtures.dec(IngestFixtures.cost(r, 0, "USD"), "cost_written")));
  }

  private PipelineConfig config(String format, double share, String... fixtures)
      throws IOException {
    for (String f : fixtures) {
      Path target = dir.resolve("landing/src/" + f);
      Files.createDirectories(target.getParent());
      try (InputStream in = getClass().getResourceAsStream("/fixtures/" + f)) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    // incremental exports: each file is a slice of the month, none replaces another
    return IngestFixtures.config(
        dir,
        share,
        Source.of("src", format, "landing/src/**").options(Map.of("delivery", "append")));
  }

  private Dataset<Row> lake(PipelineConfig cfg) {
    return spark.read().parquet(cfg.layout().lakeCost().toString());
  }

  /** The lake's rows as text, ordered by currency and line: decimals without trailing zeros. */
  private List<String> golden(PipelineConfig cfg) {
    String[] cols = COLUMNS.split(",");
    List<String> out = new ArrayList<>();
    for (Row row :
        lake(cfg).orderBy("BillingCurrency", "x_SourceLine").selectExpr(cols).collectAsList()) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < cols.length; i++) {
        b.append(i == 0 ? "" : "|").append(IngestFixtures.cell(row.get(i), cols[i]));
      }
      out.add(b.toString());
    }
    return out;
  }
}
