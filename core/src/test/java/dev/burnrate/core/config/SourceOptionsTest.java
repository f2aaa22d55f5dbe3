package dev.burnrate.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source's {@code options:} and the {@code storage:} blocks are checked when pipeline.yaml loads:
 * an unknown key or a bad value is an exit-2 error naming the file, the line of the key, the key
 * and what it accepts; a new user's four mistakes first.
 */
class SourceOptionsTest {
  @TempDir Path dir;

  private PipelineConfig load(String yaml) throws IOException {
    Files.writeString(dir.resolve("pipeline.yaml"), yaml);
    return PipelineConfig.load(dir);
  }

  /** The whole message, which must be one line. */
  private String fails(String yaml) throws IOException {
    Files.writeString(dir.resolve("pipeline.yaml"), yaml);
    BurnrateException e = assertThrows(BurnrateException.class, () -> PipelineConfig.load(dir));
    assertEquals(ExitCode.USAGE, e.exitCode(), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e.getMessage();
  }

  private String at(int line) {
    return dir.resolve("pipeline.yaml") + ":" + line + ": ";
  }

  @Test
  void aMisspelledOptionIsRefusedWithTheClosestAcceptedKey() throws IOException {
    String yaml =
        "data_dir: data\n"
            + "sources:\n"
            + "  - name: aws\n"
            + "    format: focus\n"
            + "    path: 'landing/aws/**'\n"
            + "    options:\n"
            + "      delivry: file\n";
    assertEquals(
        at(7)
            + "source 'aws': unknown option 'delivry' (did you mean 'delivery'? focus accepts:"
            + " delivery, tag_key_case, default.<FocusColumn>)",
        fails(yaml));
  }

  /** The value was checked by the billing ingest, after Spark had started; now when it loads. */
  @Test
  void aBadOptionValueIsRefusedWhenTheFileLoadsWithTheAcceptedValues() throws IOException {
    String yaml =
        "data_dir: data\n"
            + "sources:\n"
            + "  - name: aws\n"
            + "    format: focus\n"
            + "    path: 'landing/aws/**'\n"
            + "    options: {delivery: sources}\n";
    assertEquals(
        at(6) + "sources[0].options.delivery: 'sources' is not one of auto, file, folder, append",
        fails(yaml));
  }

  @Test
  void pathStyleIsAYamlBooleanQuotedOrNotAndNothingElse() throws IOException {
    String source = "sources:\n  - {name: s3, format: focus, path: 's3://bucket/focus/'}\n";
    PipelineConfig plain = load("data_dir: data\nstorage:\n  path_style: true\n" + source);
    assertEquals(true, plain.storageOptions(plain.sources().get(0)).pathStyle());
    PipelineConfig quoted = load("data_dir: data\nstorage:\n  path_style: \"true\"\n" + source);
    assertEquals(true, quoted.storageOptions(quoted.sources().get(0)).pathStyle());
    PipelineConfig unset = load("data_dir: data\n" + source);
    assertEquals(false, unset.storageOptions(unset.sources().get(0)).pathStyle(), "default");
    assertEquals(
        at(4) + "storage.path_style: 'ture' is not true or false",
        fails("data_dir: data\nstorage:\n  region: eu-west-1\n  path_style: ture\n" + source));
  }

  /**
   * Jackson notices the missing {@code format} before the unknown {@code fromat}, at the end of the
   * source; the operator is told about the key as written, on its own line.
   */
  @Test
  void aMisspelledSourceKeyIsNamedOnItsLineNotReportedAsAMissingOne() throws IOException {
    String yaml =
        "data_dir: data\n"
            + "sources:\n"
            + "  - name: aws\n"
            + "    fromat: focus\n"
            + "    path: 'landing/aws/**'\n"
            + "  - name: azure\n"
            + "    format: focus\n"
            + "    path: 'landing/azure/**'\n";
    assertEquals(
        at(4)
            + "unknown key 'fromat' (did you mean 'format'? known here: format, freshness, name,"
            + " options, path, storage)",
        fails(yaml));
    assertEquals(
        at(3) + "sources[0]: 'format' is required",
        fails("data_dir: data\nsources:\n  - name: aws\n    path: 'landing/aws/**'\n"));
    assertEquals(
        at(2)
            + "unknown key 'sources_' (did you mean 'sources'? known here: anomalies, data_dir,"
            + " mail, overlaps, quarantine_max_share, reporting_currency, retention,"
            + " showback_tag_keys, sources, spark, storage, warehouse)",
        fails("data_dir: data\nsources_: []\n"));
    assertEquals(
        at(3)
            + "source 'aws': unknown format 'fcous' (did you mean 'focus'? known: "
            + SourceFormat.knownKeys()
            + ")",
        fails("data_dir: data\nsources:\n  - {name: aws, format: fcous, path: x}\n"));
  }

  /** A sample value for every option any format documents, and what it reads as. */
  private static final Map<String, String> SAMPLES =
      Map.ofEntries(
          Map.entry("delivery", "append"),
          Map.entry("tag_key_case", "preserve"),
          Map.entry("rate_card", "cards/coreweave.csv"),
          Map.entry("cost_basis", "Amortized"),
          Map.entry("provider", "CoreWeave"),
          Map.entry("bill_match", "ResourceId"),
          Map.entry("scrape_interval_seconds", "30"),
          Map.entry("host_map", "hosts.csv"),
          Map.entry("host_label", "node"),
          Map.entry("instance_label", "iid"),
          Map.entry("timezone", "Europe/Berlin"),
          Map.entry("scrape_time", "2026-11-30T15:00:00+01:00"),
          Map.entry("host_pattern", "'(gpu-node-\\d+)'"),
          Map.entry("columns", "'timestamp, index, uuid, utilization.gpu [%]'"));

  /**
   * Every format's options, each set to a documented value, load into its kind's record; a cost
   * format also takes a column default.
   */
  @Test
  void everyFormatsDocumentedOptionsParse() throws IOException {
    Files.writeString(dir.resolve("hosts.csv"), "hostname,instance_id\ngpu-1,i-0abc\n");
    StringBuilder yaml = new StringBuilder("data_dir: data\nsources:\n");
    for (SourceFormat f : SourceFormat.values()) {
      yaml.append("  - name: ").append(f.key()).append('\n');
      yaml.append("    format: ").append(f.key()).append('\n');
      yaml.append("    path: 'landing/").append(f.key()).append("/**'\n");
      yaml.append("    options:\n");
      for (String key : f.optionKeys()) {
        yaml.append("      ").append(key).append(": ").append(SAMPLES.get(key)).append('\n');
      }
      if (f.kind() == SourceFormat.Kind.COST) {
        yaml.append("      default.ChargeCategory: Usage\n");
      }
    }
    PipelineConfig cfg = load(yaml.toString());

    Set<String> seen = new java.util.HashSet<>();
    for (SourceConfig s : cfg.sources()) {
      SourceFormat f = s.sourceFormat();
      seen.addAll(f.optionKeys());
      switch (f.kind()) {
        case COST -> {
          BillingOptions o = s.billingOptions();
          assertEquals(DeliveryRule.APPEND, o.delivery(), f.key());
          assertEquals(BillingOptions.TagKeyCase.PRESERVE, o.tagKeyCase(), f.key());
          assertEquals(Map.of("ChargeCategory", "Usage"), o.defaults(), f.key());
          assertEquals(
              f.optionKeys().contains("rate_card")
                  ? Optional.of("cards/coreweave.csv")
                  : Optional.empty(),
              o.rateCard(),
              f.key());
          assertEquals(
              f.optionKeys().contains("cost_basis")
                  ? Optional.of(BillingOptions.CostBasis.AMORTIZED)
                  : Optional.empty(),
              o.costBasis(),
              f.key());
        }
        case TELEMETRY -> {
          TelemetryOptions o = s.telemetryOptions();
          TelemetryOptions d = TelemetryOptions.DEFAULT;
          boolean labels = f.optionKeys().contains("host_label");
          boolean smi = f == SourceFormat.NVIDIA_SMI;
          assertEquals(Optional.of("CoreWeave"), o.provider(), f.key());
          assertEquals(TelemetryOptions.BillMatch.RESOURCE_ID, o.billMatch(), f.key());
          assertEquals(30.0, o.scrapeIntervalSeconds(), f.key());
          assertEquals(Optional.of("hosts.csv"), o.hostMap(), f.key());
          assertEquals(labels ? "node" : d.hostLabel(), o.hostLabel(), f.key());
          assertEquals(labels ? "iid" : d.instanceLabel(), o.instanceLabel(), f.key());
          assertEquals(
              f == SourceFormat.PROMETHEUS_JSON ? ZoneId.of("UTC") : ZoneId.of("Europe/Berlin"),
              o.timezone(),
              f.key());
          assertEquals(
              f == SourceFormat.DCGM
                  ? new ScrapeTime(ScrapeTime.Mode.FIXED, Instant.parse("2026-11-30T14:00:00Z"))
                  : ScrapeTime.FILE_NAME,
              o.scrapeTime(),
              f.key());
          assertEquals(smi ? "(gpu-node-\\d+)" : d.hostPattern(), o.hostPattern(), f.key());
          assertEquals(
              smi ? Optional.of("timestamp, index, uuid, utilization.gpu [%]") : Optional.empty(),
              o.columns(),
              f.key());
        }
        case CONTRACT_COMMITMENTS ->
            assertEquals(new CommitmentOptions("CoreWeave"), s.commitmentOptions());
      }
    }
    assertEquals(SAMPLES.keySet(), seen, "every sample is some format's option");
    assertEquals(
        EnumSet.allOf(SourceFormat.class),
        EnumSet.copyOf(cfg.sources().stream().map(SourceConfig::sourceFormat).toList()));
  }

  @Test
  void aSourceWithoutOptionsHasItsKindsDefaults() throws IOException {
    PipelineConfig cfg =
        load(
            "data_dir: data\nsources:\n  - {name: a, format: aws-cur, path: x}\n"
                + "  - {name: g, format: dcgm, path: y, options: }\n");
    assertEquals(BillingOptions.DEFAULT, cfg.sources().get(0).billingOptions());
    assertEquals(TelemetryOptions.DEFAULT, cfg.sources().get(1).telemetryOptions());
    assertEquals(ZoneId.of("UTC"), TelemetryOptions.DEFAULT.timezone());
    assertEquals(60.0, TelemetryOptions.DEFAULT.scrapeIntervalSeconds());
    assertEquals(TelemetryOptions.BillMatch.AUTO, TelemetryOptions.DEFAULT.billMatch());
    assertEquals("Hostname", TelemetryOptions.DEFAULT.hostLabel());
    assertEquals("instance_id", TelemetryOptions.DEFAULT.instanceLabel());
    assertEquals(ScrapeTime.FILE_NAME, TelemetryOptions.DEFAULT.scrapeTime());
    assertEquals(ScrapeTime.FILE_NAME, ScrapeTime.of("file-name"));
    assertEquals(new ScrapeTime(ScrapeTime.Mode.MODIFIED, null), ScrapeTime.of(" modified "));
  }

  /** An option another format takes says which formats take it. */
  @Test
  void anOptionOfAnotherFormatNamesTheFormatsThatTakeIt() throws IOException {
    assertEquals(
        at(3)
            + "source 'smi': option 'scrape_time' applies to dcgm sources only (nvidia-smi accepts:"
            + " provider, bill_match, scrape_interval_seconds, host_map, timezone, host_pattern,"
            + " columns)",
        fails(
            "data_dir: data\nsources:\n"
                + "  - {name: smi, format: nvidia-smi, path: x, options: {scrape_time: modified}}\n"));
    assertEquals(
        at(5)
            + "source 'cur': option 'rate_card' applies to focus-usage, auto sources only (aws-cur"
            + " accepts: delivery, tag_key_case, default.<FocusColumn>)",
        fails(
            "data_dir: data\nsources:\n  - name: cur\n    format: aws-cur\n"
                + "    options: {rate_card: x.csv}\n    path: x\n"));
  }

  @Test
  void badValuesNameTheirKeyAndLine() throws IOException {
    String head = "data_dir: data\nsources:\n  - name: g\n    format: dcgm\n    path: x\n";
    assertEquals(
        at(7)
            + "sources[0].options.timezone: 'Mars/Olympus' is not a zone id such as UTC or"
            + " Europe/Berlin",
        fails(head + "    options:\n      timezone: Mars/Olympus\n"));
    assertEquals(
        at(8) + "sources[0].options.scrape_interval_seconds: must be in (0, 3600]",
        fails(head + "    options:\n      provider: AWS\n      scrape_interval_seconds: 7200\n"));
    assertEquals(
        at(7) + "sources[0].options.scrape_interval_seconds: 'often' is not a number",
        fails(head + "    options:\n      scrape_interval_seconds: often\n"));
    assertEquals(
        at(7)
            + "sources[0].options.scrape_time: '2026-11-30 14:00' must be file-name, modified or an"
            + " ISO-8601 instant with its offset, such as 2026-11-30T14:00:00Z",
        fails(head + "    options:\n      scrape_time: '2026-11-30 14:00'\n"));
    assertEquals(
        at(7)
            + "sources[0].options.bill_match: 'Hostname' is not one of auto, ResourceName,"
            + " ResourceId",
        fails(head + "    options:\n      bill_match: Hostname\n"));
    String smi = "data_dir: data\nsources:\n  - {name: s, format: nvidia-smi, path: x, options: ";
    assertEquals(
        at(3) + "sources[0].options.host_pattern: needs a group for the host name",
        fails(smi + "{host_pattern: 'gpu-\\d+'}}\n"));
    assertEquals(
        at(3) + "sources[0].options.default.Colour: names no FOCUS column",
        fails(
            "data_dir: data\nsources:\n"
                + "  - {name: f, format: focus, path: x, options: {default.Colour: red}}\n"));
    assertEquals(
        at(3) + "source 'f': options must be keys with values",
        fails("data_dir: data\nsources:\n  - {name: f, format: focus, path: x, options: [a]}\n"));
  }

  /** A source's storage block wins key by key over the top-level one; an unknown key is named. */
  @Test
  void storageSettingsMergeKeyByKeyAndAreCheckedWhenLoaded() throws IOException {
    PipelineConfig cfg =
        load(
            "data_dir: data\n"
                + "storage: {region: us-east-2, mode: copy, endpoint: 'https://s3.example.com'}\n"
                + "sources:\n"
                + "  - name: oci\n"
                + "    format: focus\n"
                + "    path: 's3://bling/FOCUS Reports/**'\n"
                + "    storage: {region: us-ashburn-1, path_style: yes, layout: OCI}\n");
    assertEquals(
        new StorageOptions(
            "https://s3.example.com", true, "us-ashburn-1", StorageLayout.OCI, StorageMode.COPY),
        cfg.storageOptions(cfg.sources().get(0)));
    String source = "sources:\n  - name: s3\n    format: focus\n    path: 's3://b/p/'\n";
    assertEquals(
        at(7)
            + "unknown key 'endpiont' (did you mean 'endpoint'? known here: endpoint, layout,"
            + " mode, path_style, region)",
        fails("data_dir: data\n" + source + "    storage:\n      endpiont: http://minio:9000\n"));
    assertEquals(
        at(7)
            + "sources[0].storage.layout: 's3' is not one of auto, files, aws-cur,"
            + " aws-data-exports, azure-export, oci",
        fails("data_dir: data\n" + source + "    storage:\n      layout: s3\n"));
    assertEquals(
        at(3) + "storage.endpoint: 'minio:9000' is not an http:// or https:// URL",
        fails("data_dir: data\nstorage:\n  endpoint: minio:9000\n" + source));
  }

  /** A source built in code goes through the same checks as one read from a file. */
  @Test
  void aSourceBuiltInCodeIsCheckedAsWhenLoaded() {
    SourceConfig azure =
        new SourceConfig("az", "azure-ea", "x", Map.of("cost_basis", "actual"), null);
    assertEquals(Optional.of(BillingOptions.CostBasis.ACTUAL), azure.costBasis());
    BurnrateException e =
        assertThrows(
            BurnrateException.class,
            () -> new SourceConfig("aws", "focus", "x", Map.of("delivry", "file"), null));
    assertTrue(
        e.getMessage().startsWith("source 'aws': unknown option 'delivry' (did you mean"),
        e.getMessage());
    assertEquals(
        "options.tag_key_case: 'camel' is not one of lower, upper, preserve",
        assertThrows(
                BurnrateException.class,
                () -> new SourceConfig("aws", "focus", "x", Map.of("tag_key_case", "camel"), null))
            .getMessage());
  }

  /** The builder's defaults are those of a pipeline.yaml that names nothing but data_dir. */
  @Test
  void theBuilderStartsFromTheFilesDefaults() throws IOException {
    PipelineConfig loaded = load("data_dir: data\n");
    Path conf = dir.toAbsolutePath().normalize();
    assertEquals(loaded, PipelineConfig.builder(conf, conf.resolve("data")).build());
    assertEquals(loaded, loaded.toBuilder().build());
    assertEquals(
        List.of("cost"),
        loaded.toBuilder().showbackTagKeys(List.of("cost")).build().showbackTagKeys());
  }
}
