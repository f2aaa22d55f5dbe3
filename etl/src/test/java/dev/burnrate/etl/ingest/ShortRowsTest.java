package dev.burnrate.etl.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.testing.PipelineYaml.Source;
import dev.burnrate.etl.SharedSpark;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A legacy CUR CSV that leaves out trailing empty fields: its short rows land with nulls and are
 * counted in one warning for the file; a row with more fields than the header is quarantined.
 */
class ShortRowsTest {
  private static final int HEADER_FIELDS = 15;
  private static final int COST_FIELD = 10; // lineItem/UnblendedCost, before any quoted field

  private final SparkSession spark = SharedSpark.get();

  @TempDir Path dir;

  @Test
  void shortRowsLandWithNullsAndALongRowIsQuarantinedWithItsLine() throws Exception {
    PipelineConfig cfg =
        IngestFixtures.config(dir, 0.5, Source.of("aws-payer", "aws-cur", "landing/cur/**"));
    Path file =
        IngestFixtures.land(
            dir,
            "aws-cur/trailing-empty-fields-omitted.csv",
            "landing/cur/20261001-20261101/a/cur-1.csv");
    List<String> lines = Files.readAllLines(file);

    List<String> warnings = new CopyOnWriteArrayList<>();
    IngestResult r =
        withWarnings(warnings, () -> IngestJob.run(spark, cfg, LocalDate.of(2026, 11, 30)));

    assertEquals(4, r.rowsWritten());
    assertEquals(1, r.rowsQuarantined());
    Map<Long, Row> lake = new HashMap<>();
    for (Row row : spark.read().parquet(cfg.layout().lakeCost().toString()).collectAsList()) {
      lake.put(row.getAs("x_SourceLine"), row);
    }
    assertEquals("{\"team\":\"research\",\"project\":\"llm\"}", lake.get(2L).getAs("Tags"));
    assertNull(lake.get(3L).getAs("Tags"), "both tag fields left out");
    assertEquals("{\"team\":\"data\"}", lake.get(4L).getAs("Tags"), "the last one left out");
    Row tax = lake.get(6L);
    assertEquals("Tax", tax.getAs("ChargeCategory"));
    assertEquals(
        "Amazon Web Services, Inc.", tax.getAs("InvoiceIssuerName"), "a quoted field with a comma");
    for (long line : List.of(2L, 3L, 4L, 6L)) {
      assertEquals(0, cost(lines, line).compareTo(lake.get(line).getAs("BilledCost")), "" + line);
    }

    List<Row> q = IngestFixtures.quarantine(spark, cfg);
    assertEquals(1, q.size());
    assertEquals(5L, q.get(0).<Long>getAs("x_SourceLine"));
    assertEquals(
        "(row): " + (HEADER_FIELDS + 1) + " fields, more than the header's " + HEADER_FIELDS,
        q.get(0).getAs("reason"));
    assertEquals(0, cost(lines, 5).compareTo(q.get(0).getAs("BilledCost")));

    JsonNode m = IngestFixtures.manifest(r);
    BigDecimal source = BigDecimal.ZERO;
    for (long line = 2; line <= lines.size(); line++) {
      source = source.add(cost(lines, line));
    }
    assertEquals(0, source.compareTo(IngestFixtures.manifestSum(m, "cost_in")));
    assertEquals(
        0,
        source.subtract(cost(lines, 5)).compareTo(IngestFixtures.manifestSum(m, "cost_written")));

    List<String> shortRows =
        warnings.stream().filter(w -> w.contains("fewer fields than the header")).toList();
    assertEquals(
        List.of(
            file
                + ": 3 row(s) have fewer fields than the header (as few as 12 of 15); the missing"
                + " trailing fields are read as empty"),
        shortRows,
        "one warning for the file, not one per row");
  }

  /** The cost field of a physical line (1 = header) of the fixture. */
  private static BigDecimal cost(List<String> lines, long line) {
    return new BigDecimal(lines.get((int) line - 1).split(",")[COST_FIELD]);
  }

  private static <T> T withWarnings(List<String> out, java.util.concurrent.Callable<T> body)
      throws Exception {
    Logger logger = (Logger) LogManager.getLogger(RawRows.class);
    AbstractAppender capture =
        new AbstractAppender("short-rows-test", null, null, true, Property.EMPTY_ARRAY) {
          @Override
          public void append(LogEvent event) {
            if (event.getLevel().equals(org.apache.logging.log4j.Level.WARN)) {
              out.add(event.getMessage().getFormattedMessage());
            }
          }
        };
    capture.start();
    logger.addAppender(capture);
    try {
      return body.call();
    } finally {
      logger.removeAppender(capture);
      capture.stop();
    }
  }
}
