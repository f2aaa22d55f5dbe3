package dev.burnrate.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.PipelineConfig.Anomalies;
import dev.burnrate.core.config.PipelineConfig.Overlaps;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads conf/pipeline.yaml into a {@link PipelineConfig}: every key, every source's options and
 * every cross-reference checked, each problem an exit-2 error naming the line of its key.
 */
final class PipelineYaml {
  private PipelineYaml() {}

  /** The file as written by an operator; {@link #read} validates and resolves it. */
  record Raw(
      @JsonProperty("reporting_currency") String reportingCurrency,
      @JsonProperty("data_dir") String dataDir,
      @JsonProperty("spark") SparkConfig spark,
      @JsonProperty("sources") List<SourceConfig.Raw> sources,
      @JsonProperty("quarantine_max_share") Double quarantineMaxShare,
      @JsonProperty("mail") MailConfig.Raw mail,
      @JsonProperty("showback_tag_keys") List<String> showbackTagKeys,
      @JsonProperty("storage") StorageOptions storage,
      @JsonProperty("overlaps") Overlaps overlaps,
      @JsonProperty("anomalies") Anomalies anomalies,
      @JsonProperty("warehouse") WarehouseSettings warehouse,
      @JsonProperty("retention") Retention retention) {}

  /** Reads and validates {@code confDir/pipeline.yaml}. */
  static PipelineConfig read(Path confDir) {
    Path file = confDir.resolve(PipelineConfig.FILE);
    Yaml.Document doc = Yaml.Document.of(file);
    if (doc.has("/delivery")) {
      throw doc.error(
          "/delivery",
          "key 'delivery' is renamed to mail: (same keys: from, recipients, subject, smtp);"
              + " rename the block");
    }
    Raw raw = doc.read(Raw.class);
    String currency = raw.reportingCurrency() == null ? "USD" : raw.reportingCurrency().trim();
    if (!currency.matches("[A-Z]{3}")) {
      throw doc.error(
          "/reporting_currency",
          "reporting_currency '" + currency + "' is not a three-letter ISO code");
    }
    if (raw.dataDir() == null || raw.dataDir().isBlank()) {
      throw BurnrateException.config(file + ": data_dir is required");
    }
    Path absConf = confDir.toAbsolutePath().normalize();
    List<SourceConfig> sources = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<SourceConfig.Raw> rawSources = raw.sources() == null ? List.of() : raw.sources();
    for (int i = 0; i < rawSources.size(); i++) {
      String at = "/sources/" + i;
      SourceConfig s = SourceConfig.read(doc, at, rawSources.get(i));
      if (!names.add(s.name())) {
        throw doc.error(at + "/name", "source name '" + s.name() + "' is used twice");
      }
      if (s.sourceFormat().kind() == SourceFormat.Kind.CONTRACT_COMMITMENTS
          && s.freshness() != null) {
        throw doc.error(
            at + "/freshness",
            "source '"
                + s.name()
                + "': freshness does not apply to contract commitments (they have no charges)");
      }
      if (s.sourceFormat().kind() == SourceFormat.Kind.TELEMETRY) {
        GpuHostMap.file(absConf, s).ifPresent(map -> GpuHostMap.read(map, s.name()));
      }
      sources.add(s);
    }
    double share = raw.quarantineMaxShare() == null ? 0.01 : raw.quarantineMaxShare();
    if (share < 0 || share > 1) {
      throw doc.error("/quarantine_max_share", "quarantine_max_share must be between 0 and 1");
    }
    List<String> tagKeys =
        raw.showbackTagKeys() == null
            ? PipelineConfig.DEFAULT_SHOWBACK_TAG_KEYS
            : raw.showbackTagKeys();
    Set<String> lowerKeys = new HashSet<>();
    for (int i = 0; i < tagKeys.size(); i++) {
      String key = tagKeys.get(i);
      if (key == null || key.isBlank() || !lowerKeys.add(key.strip().toLowerCase(Locale.ROOT))) {
        throw doc.error(
            "/showback_tag_keys/" + i,
            "showback_tag_keys: '" + key + "' is blank or named twice (case-insensitively)");
      }
    }
    PipelineConfig cfg =
        PipelineConfig.builder(absConf, absConf.resolve(raw.dataDir()).normalize())
            .reportingCurrency(currency)
            .spark(raw.spark() == null ? SparkConfig.defaults() : raw.spark())
            .sources(sources)
            .quarantineMaxShare(share)
            .mail(MailConfig.from(doc, raw.mail()).orElse(null))
            .showbackTagKeys(tagKeys.stream().map(String::strip).toList())
            .storage(raw.storage())
            .overlaps(validateOverlaps(doc, raw.overlaps(), names))
            .anomalies(validateAnomalies(doc, raw.anomalies()))
            .warehouse(WarehouseSettings.validate(doc, absConf, raw.warehouse()))
            .retention(validateRetention(doc, raw.retention()))
            .build();
    for (int i = 0; i < sources.size(); i++) {
      SourceConfig s = sources.get(i);
      try {
        // a malformed object-store path or storage mode is an exit-2 error now
        ObjectStorePath.parse(s.path()).ifPresent(p -> cfg.storageMode(s));
      } catch (BurnrateException e) {
        throw doc.error("/sources/" + i, e.getMessage());
      }
    }
    return cfg;
  }

  private static Retention validateRetention(Yaml.Document doc, Retention retention) {
    if (retention != null && retention.keepDays() < 1) {
      throw doc.error(
          "/retention/keep_days",
          "retention.keep_days must be 1 or more (days), not " + retention.keepDays());
    }
    return retention;
  }

  private static Anomalies validateAnomalies(Yaml.Document doc, Anomalies anomalies) {
    if (anomalies != null && anomalies.minDeviation().signum() < 0) {
      throw doc.error(
          "/anomalies/min_deviation",
          "anomalies.min_deviation must be 0 or more (reporting currency), not "
              + anomalies.minDeviation().toPlainString());
    }
    return anomalies;
  }

  /** {@code overlaps.prefer} names configured sources, each once. */
  private static Overlaps validateOverlaps(
      Yaml.Document doc, Overlaps overlaps, Set<String> sourceNames) {
    if (overlaps == null) {
      return Overlaps.NONE;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < overlaps.prefer().size(); i++) {
      String name = overlaps.prefer().get(i);
      String at = "/overlaps/prefer/" + i;
      if (name == null || !sourceNames.contains(name)) {
        throw doc.error(at, "overlaps.prefer: '" + name + "' is not a source name of this file");
      }
      if (!seen.add(name)) {
        throw doc.error(at, "overlaps.prefer: '" + name + "' is named twice");
      }
    }
    return overlaps;
  }
}
