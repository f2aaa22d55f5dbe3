package dev.burnrate.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.burnrate.core.BurnrateException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * conf/pipeline.yaml, with every path resolved. Keys that scripts rely on are listed in DESIGN.md;
 * an unknown key, a source option its format does not take or a value out of its range is a
 * configuration error when the file is loaded, before any stage starts, so a typo never silently
 * falls back to a default. Code that builds a configuration uses {@link #builder}.
 *
 * @param confDir the folder the configuration was read from
 * @param reportingCurrency ISO code that every report amount is converted to
 * @param dataDir root of landing/, lake/, warehouse/ and reports/ (absolute)
 * @param spark Spark master and properties
 * @param sources the export feeds, in the order they are ingested
 * @param quarantineMaxShare largest share of an input file's rows that may be quarantined before
 *     the run fails with exit 3
 * @param mail who receives the PDF by mail, when pipeline.yaml has a {@code mail:} block
 * @param showbackTagKeys the tag keys the warehouse's showback splits spend by (matched
 *     case-insensitively; default team and project)
 * @param storage object-store settings every {@code s3://} or Azure source inherits, key by key,
 *     unless it sets its own ({@link #storageOptions}); never credentials
 * @param overlaps which source wins when two sources deliver the same provider, billing account and
 *     billing period (pipeline.yaml {@code overlaps: {prefer: [...]}}; empty when not set)
 * @param anomalies how the warehouse's fct_spend_anomalies judges a deviation (pipeline.yaml {@code
 *     anomalies:})
 * @param warehouse how the DuckDB warehouse file is written (pipeline.yaml {@code warehouse:})
 * @param retention how long {@code burnrate gc} keeps superseded material (pipeline.yaml {@code
 *     retention:})
 */
public record PipelineConfig(
    Path confDir,
    String reportingCurrency,
    Path dataDir,
    SparkConfig spark,
    List<SourceConfig> sources,
    double quarantineMaxShare,
    Optional<MailConfig> mail,
    List<String> showbackTagKeys,
    StorageOptions storage,
    Overlaps overlaps,
    Anomalies anomalies,
    WarehouseSettings warehouse,
    Retention retention) {

  /** The showback tag keys when pipeline.yaml does not name any. */
  public static final List<String> DEFAULT_SHOWBACK_TAG_KEYS = List.of("team", "project");

  public PipelineConfig {
    sources = sources == null ? List.of() : List.copyOf(sources);
    mail = mail == null ? Optional.empty() : mail;
    showbackTagKeys = showbackTagKeys == null ? List.of() : List.copyOf(showbackTagKeys);
    storage = storage == null ? StorageOptions.NONE : storage;
    overlaps = overlaps == null ? Overlaps.NONE : overlaps;
    warehouse = warehouse == null ? WarehouseSettings.DEFAULT : warehouse;
    anomalies = anomalies == null ? Anomalies.DEFAULT : anomalies;
    retention = retention == null ? Retention.DEFAULT : retention;
  }

  /**
   * pipeline.yaml's {@code anomalies:} block, for the warehouse's fct_spend_anomalies.
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

  /**
   * Reads and validates {@code confDir/pipeline.yaml}, every source's options included; a problem
   * is an exit-2 error naming the file, the line and the key.
   */
  public static PipelineConfig load(Path confDir) {
    return PipelineYaml.read(confDir);
  }

  /** The sources of one kind, in their configured order. */
  public List<SourceConfig> sourcesOf(SourceFormat.Kind kind) {
    return sources.stream().filter(s -> s.sourceFormat().kind() == kind).toList();
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
   * An object-store source's settings: its own {@code storage:} block over the top-level one, key
   * by key, then the defaults ({@code path_style} false, {@code layout} and {@code mode} auto;
   * {@code endpoint} and {@code region} stay null when neither block sets them).
   */
  public StorageOptions storageOptions(SourceConfig source) {
    return source.storage().over(storage).over(StorageOptions.DEFAULTS);
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
    StorageOptions options = storageOptions(source);
    StorageMode mode = options.mode();
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

  /**
   * A configuration built in code: {@code confDir} and {@code dataDir} as given, every other
   * setting as a pipeline.yaml that does not name it.
   */
  public static Builder builder(Path confDir, Path dataDir) {
    return new Builder(confDir, dataDir);
  }

  /** A builder that starts from this configuration. */
  public Builder toBuilder() {
    return new Builder(confDir, dataDir)
        .reportingCurrency(reportingCurrency)
        .spark(spark)
        .sources(sources)
        .quarantineMaxShare(quarantineMaxShare)
        .mail(mail.orElse(null))
        .showbackTagKeys(showbackTagKeys)
        .storage(storage)
        .overlaps(overlaps)
        .anomalies(anomalies)
        .warehouse(warehouse)
        .retention(retention);
  }

  /** Builds a {@link PipelineConfig}; each setting starts at pipeline.yaml's default. */
  public static final class Builder {
    private Path confDir;
    private Path dataDir;
    private String reportingCurrency = "USD";
    private SparkConfig spark = SparkConfig.defaults();
    private List<SourceConfig> sources = List.of();
    private double quarantineMaxShare = 0.01;
    private MailConfig mail;
    private List<String> showbackTagKeys = DEFAULT_SHOWBACK_TAG_KEYS;
    private StorageOptions storage = StorageOptions.NONE;
    private Overlaps overlaps = Overlaps.NONE;
    private Anomalies anomalies = Anomalies.DEFAULT;
    private WarehouseSettings warehouse = WarehouseSettings.DEFAULT;
    private Retention retention = Retention.DEFAULT;

    private Builder(Path confDir, Path dataDir) {
      this.confDir = confDir;
      this.dataDir = dataDir;
    }

    public Builder confDir(Path confDir) {
      this.confDir = confDir;
      return this;
    }

    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    public Builder reportingCurrency(String reportingCurrency) {
      this.reportingCurrency = reportingCurrency;
      return this;
    }

    public Builder spark(SparkConfig spark) {
      this.spark = spark;
      return this;
    }

    public Builder sources(List<SourceConfig> sources) {
      this.sources = List.copyOf(sources);
      return this;
    }

    public Builder quarantineMaxShare(double quarantineMaxShare) {
      this.quarantineMaxShare = quarantineMaxShare;
      return this;
    }

    /** Who receives the PDF by mail; null: nobody. */
    public Builder mail(MailConfig mail) {
      this.mail = mail;
      return this;
    }

    public Builder showbackTagKeys(List<String> showbackTagKeys) {
      this.showbackTagKeys = showbackTagKeys;
      return this;
    }

    public Builder storage(StorageOptions storage) {
      this.storage = storage;
      return this;
    }

    public Builder overlaps(Overlaps overlaps) {
      this.overlaps = overlaps;
      return this;
    }

    public Builder anomalies(Anomalies anomalies) {
      this.anomalies = anomalies;
      return this;
    }

    public Builder warehouse(WarehouseSettings warehouse) {
      this.warehouse = warehouse;
      return this;
    }

    public Builder retention(Retention retention) {
      this.retention = retention;
      return this;
    }

    public PipelineConfig build() {
      return new PipelineConfig(
          confDir,
          reportingCurrency,
          dataDir,
          spark,
          sources,
          quarantineMaxShare,
          Optional.ofNullable(mail),
          showbackTagKeys,
          storage,
          overlaps,
          anomalies,
          warehouse,
          retention);
    }
  }
}
