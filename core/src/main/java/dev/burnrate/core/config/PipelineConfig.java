package dev.burnrate.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.burnrate.core.BurnrateException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * conf/pipeline.yaml, with every path resolved. Keys that scripts rely on are listed in DESIGN.md;
 * an unknown key is a configuration error, so a typo never silently falls back to a default.
 *
 * @param confDir the folder the configuration was read from
 * @param reportingCurrency ISO code that every report amount is converted to
 * @param dataDir root of landing/, lake/, warehouse/ and reports/ (absolute)
 * @param spark Spark master and properties
 * @param sources the export feeds, in the order they are ingested
 * @param quarantineMaxShare largest share of an input file's rows that may be quarantined before
 *     the run fails with exit 3
 * @param delivery who receives the PDF by mail, when pipeline.yaml has a {@code delivery:} block
 * @param showbackTagKeys the tag keys the warehouse's showback splits spend by (matched
 *     case-insensitively; default team and project)
 * @param storage object-store options every {@code s3://} or Azure source inherits unless it sets
 *     its own ({@code endpoint}, {@code path_style}, {@code region}); never credentials
 * @param overlaps which source wins when two sources deliver the same provider, billing account and
 *     billing period (pipeline.yaml {@code overlaps: {prefer: [...]}}; empty when not set)
 * @param anomalies how the warehouse's spend_anomalies judges a deviation (pipeline.yaml {@code
 *     anomalies:})
 * @param warehouse how the DuckDB warehouse file is written (pipeline.yaml {@code warehouse:})
 */
public record PipelineConfig(
    Path confDir,
    String reportingCurrency,
    Path dataDir,
    SparkConfig spark,
    List<SourceConfig> sources,
    double quarantineMaxShare,
    Optional<DeliveryConfig> delivery,
    List<String> showbackTagKeys,
    Map<String, String> storage,
    Overlaps overlaps,
    Anomalies anomalies,
    WarehouseSettings warehouse) {

  /** The showback tag keys when pipeline.yaml does not name any. */
  public static final List<String> DEFAULT_SHOWBACK_TAG_KEYS = List.of("team", "project");

  public PipelineConfig {
    showbackTagKeys = showbackTagKeys == null ? List.of() : List.copyOf(showbackTagKeys);
    storage = storage == null ? Map.of() : Map.copyOf(storage);
    overlaps = overlaps == null ? Overlaps.NONE : overlaps;
    warehouse = warehouse == null ? WarehouseSettings.DEFAULT : warehouse;
    anomalies = anomalies == null ? Anomalies.DEFAULT : anomalies;
  }

  /**
   * pipeline.yaml's {@code anomalies:} block, for the warehouse's spend_anomalies.
   *
   * @param minDeviation the smallest deviation from a day's expected spend, in the reporting
   *     currency, that can be an anomaly ({@code min_deviation}, default 100): a series that never
   *     varies flags nothing smaller, however large its score
   */
  public record Anomalies(@JsonProperty("min_deviation") BigDecimal minDeviation) {
    /** The defaults: a deviation of at least 100 reporting-currency units. */
    public static final Anomalies DEFAULT = new Anomalies(null);

    public Anomalies {
      minDeviation = minDeviation == null ? new BigDecimal("100") : minDeviation;
    }
  }

  /**
   * pipeline.yaml's {@code overlaps:} block. When two sources deliver rows for the same provider,
   * billing account and billing period (a legacy CUR feed and a FOCUS feed of one payer during a
   * migration), exactly one wins that period: the one named first in {@code prefer}. An overlap
   * between sources that {@code prefer} does not both name stops the warehouse build (exit 3). An
   * Azure actual and amortized pair ({@link SourceConfig#costBasis}) is one feed, not an overlap.
   *
   * @param prefer source names, the winner first
   */
  public record Overlaps(@JsonProperty("prefer") List<String> prefer) {
    /** No overlap is resolved. */
    public static final Overlaps NONE = new Overlaps(List.of());

    public Overlaps {
      prefer = prefer == null ? List.of() : List.copyOf(prefer);
    }
  }

  /** The file name of the pipeline configuration inside the conf folder. */
  public static final String FILE = "pipeline.yaml";

  /** The file as written by an operator; {@link #load} validates and resolves it. */
  record Raw(
      @JsonProperty("reporting_currency") String reportingCurrency,
      @JsonProperty("data_dir") String dataDir,
      @JsonProperty("spark") SparkConfig spark,
      @JsonProperty("sources") List<SourceConfig> sources,
      @JsonProperty("quarantine_max_share") Double quarantineMaxShare,
      @JsonProperty("delivery") DeliveryConfig.Raw delivery,
      @JsonProperty("showback_tag_keys") List<String> showbackTagKeys,
      @JsonProperty("storage") Map<String, String> storage,
      @JsonProperty("overlaps") Overlaps overlaps,
      @JsonProperty("anomalies") Anomalies anomalies,
      @JsonProperty("warehouse") WarehouseSettings warehouse) {}

  /** Reads and validates {@code confDir/pipeline.yaml}; problems are exit-2 errors. */
  public static PipelineConfig load(Path confDir) {
    Path file = confDir.resolve(FILE);
    Raw raw = Yaml.read(file, Raw.class);
    String currency = raw.reportingCurrency() == null ? "USD" : raw.reportingCurrency().trim();
    if (!currency.matches("[A-Z]{3}")) {
      throw BurnrateException.config(
          file + ": reporting_currency '" + currency + "' is not a three-letter ISO code");
    }
    if (raw.dataDir() == null || raw.dataDir().isBlank()) {
      throw BurnrateException.config(file + ": data_dir is required");
    }
    Path absConf = confDir.toAbsolutePath().normalize();
    Path dataDir = absConf.resolve(raw.dataDir()).normalize();
    List<SourceConfig> sources = raw.sources() == null ? List.of() : List.copyOf(raw.sources());
    Set<String> names = new HashSet<>();
    for (SourceConfig s : sources) {
      if (!s.name().matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
        throw BurnrateException.config(
            file + ": source name '" + s.name() + "' may hold only letters, digits, '.', '_', '-'");
      }
      if (!names.add(s.name())) {
        throw BurnrateException.config(file + ": source name '" + s.name() + "' is used twice");
      }
      if (SourceFormat.fromKey(s.format()).isEmpty()) {
        throw BurnrateException.config(
            file
                + ": source '"
                + s.name()
                + "': unknown format '"
                + s.format()
                + "' (known: "
                + SourceFormat.knownKeys()
                + ")");
      }
      if (s.sourceFormat().kind() == SourceFormat.Kind.CONTRACT_COMMITMENTS) {
        validateContractCommitmentSource(file, s);
      }
      validateCostBasis(file, s);
      validateHostMap(file, absConf, s);
    }
    Overlaps overlaps = validateOverlaps(file, raw.overlaps(), names);
    double share = raw.quarantineMaxShare() == null ? 0.01 : raw.quarantineMaxShare();
    if (share < 0 || share > 1) {
      throw BurnrateException.config(file + ": quarantine_max_share must be between 0 and 1");
    }
    SparkConfig spark = raw.spark() == null ? SparkConfig.defaults() : raw.spark();
    Optional<DeliveryConfig> delivery = DeliveryConfig.from(file, raw.delivery());
    List<String> tagKeys =
        raw.showbackTagKeys() == null ? DEFAULT_SHOWBACK_TAG_KEYS : raw.showbackTagKeys();
    Set<String> lowerKeys = new HashSet<>();
    for (String key : tagKeys) {
      if (key == null || key.isBlank() || !lowerKeys.add(key.strip().toLowerCase(Locale.ROOT))) {
        throw BurnrateException.config(
            file
                + ": showback_tag_keys: '"
                + key
                + "' is blank or named twice (case-insensitively)");
      }
    }
    PipelineConfig cfg =
        new PipelineConfig(
            absConf,
            currency,
            dataDir,
            spark,
            sources,
            share,
            delivery,
            tagKeys.stream().map(String::strip).toList(),
            raw.storage(),
            overlaps,
            validateAnomalies(file, raw.anomalies()),
            WarehouseSettings.validate(file, raw.warehouse()));
    for (SourceConfig s : sources) {
      // a malformed object-store path or storage mode is an exit-2 error now
      ObjectStorePath.parse(s.path()).ifPresent(p -> cfg.storageMode(s));
    }
    return cfg;
  }

  private static Anomalies validateAnomalies(Path file, Anomalies anomalies) {
    if (anomalies != null && anomalies.minDeviation().signum() < 0) {
      throw BurnrateException.config(
          file
              + ": anomalies.min_deviation must be 0 or more (reporting currency), not "
              + anomalies.minDeviation().toPlainString());
    }
    return anomalies;
  }

  /**
   * A Contract Commitment dataset has no provider column (FOCUS 1.3), so the source names it; it
   * has no charges either, so no freshness applies.
   */
  private static void validateContractCommitmentSource(Path file, SourceConfig s) {
    String where = file + ": source '" + s.name() + "' (format " + s.format() + ")";
    String provider = s.options().get("provider");
    if (provider == null || provider.isBlank()) {
      throw BurnrateException.config(
          where + ": options.provider is required (the dataset has no provider column)");
    }
    for (String key : s.options().keySet()) {
      if (!key.equals("provider")) {
        throw BurnrateException.config(where + ": unknown option '" + key + "' (known: provider)");
      }
    }
    if (s.freshness() != null) {
      throw BurnrateException.config(
          where + ": freshness does not apply to contract commitments (they have no charges)");
    }
  }

  /** The sources of one kind, in their configured order. */
  public List<SourceConfig> sourcesOf(SourceFormat.Kind kind) {
    return sources.stream().filter(s -> s.sourceFormat().kind() == kind).toList();
  }

  /** {@code options.host_map}: only on a telemetry source, a readable, well-formed CSV. */
  private static void validateHostMap(Path file, Path confDir, SourceConfig s) {
    Path map = GpuHostMap.file(confDir, s);
    if (map == null) {
      return;
    }
    if (s.sourceFormat().kind() != SourceFormat.Kind.TELEMETRY) {
      throw BurnrateException.config(
          file
              + ": source '"
              + s.name()
              + "': options."
              + GpuHostMap.OPTION
              + " applies to telemetry sources only (dcgm, prometheus-json, nvidia-smi)");
    }
    GpuHostMap.read(map, s.name());
  }

  /** {@code options.cost_basis}: actual or amortized, and only on an Azure cost export. */
  private static void validateCostBasis(Path file, SourceConfig s) {
    Optional<String> basis = s.costBasis();
    if (basis.isEmpty()) {
      return;
    }
    String where = file + ": source '" + s.name() + "': options." + SourceConfig.COST_BASIS;
    if (s.sourceFormat() != SourceFormat.AZURE_EA && s.sourceFormat() != SourceFormat.AZURE_MCA) {
      throw BurnrateException.config(
          where
              + " applies to Azure cost exports only (format azure-ea or azure-mca), not to '"
              + s.format()
              + "'");
    }
    if (!SourceConfig.COST_BASES.contains(basis.get())) {
      throw BurnrateException.config(
          where
              + " must be actual or amortized, not '"
              + s.options().get(SourceConfig.COST_BASIS)
              + "'");
    }
  }

  /** {@code overlaps.prefer} names configured sources, each once. */
  private static Overlaps validateOverlaps(Path file, Overlaps overlaps, Set<String> sourceNames) {
    if (overlaps == null) {
      return Overlaps.NONE;
    }
    Set<String> seen = new HashSet<>();
    for (String name : overlaps.prefer()) {
      if (name == null || !sourceNames.contains(name)) {
        throw BurnrateException.config(
            file + ": overlaps.prefer: '" + name + "' is not a source name of this file");
      }
      if (!seen.add(name)) {
        throw BurnrateException.config(file + ": overlaps.prefer: '" + name + "' is named twice");
      }
    }
    return overlaps;
  }

  /** Where this configuration's data lives. */
  public DataLayout layout() {
    return new DataLayout(dataDir);
  }

  /** conf/contracts.yaml (may be absent: then no contract is tracked). */
  public Path contractsFile() {
    return confDir.resolve("contracts.yaml");
  }

  /** conf/fx-rates.csv (may be absent when every charge is in the reporting currency). */
  public Path fxRatesFile() {
    return confDir.resolve("fx-rates.csv");
  }

  /**
   * A source path resolved against data_dir, unless it is absolute or a URI. An object-store source
   * ({@link ObjectStorePath}) resolves to its copy in {@link #pulledLanding}, which the pull step
   * keeps in step with the store, or in {@link StorageMode#DIRECT} mode to the store itself ({@code
   * s3a://bucket/prefix/glob}; the ingest reads the objects its {@link PullPlan} names).
   */
  public String resolveSourcePath(SourceConfig source) {
    String p = source.path();
    Optional<ObjectStorePath> store = ObjectStorePath.parse(p);
    if (store.isPresent()) {
      ObjectStorePath s = store.get();
      return storageMode(source) == StorageMode.DIRECT
          ? s.hadoopUri(s.prefix()) + s.glob()
          : pulledLanding(source).resolve(s.glob()).toString();
    }
    if (p.contains("://") || Path.of(p).isAbsolute()) {
      return p;
    }
    return dataDir.resolve(p).toString();
  }

  /**
   * An object-store source's settings ({@code endpoint}, {@code path_style}, {@code region}, {@code
   * layout}, {@code mode}): its own {@code storage:} block over the top-level one.
   */
  public Map<String, String> storageOptions(SourceConfig source) {
    Map<String, String> options = new java.util.HashMap<>(storage);
    options.putAll(source.storage());
    return options;
  }

  /**
   * How an object-store source is read, {@link StorageMode#COPY} or {@link StorageMode#DIRECT}:
   * {@code auto} (the default) is direct when Spark runs on a cluster, for S3 sources that are not
   * OCI's reports ({@link OciReports#keepsDeleted}).
   */
  public StorageMode storageMode(SourceConfig source) {
    if (!ObjectStorePath.isObjectStore(source.path())) {
      return StorageMode.COPY; // a local or Hadoop path is read where it is
    }
    Map<String, String> options = storageOptions(source);
    StorageMode mode = StorageMode.of(source.name(), options.get("mode"));
    boolean s3 =
        ObjectStorePath.parse(source.path())
            .map(p -> p.kind() == ObjectStorePath.Kind.S3)
            .orElse(false);
    // OCI's reports outlive the bucket's retention only as landing copies
    boolean keepsDeleted = OciReports.keepsDeleted(source, options);
    if (mode == StorageMode.DIRECT && (!s3 || keepsDeleted)) {
      throw BurnrateException.config(
          "source '"
              + source.name()
              + "': storage.mode direct reads s3:// sources only, and not OCI's cost or FOCUS"
              + " reports (layout oci, format oci-cost or a path in their folders: they outlive"
              + " the bucket's retention only as copies): use storage.mode copy");
    }
    if (mode == StorageMode.AUTO) {
      boolean cluster = !spark.master().startsWith("local");
      return s3 && !keepsDeleted && cluster ? StorageMode.DIRECT : StorageMode.COPY;
    }
    return mode;
  }

  /** Where the pull step copies an object-store source: {@code data_dir/landing/<source>/}. */
  public Path pulledLanding(SourceConfig source) {
    return layout().landing().resolve(source.name());
  }

  /** True when the named file exists in the conf folder. */
  public boolean has(String fileName) {
    return Files.isRegularFile(confDir.resolve(fileName));
  }
}
