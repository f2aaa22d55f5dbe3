package dev.burnrate.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineConfigTest {
  @TempDir Path dir;

  private BurnrateException fails(String yaml) throws IOException {
    Files.writeString(dir.resolve("pipeline.yaml"), yaml);
    BurnrateException e = assertThrows(BurnrateException.class, () -> PipelineConfig.load(dir));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertTrue(e.getMessage().startsWith(dir.resolve("pipeline.yaml").toString()), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e;
  }

  @Test
  void theShippedConfigurationLoads() {
    PipelineConfig cfg = PipelineConfig.load(Path.of("../conf"));
    assertEquals("USD", cfg.reportingCurrency());
    assertEquals(Path.of("../data").toAbsolutePath().normalize(), cfg.dataDir());
    assertEquals("local[*]", cfg.spark().master());
    assertEquals("aws-focus", cfg.sources().get(0).name());
    assertEquals(SourceFormat.FOCUS, cfg.sources().get(0).sourceFormat());
    assertEquals(
        cfg.dataDir().resolve("landing/focus/aws/**").toString(),
        cfg.resolveSourcePath(cfg.sources().get(0)));
    assertEquals(0.01, cfg.quarantineMaxShare());
    assertEquals("v1.0.0", cfg.warehouse().storageVersion());
  }

  @Test
  void warehouseStorageVersionIsADuckDbReleaseAndDefaultsToOneThatOneXClientsRead()
      throws IOException {
    Files.writeString(dir.resolve("pipeline.yaml"), "data_dir: x\n");
    assertEquals(WarehouseSettings.DEFAULT, PipelineConfig.load(dir).warehouse());
    Files.writeString(
        dir.resolve("pipeline.yaml"), "data_dir: x\nwarehouse: {storage_version: v1.4.0}\n");
    assertEquals("v1.4.0", PipelineConfig.load(dir).warehouse().storageVersion());
    assertTrue(
        fails("data_dir: x\nwarehouse: {storage_version: 1.4}\n")
            .getMessage()
            .contains("warehouse.storage_version '1.4' is not a DuckDB release such as v1.0.0"));
    assertTrue(
        fails("data_dir: x\nwarehouse: {storage_versoin: v1.4.0}\n")
            .getMessage()
            .contains("unknown key 'storage_versoin'"));
  }

  /**
   * warehouse.memory_limit is a size DuckDB takes, temp_directory a folder relative to the conf
   * folder; a bad size names its line (3).
   */
  @Test
  void warehouseMemoryLimitAndTempDirectoryAreCheckedAndResolved() throws IOException {
    Files.writeString(
        dir.resolve("pipeline.yaml"),
        "data_dir: x\nwarehouse:\n  memory_limit: 4GiB\n  temp_directory: ../spill\n");
    WarehouseSettings settings = PipelineConfig.load(dir).warehouse();
    assertEquals("4GiB", settings.memoryLimit());
    assertEquals(
        dir.getParent().resolve("spill").toAbsolutePath().normalize(),
        settings.tempDirectoryPath().orElseThrow());
    assertEquals("v1.0.0", settings.storageVersion());
    assertEquals(
        dir.resolve("pipeline.yaml")
            + ":3: warehouse.memory_limit '4 gigs' is not a size such as 4GiB or 512MB (KB, MB,"
            + " GB, TB or KiB, MiB, GiB, TiB)",
        fails("data_dir: x\nwarehouse:\n  memory_limit: 4 gigs\n").getMessage());
    assertTrue(
        fails("data_dir: x\nwarehouse:\n  memory: 4GiB\n")
            .getMessage()
            .contains("unknown key 'memory'"));
  }

  /**
   * A telemetry source's host map is read when the configuration loads: a bad line names the CSV
   * and its line; a cost source may not have one.
   */
  @Test
  void aHostMapIsCheckedWhenTheConfigurationLoads() throws IOException {
    String yaml =
        "data_dir: x\nsources:\n  - {name: smi, format: nvidia-smi, path: 'x/**',"
            + " options: {host_map: hosts.csv}}\n";
    Files.writeString(dir.resolve("pipeline.yaml"), yaml);
    Files.writeString(
        dir.resolve("hosts.csv"),
        "hostname,instance_id\ngpu-001,ocid1.instance.oc1.iad.a1\nGPU-001,ocid1.instance.oc1.iad.a2\n");
    BurnrateException twice = assertThrows(BurnrateException.class, () -> PipelineConfig.load(dir));
    assertEquals(ExitCode.USAGE, twice.exitCode());
    assertEquals(
        dir.resolve("hosts.csv") + ":3: host 'GPU-001' is already mapped on line 2",
        twice.getMessage());
    Files.writeString(dir.resolve("hosts.csv"), "hostname,instance_id\ngpu-001\n");
    BurnrateException field = assertThrows(BurnrateException.class, () -> PipelineConfig.load(dir));
    assertTrue(
        field.getMessage().startsWith(dir.resolve("hosts.csv") + ":2: "), field.getMessage());
    Files.writeString(dir.resolve("hosts.csv"), "hostname,instance_id\ngpu-001,i-0abc\n");
    assertEquals(1, GpuHostMap.read(dir.resolve("hosts.csv"), "smi").size());
    BurnrateException cost =
        fails(
            "data_dir: x\nsources:\n  - {name: a, format: focus, path: 'x/**',"
                + " options: {host_map: hosts.csv}}\n");
    assertTrue(
        cost.getMessage()
            .contains(
                ":3: source 'a': option 'host_map' applies to dcgm, nvidia-smi, prometheus-json"
                    + " sources only (focus accepts: delivery, tag_key_case,"
                    + " default.<FocusColumn>)"),
        cost.getMessage());
  }

  @Test
  void unknownKeyIsNamedWithItsLine() throws IOException {
    BurnrateException e = fails("reporting_currency: USD\ndata_dir: x\nsparkk:\n  master: local\n");
    assertTrue(e.getMessage().contains(":3: unknown key 'sparkk'"), e.getMessage());
  }

  /**
   * A path whose glob does not compile fails the load, naming the line of its {@code path:} key
   * (line 8 here) and where java.nio's glob compiler gave up: in {@code landing/focus/2026-1[0-9/*.csv}
   * the '[' opened at character 21 is still open at the '/', character 25 (a class cannot hold a
   * separator); in {@code landing/focus/{a,b/*.csv} (24 characters) the '{' is still open at the
   * end, character 24.
   */
  @Test
  void anInvalidGlobIsAConfigErrorNamingItsLine() throws IOException {
    String sources =
        "data_dir: x\nsources:\n  - name: ok\n    format: focus\n    path: 'landing/ok/**'\n"
            + "  - name: focus\n    format: focus\n    path: '%s'\n";
    BurnrateException bracket = fails(String.format(sources, "landing/focus/2026-1[0-9/*.csv"));
    assertTrue(
        bracket
            .getMessage()
            .endsWith(
                "pipeline.yaml:8: source 'focus': path 'landing/focus/2026-1[0-9/*.csv' is not a"
                    + " valid glob: Explicit 'name separator' in class at character 25"),
        bracket.getMessage());
    BurnrateException brace = fails(String.format(sources, "landing/focus/{a,b/*.csv"));
    assertTrue(
        brace
            .getMessage()
            .endsWith(
                ":8: source 'focus': path 'landing/focus/{a,b/*.csv' is not a valid glob: Missing"
                    + " '} at character 24"),
        brace.getMessage());
  }

  @Test
  void unknownFormatListsTheKnownOnes() throws IOException {
    BurnrateException e =
        fails("data_dir: x\nsources:\n  - {name: a, format: aws-cur3, path: 'x/**'}\n");
    assertTrue(e.getMessage().contains("source 'a': unknown format 'aws-cur3'"), e.getMessage());
    assertTrue(e.getMessage().contains("aws-cur2"), e.getMessage());
  }

  @Test
  void missingFileAndMissingFieldsAreConfigErrors() throws IOException {
    BurnrateException missing =
        assertThrows(BurnrateException.class, () -> PipelineConfig.load(dir.resolve("nope")));
    assertEquals(ExitCode.USAGE, missing.exitCode());
    assertTrue(missing.getMessage().endsWith("pipeline.yaml: file not found"));
    assertTrue(
        fails("data_dir: x\nsources:\n  - {name: a, format: focus}\n")
            .getMessage()
            .contains("path"));
    assertTrue(fails("reporting_currency: dollars\ndata_dir: x\n").getMessage().contains("ISO"));
    assertTrue(
        fails(
                "data_dir: x\nsources:\n  - {name: a, format: focus, path: p}\n  - {name: a, format: focus, path: q}\n")
            .getMessage()
            .contains("used twice"));
  }

  @Test
  void costBasisIsForAzureSourcesAndOverlapsNameConfiguredSources() throws IOException {
    String azure =
        "data_dir: x\nsources:\n"
            + "  - {name: act, format: azure-ea, path: a, options: {cost_basis: Actual}}\n"
            + "  - {name: amo, format: azure-mca, path: b, options: {cost_basis: amortized}}\n"
            + "  - {name: cur, format: aws-cur, path: c}\n";
    Files.writeString(dir.resolve("pipeline.yaml"), azure + "overlaps: {prefer: [cur, act]}\n");
    PipelineConfig cfg = PipelineConfig.load(dir);
    assertEquals(
        java.util.Optional.of(BillingOptions.CostBasis.ACTUAL), cfg.sources().get(0).costBasis());
    assertEquals(List.of("cur", "act"), cfg.overlaps().prefer());
    assertTrue(
        fails(
                "data_dir: x\nsources:\n  - {name: f, format: focus, path: p, options: {cost_basis: actual}}\n")
            .getMessage()
            .contains(
                ":3: source 'f': option 'cost_basis' applies to azure-ea, azure-mca sources only"));
    assertTrue(
        fails(
                "data_dir: x\nsources:\n  - {name: e, format: azure-ea, path: p, options: {cost_basis: billed}}\n")
            .getMessage()
            .contains(
                ":3: sources[0].options.cost_basis: 'billed' is not one of actual, amortized"));
    assertTrue(
        fails(azure + "overlaps: {prefer: [cur, nope]}\n")
            .getMessage()
            .contains("overlaps.prefer: 'nope' is not a source name"));
  }

  @Test
  void showbackTagKeysDefaultToTeamAndProjectAndAreStripped() throws IOException {
    Files.writeString(dir.resolve("pipeline.yaml"), "data_dir: x\n");
    assertEquals(List.of("team", "project"), PipelineConfig.load(dir).showbackTagKeys());
    Files.writeString(
        dir.resolve("pipeline.yaml"), "data_dir: x\nshowback_tag_keys: [' CostCenter', env]\n");
    assertEquals(List.of("CostCenter", "env"), PipelineConfig.load(dir).showbackTagKeys());
    Files.writeString(dir.resolve("pipeline.yaml"), "data_dir: x\nshowback_tag_keys: []\n");
    assertEquals(List.of(), PipelineConfig.load(dir).showbackTagKeys());
  }

  @Test
  void showbackTagKeyNamedTwiceInAnotherCaseIsAConfigError() throws IOException {
    assertTrue(
        fails("data_dir: x\nshowback_tag_keys: [team, Team]\n")
            .getMessage()
            .contains("showback_tag_keys: 'Team' is blank or named twice"));
  }

  @Test
  void anomalyMinDeviationDefaultsTo100AndIsNeverNegative() throws IOException {
    Files.writeString(dir.resolve("pipeline.yaml"), "data_dir: x\n");
    assertEquals(
        new java.math.BigDecimal("100"), PipelineConfig.load(dir).anomalies().minDeviation());
    Files.writeString(
        dir.resolve("pipeline.yaml"), "data_dir: x\nanomalies:\n  min_deviation: 2.5\n");
    assertEquals(
        new java.math.BigDecimal("2.5"), PipelineConfig.load(dir).anomalies().minDeviation());
    assertTrue(
        fails("data_dir: x\nanomalies:\n  min_deviation: -1\n")
            .getMessage()
            .contains("anomalies.min_deviation must be 0 or more"));
  }

  /**
   * No block keeps 400 days; {@code keep_days: 30} keeps 30; 0 fails naming line 3 (data_dir is
   * line 1, retention line 2); a misspelled key fails naming line 3 too.
   */
  @Test
  void retentionKeepsFourHundredDaysUnlessSetAndRejectsZeroAndUnknownKeys() throws IOException {
    Files.writeString(dir.resolve("pipeline.yaml"), "data_dir: x\n");
    assertEquals(400, PipelineConfig.load(dir).retention().keepDays());
    Files.writeString(dir.resolve("pipeline.yaml"), "data_dir: x\nretention:\n  keep_days: 30\n");
    assertEquals(30, PipelineConfig.load(dir).retention().keepDays());
    BurnrateException zero = fails("data_dir: x\nretention:\n  keep_days: 0\n");
    assertTrue(
        zero.getMessage().contains(":3: retention.keep_days must be 1 or more"), zero.getMessage());
    BurnrateException typo = fails("data_dir: x\nretention:\n  keep_dayz: 30\n");
    assertTrue(typo.getMessage().contains(":3: unknown key 'keep_dayz'"), typo.getMessage());
  }

  @Test
  void aContractCommitmentSourceNamesItsProviderAndHasNoFreshness() throws IOException {
    String source =
        "data_dir: x\nsources:\n  - {name: cc, format: focus-contract-commitments,"
            + " path: 'x/*.csv'";
    assertTrue(
        fails(source + "}\n")
            .getMessage()
            .contains(
                ":3: sources[0].options.provider: required, the dataset has no provider column"));
    assertTrue(
        fails(source + ", options: {provider: Acme, sheet: 1}}\n")
            .getMessage()
            .contains(
                ":3: source 'cc': unknown option 'sheet' (focus-contract-commitments accepts:"
                    + " provider)"));
    assertTrue(
        fails(source + ", options: {provider: Acme}, freshness: {warn_after_hours: 1}}\n")
            .getMessage()
            .contains("freshness does not apply to contract commitments"));
    Files.writeString(dir.resolve("pipeline.yaml"), source + ", options: {provider: Acme}}\n");
    PipelineConfig cfg = PipelineConfig.load(dir);
    assertEquals(
        List.of("cc"),
        cfg.sourcesOf(SourceFormat.Kind.CONTRACT_COMMITMENTS).stream()
            .map(SourceConfig::name)
            .toList());
    assertEquals(List.of(), cfg.sourcesOf(SourceFormat.Kind.COST));
  }
}
