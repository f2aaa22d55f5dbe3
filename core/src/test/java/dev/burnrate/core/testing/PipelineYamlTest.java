package dev.burnrate.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.config.DeliveryRule;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.SourceConfig;
import dev.burnrate.core.config.StorageLayout;
import dev.burnrate.core.config.StorageMode;
import dev.burnrate.core.testing.PipelineYaml.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test kit's pipeline.yaml builder writes files that PipelineConfig loads as written. */
class PipelineYamlTest {
  @TempDir Path dir;

  /**
   * Values YAML would misread if written bare (a glob starting with {@code *}, {@code local[1]}, a
   * URL with a colon) come back unchanged, with every block where it belongs.
   */
  @Test
  void everyValueLoadsAsGiven() throws Exception {
    Path conf = dir.resolve("conf");

    PipelineConfig cfg =
        PipelineYaml.dataDir("../data")
            .reportingCurrency("EUR")
            .quarantineMaxShare(0.25)
            .sparkMaster("local[1]")
            .storage(Map.of("endpoint", "http://127.0.0.1:9000", "path_style", true))
            .source(Source.of("aws", "focus", "**/*.csv").options(Map.of("delivery", "file")))
            .source(
                Source.of("s3", "focus", "s3://bills/exports/**")
                    .storage(Map.of("layout", "aws-data-exports", "mode", "direct"))
                    .freshness(24, null))
            .fxRate("USD", "2026-01-01", "0.92")
            .load(conf);

    assertEquals(dir.resolve("data").toAbsolutePath().normalize(), cfg.dataDir());
    assertEquals("EUR", cfg.reportingCurrency());
    assertEquals(0.25, cfg.quarantineMaxShare());
    assertEquals("local[1]", cfg.spark().master());
    assertEquals("http://127.0.0.1:9000", cfg.storage().endpoint());
    assertEquals(Boolean.TRUE, cfg.storage().pathStyle());
    SourceConfig aws = cfg.sources().get(0);
    assertEquals(
        List.of("aws", "focus", "**/*.csv"), List.of(aws.name(), aws.format(), aws.path()));
    assertEquals(DeliveryRule.FILE, aws.billingOptions().delivery());
    SourceConfig s3 = cfg.sources().get(1);
    assertEquals(StorageLayout.AWS_DATA_EXPORTS, s3.storage().layout());
    assertEquals(StorageMode.DIRECT, s3.storage().mode());
    assertEquals(24, s3.freshness().warnAfterHours());
    assertEquals(null, s3.freshness().errorAfterHours());
    assertEquals(
        List.of("currency,valid_from,rate_to_reporting", "USD,2026-01-01,0.92"),
        Files.readAllLines(conf.resolve("fx-rates.csv")));
  }

  /** A file read back keeps its keys; replacing the sources leaves the rest as it was. */
  @Test
  void aFileReadBackKeepsItsOtherKeys() {
    Path conf = dir.resolve("conf");
    PipelineYaml.dataDir("..")
        .quarantineMaxShare(0.5)
        .source(Source.of("a", "focus", "landing/a/**"))
        .writeTo(conf);

    PipelineConfig cfg =
        PipelineYaml.read(conf)
            .sources(List.of(Source.of("b", "focus-usage", "landing/b/**")))
            .load(conf);

    assertEquals(0.5, cfg.quarantineMaxShare());
    assertEquals(List.of("b"), cfg.sources().stream().map(SourceConfig::name).toList());
    assertTrue(PipelineYaml.read(conf).text().contains("focus-usage"));
  }
}
