package dev.burnrate.etl.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.testing.PipelineYaml.Source;
import dev.burnrate.etl.SharedSpark;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A row's x_SourceLine is its physical line in the file (header = 1), also after blank lines and
 * after a quoted field that spans two lines, in plain and in gzip-compressed CSV.
 */
class LineNumbersTest {
  private final SparkSession spark = SharedSpark.get();

  @TempDir Path dir;

  @Test
  void linesArePhysicalAfterBlankLinesAndATwoLineField() throws Exception {
    PipelineConfig cfg =
        IngestFixtures.config(
            dir,
            0.9,
            Source.of("src", "focus", "landing/src/**"),
            Source.of("gz", "focus", "landing/gz/**"));
    Path plain =
        IngestFixtures.land(dir, "focus/blank-lines-and-a-two-line-field.csv", "landing/src/a.csv");
    Path gz = Files.createDirectories(dir.resolve("landing/gz")).resolve("a.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(plain, out);
    }

    IngestResult r = IngestJob.run(spark, cfg, LocalDate.of(2026, 10, 31));

    for (String file : List.of(plain.toString(), gz.toString())) {
      check(cfg, file);
    }
    // nothing lost: cost in = written + quarantined
    var manifest = IngestFixtures.manifest(r);
    assertEquals(
        0,
        IngestFixtures.manifestSum(manifest, "cost_in")
            .compareTo(
                IngestFixtures.manifestSum(manifest, "cost_written")
                    .add(IngestFixtures.manifestSum(manifest, "cost_quarantined"))));
  }

  private void check(PipelineConfig cfg, String file) {
    List<Row> q =
        spark
            .read()
            .parquet(cfg.layout().lakeQuarantine().toString())
            .filter(col("x_SourceFile").equalTo(file))
            .orderBy("x_SourceLine")
            .collectAsList();
    List<Long> lines = q.stream().map(row -> row.<Long>getAs("x_SourceLine")).toList();
    assertTrue(lines.contains(4L), "the bad cost after one blank line is line 4: " + lines);
    assertTrue(lines.contains(9L), "the bad cost after a two-line field is line 9: " + lines);
    assertTrue(
        q.stream()
            .filter(row -> row.<Long>getAs("x_SourceLine") == 4L)
            .allMatch(row -> row.<String>getAs("reason").startsWith("BilledCost")),
        q.toString());
    List<Row> written =
        spark
            .read()
            .parquet(cfg.layout().lakeCost().toString())
            .filter(col("x_SourceFile").equalTo(file))
            .orderBy("x_SourceLine")
            .select("x_SourceLine", "BilledCost")
            .collectAsList();
    assertEquals(2L, written.get(0).<Long>getAs(0));
    Row last = written.get(written.size() - 1);
    assertEquals(10L, last.<Long>getAs(0), "the last row is line 10");
    assertEquals(0, new BigDecimal("14").compareTo(last.getDecimal(1)));
  }
}
