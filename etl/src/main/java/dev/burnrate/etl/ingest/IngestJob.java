package dev.burnrate.etl.ingest;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.SourceConfig;
import dev.burnrate.core.config.SourceFormat;
import dev.burnrate.core.focus.FocusColumn;
import dev.burnrate.core.focus.FocusColumns;
import dev.burnrate.etl.SparkSessions;
import dev.burnrate.etl.ingest.formats.FormatDetector;
import dev.burnrate.etl.ingest.formats.Formats;
import dev.burnrate.etl.lake.Deliveries;
import dev.burnrate.etl.lake.DeliveryPlan;
import dev.burnrate.etl.lake.DeliveryRule;
import dev.burnrate.etl.lake.LakeRun;
import dev.burnrate.etl.lake.Quarantine;
import dev.burnrate.etl.lake.RunManifest;
import dev.burnrate.etl.lake.SourceFiles;
import dev.burnrate.etl.lake.UnitAction;
import dev.burnrate.etl.lake.UnitPlan;
import dev.burnrate.etl.lake.UnreadableFiles;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The billing ingest: every billing source of pipeline.yaml into the FOCUS lake. Runs the same in
 * local mode and under spark-submit ({@link #main}).
 *
 * <p>Per source: read (one reader per file kind), map to FOCUS (the format's YAML mapping),
 * quarantine what cannot be typed, stage the rest as Parquet, read the staged files back and prove
 * that cost in = cost written + cost quarantined per file and currency, then publish each (source,
 * billing account, billing period) unit whose content changed, keeping the version it replaces.
 */
public final class IngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);
  private static final String PROVIDER = "provider";
  private static final String PERIOD = "period";
  private static final String SOURCE = "source";
  private static final String ACCOUNT = "account";

  private final SparkSession spark;
  private final PipelineConfig cfg;
  private final Configuration hadoop;
  private final Map<String, Mapping> mappings = new java.util.HashMap<>();
  private final List<RunManifest.Input> inputs = new ArrayList<>();
  private final List<RunManifest.Unit> units = new ArrayList<>();
  private LakeRun run;
  private Quarantine quarantine;

  private IngestJob(SparkSession spark, PipelineConfig cfg) {
    this.spark = spark;
    this.cfg = cfg;
    this.hadoop = spark.sparkContext().hadoopConfiguration();
  }

  /** spark-submit entry point: {@code --conf DIR [--date YYYY-MM-DD]}. */
  public static void main(String[] args) {
    String conf = "conf";
    LocalDate date = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--conf" -> conf = args[i + 1];
        case "--date" -> date = LocalDate.parse(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    PipelineConfig cfg = PipelineConfig.load(java.nio.file.Path.of(conf));
    SparkSession spark = SparkSessions.create(cfg, "burnrate-ingest");
    try {
      IngestResult r = run(spark, cfg, date);
      System.out.println(r.manifest());
    } finally {
      spark.stop();
    }
  }

  /** Ingests every billing source; throws a BurnrateException (exit 3) on bad input. */
  public static IngestResult run(SparkSession spark, PipelineConfig cfg, LocalDate asOf) {
    return new IngestJob(spark, cfg).run(asOf);
  }

  private IngestResult run(LocalDate asOf) {
    // one file per read partition: RawRows numbers the lines of unsplittable (gzip) files by their
    // row index in the partition
    String openCost = "spark.sql.files.openCostInBytes";
    String previousOpenCost = spark.conf().get(openCost, null);
    spark.conf().set(openCost, spark.conf().get("spark.sql.files.maxPartitionBytes", "128MB"));
    try {
      return runIngest(asOf);
    } finally {
      if (previousOpenCost == null) {
        spark.conf().unset(openCost);
      } else {
        spark.conf().set(openCost, previousOpenCost);
      }
    }
  }

  private IngestResult runIngest(LocalDate asOf) {
    run = LakeRun.start(spark, cfg, "");
    quarantine = new Quarantine(spark, cfg, run.id(), "row");
    run.record(asOf, this::ingestSources, r -> new RunManifest(r, inputs, units));
    long written =
        units.stream()
            .filter(u -> u.action() != UnitAction.UNCHANGED)
            .mapToLong(RunManifest.Unit::rows)
            .sum();
    long quarantined = inputs.stream().mapToLong(i -> i.read().rowsQuarantined()).sum();
    IngestResult result =
        new IngestResult(
            run.id(),
            run.recordFile(),
            inputs.size(),
            written,
            quarantined,
            countUnits(UnitAction.NEW),
            countUnits(UnitAction.REPLACED),
            countUnits(UnitAction.UNCHANGED));
    LOG.info(
        "ingest {}: {} file(s), units new {} replaced {} unchanged {}, rows quarantined {}",
        run.id(),
        result.files(),
        result.unitsNew(),
        result.unitsReplaced(),
        result.unitsUnchanged(),
        quarantined);
    return result;
  }

  private void ingestSources() {
    for (SourceConfig src : cfg.sources()) {
      SourceFormat format = src.sourceFormat();
      if (!format.isBilling()) {
        LOG.info(
            "source {}: {} is not read by the billing ingest ({})",
            src.name(),
            format.key(),
            format.kind() == SourceFormat.Kind.TELEMETRY
                ? "telemetry"
                : "contract commitments, read by the warehouse build");
        continue;
      }
      Formats.Format reader =
          format == SourceFormat.AUTO
              ? null
              : Formats.get(format)
                  .orElseThrow(
                      () ->
                          BurnrateException.config(
                              "source '"
                                  + src.name()
                                  + "': format "
                                  + format.key()
                                  + " has no reader yet"));
      String glob = cfg.resolveSourcePath(src);
      List<SourceFiles.InputFile> files =
          DeliveryPlan.dataFiles(src.name(), SourceFiles.of(hadoop, cfg, src));
      if (files.isEmpty()) {
        LOG.warn("source {}: no files match {}", src.name(), glob);
        continue;
      }
      LOG.info("source {}: reading {} file(s) as {}", src.name(), files.size(), format.key());
      UnreadableFiles.named(files, () -> ingestSource(src, reader, files));
    }
    run.publish();
    run.verifyPublished(new Path(cfg.layout().lakeCost().toUri()));
  }

  /** One group of files read together: the same header (CSV) or one Parquet file. */
  private record Part(RawRows raw, Formats.Format format, Mapping mapping, String detected) {}

  private void ingestSource(
      SourceConfig src, Formats.Format declared, List<SourceFiles.InputFile> files) {
    FocusProjection.Settings settings = FocusProjection.Settings.of(src.name(), src.options());
    Map<String, String> detectedByFile = new LinkedHashMap<>();
    Dataset<Row> mapped = null;
    SourceFormat formatOfSource = declared == null ? null : declared.format();
    for (Map.Entry<List<String>, List<String>> group : groupCsvByHeader(files).entrySet()) {
      RawRows raw =
          RawRows.csv(spark, group.getValue(), group.getKey(), wholeFiles(group.getValue()));
      Part part = part(src, declared, raw, group.getValue().get(0));
      group.getValue().forEach(f -> detectedByFile.put(f, part.detected()));
      mapped = union(mapped, project(part, src, settings));
      formatOfSource = formatOfSource == null ? part.format().format() : formatOfSource;
    }
    List<String> jsonFiles =
        files.stream()
            .filter(f -> f.kind() == SourceFiles.FileKind.JSON)
            .map(SourceFiles.InputFile::path)
            .toList();
    if (!jsonFiles.isEmpty()) {
      RawRows raw = RawRows.json(spark, jsonFiles, wholeFiles(jsonFiles));
      Part part = part(src, declared, raw, jsonFiles.get(0));
      jsonFiles.forEach(f -> detectedByFile.put(f, part.detected()));
      mapped = union(mapped, project(part, src, settings));
      formatOfSource = formatOfSource == null ? part.format().format() : formatOfSource;
    }
    for (SourceFiles.InputFile f : files) {
      if (f.kind() == SourceFiles.FileKind.PARQUET) {
        RawRows raw = RawRows.parquet(spark, List.of(f.path()));
        Part part = part(src, declared, raw, f.path());
        detectedByFile.put(f.path(), part.detected());
        mapped = union(mapped, project(part, src, settings));
        formatOfSource = formatOfSource == null ? part.format().format() : formatOfSource;
      }
    }
    mapped = mapped.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Column bad = size(col(FocusProjection.ERRORS)).gt(0);
      Column currency = coalesce(col("BillingCurrency"), lit("?")).as("currency");
      List<Row> read =
          mapped
              .groupBy(
                  col("x_SourceFile"),
                  currency,
                  col("ProviderName").as("provider"),
                  date_format(col("BillingPeriodStart"), "yyyy-MM").as("period"),
                  col("BillingAccountId").as("account"))
              .agg(
                  count(lit(1)).as("rows"),
                  sum(col("BilledCost")).as("cost"),
                  sum(when(bad, 1).otherwise(0)).as("qrows"),
                  sum(when(bad, col("BilledCost"))).as("qcost"),
                  count(col(RawRows.SHORT_ROW)).as(RawRows.SHORT_ROWS),
                  min(col(RawRows.SHORT_ROW)).as(RawRows.SHORTEST_ROW))
              .collectAsList();
      RawRows.warnShortRows(read);
      DeliveryRule rule = DeliveryRule.of(src);
      DeliveryPlan plan =
          DeliveryPlan.of(
              hadoop,
              src.name(),
              rule,
              // daily files that each add rows: GCP export batches (its own export_time rule drops
              // a repeated batch) and OCI report files
              formatOfSource == SourceFormat.GCP_BILLING || formatOfSource == SourceFormat.OCI_COST,
              files,
              cfg.storageMode(src) != dev.burnrate.core.config.StorageMode.DIRECT);
      Set<List<String>> superseded = Deliveries.superseded(src.name(), rule, plan, read);
      Dataset<Row> kept = mapped;
      if (!superseded.isEmpty()) {
        List<Row> keys = new ArrayList<>();
        for (List<String> k : superseded) {
          keys.add(RowFactory.create(k.toArray()));
        }
        Dataset<Row> drop =
            spark.createDataFrame(
                keys,
                DataTypes.createStructType(
                    List.of(
                        DataTypes.createStructField("_sf", DataTypes.StringType, false),
                        DataTypes.createStructField("_sp", DataTypes.StringType, false),
                        DataTypes.createStructField("_spd", DataTypes.StringType, false),
                        DataTypes.createStructField("_sa", DataTypes.StringType, false))));
        kept =
            mapped.join(
                broadcast(drop),
                col("x_SourceFile")
                    .equalTo(col("_sf"))
                    .and(col("ProviderName").equalTo(col("_sp")))
                    .and(date_format(col("BillingPeriodStart"), "yyyy-MM").equalTo(col("_spd")))
                    .and(col("BillingAccountId").equalTo(col("_sa"))),
                "left_anti");
      }
      long quarantined =
          read.stream()
              .filter(r -> !superseded.contains(Deliveries.key(r)))
              .mapToLong(r -> r.getLong(r.fieldIndex("qrows")))
              .sum();
      Path quarantineDir = null;
      if (quarantined > 0) {
        quarantineDir = quarantine.write(src.name(), kept.filter(bad).select(quarantineColumns()));
      }
      Path staged =
          run.staging()
              .write(
                  spreadForWrite(
                      kept.filter(bad.unary_$bang()).select(lakeColumns()), read, superseded),
                  src.name(),
                  SaveMode.ErrorIfExists,
                  PROVIDER,
                  PERIOD,
                  SOURCE,
                  ACCOUNT);
      List<Row> back = readBack(staged);
      Accounting acc = new Accounting(read, back, superseded);
      List<RunManifest.FileRead> reads = new ArrayList<>();
      for (SourceFiles.InputFile f : files) {
        RunManifest.Input in = acc.input(src, f, detectedByFile.getOrDefault(f.path(), "unknown"));
        inputs.add(in);
        reads.add(in.read());
      }
      acc.verify();
      if (quarantineDir != null) {
        quarantine.checkShares(quarantineDir, reads);
      }
      planUnits(src, staged, back);
    } finally {
      mapped.unpersist();
    }
  }

  /**
   * Partitions the rows to stage so that the write uses every core and leaves few files. Fewer
   * units than cores (a month of one billing account, the usual CUR): no shuffle, each task writes
   * its share of the unit, at most one file per core and unit. More units: one task per unit, one
   * file per unit.
   */
  private Dataset<Row> spreadForWrite(
      Dataset<Row> rows, List<Row> read, Set<List<String>> superseded) {
    int cores = Math.max(2, spark.sparkContext().defaultParallelism());
    Set<List<String>> units = new HashSet<>();
    for (Row r : read) {
      List<String> k = Deliveries.key(r);
      if (!superseded.contains(k)) {
        units.add(k.subList(1, 4));
      }
    }
    return units.size() < cores
        ? rows.coalesce(cores)
        : rows.repartition(col(PROVIDER), col(PERIOD), col(ACCOUNT));
  }

  /** True when no file of the group can be split (compressed with gzip and the like). */
  private boolean wholeFiles(List<String> files) {
    org.apache.hadoop.io.compress.CompressionCodecFactory codecs =
        new org.apache.hadoop.io.compress.CompressionCodecFactory(hadoop);
    for (String f : files) {
      org.apache.hadoop.io.compress.CompressionCodec codec = codecs.getCodec(new Path(f));
      if (codec == null
          || codec instanceof org.apache.hadoop.io.compress.SplittableCompressionCodec) {
        return false;
      }
    }
    return true;
  }

  /** The format of a group of files: the declared one, or for auto the one its header shows. */
  private Part part(SourceConfig src, Formats.Format declared, RawRows raw, String firstFile) {
    if (FormatDetector.isContractCommitmentDataset(raw.columns())) {
      // whatever the source declares: read as cost rows, every row would be quarantined
      throw BurnrateException.input(
          SourceFiles.clean(firstFile)
              + ": line 1: a FOCUS Contract Commitment dataset (ContractId, ContractCommitmentId,"
              + " ...), not cost rows: leave it out of the glob of source '"
              + src.name()
              + "' (path "
              + src.path()
              + "); declare it as a source of its own with format "
              + SourceFormat.FOCUS_CONTRACT_COMMITMENTS.key()
              + " (docs/commitments.md)");
    }
    Formats.Format format = declared;
    if (format == null) {
      SourceFormat detected =
          FormatDetector.detect(raw.columns())
              .orElseThrow(
                  () ->
                      BurnrateException.input(
                          SourceFiles.clean(firstFile)
                              + ": line 1: unknown format, the header matches no export format"
                              + " burnrate reads (first columns: "
                              + String.join(
                                  ", ", raw.columns().subList(0, Math.min(5, raw.columns().size())))
                              + ")"));
      format =
          Formats.get(detected)
              .orElseThrow(
                  () ->
                      BurnrateException.input(
                          SourceFiles.clean(firstFile)
                              + ": detected as "
                              + detected.key()
                              + ", which has no reader yet"));
    }
    Mapping mapping = mappings.computeIfAbsent(format.mappingName(), Mapping::load);
    String version = mapping.detectVersion(new HashSet<>(raw.columns()));
    String detected =
        format.format() == SourceFormat.FOCUS || format.format() == SourceFormat.FOCUS_USAGE
            ? format.format().key() + "-" + version
            : format.format().key();
    if (declared == null) {
      LOG.info("source {}: {} detected as {}", src.name(), SourceFiles.clean(firstFile), detected);
    }
    RawRows prepared = prepare(format, raw, src);
    return new Part(prepared, format, mapping, detected);
  }

  private Dataset<Row> project(Part part, SourceConfig src, FocusProjection.Settings settings) {
    String version =
        part.mapping().versions().isEmpty()
            ? null
            : part.mapping().detectVersion(new HashSet<>(part.raw().columns()));
    FocusProjection.Origin origin =
        new FocusProjection.Origin(src.name(), part.format().format().key(), version, run.id());
    Dataset<Row> p = FocusProjection.apply(part.mapping(), part.raw(), origin, settings);
    // a clean file path: no scheme for local files, no URL escapes
    return p.withColumn(
        "x_SourceFile",
        org.apache.spark.sql.functions.url_decode(
            org.apache.spark.sql.functions.replace(
                regexp_replace(col("x_SourceFile"), "^file:(//)?", ""), lit("+"), lit("%2B"))));
  }

  /** Runs the format's preparer; the columns it derives become source columns of the mapping. */
  private RawRows prepare(Formats.Format reader, RawRows raw, SourceConfig src) {
    if (reader.preparer() == dev.burnrate.etl.ingest.formats.Preparer.NONE) {
      return raw;
    }
    Dataset<Row> prepared =
        reader
            .preparer()
            .prepare(
                raw.rows(), new dev.burnrate.etl.ingest.formats.Preparer.Context(spark, cfg, src));
    List<String> columns =
        java.util.Arrays.stream(prepared.columns()).filter(c -> !c.startsWith("_")).toList();
    return new RawRows(prepared, columns);
  }

  private static Dataset<Row> union(Dataset<Row> a, Dataset<Row> b) {
    return a == null ? b : a.unionByName(b);
  }

  private Map<List<String>, List<String>> groupCsvByHeader(List<SourceFiles.InputFile> files) {
    Map<List<String>, List<String>> groups = new LinkedHashMap<>();
    for (SourceFiles.InputFile f : files) {
      if (f.kind() == SourceFiles.FileKind.CSV) {
        List<String> header = SourceFiles.csvHeader(hadoop, f.path());
        groups.computeIfAbsent(header, h -> new ArrayList<>()).add(f.path());
      }
    }
    return groups;
  }

  private static Column[] lakeColumns() {
    List<Column> cols = new ArrayList<>();
    for (FocusColumn c : FocusColumns.ALL) {
      cols.add(col(c.name()));
    }
    cols.add(col("ProviderName").as(PROVIDER));
    cols.add(date_format(col("BillingPeriodStart"), "yyyy-MM").as(PERIOD));
    cols.add(col("x_SourceName").as(SOURCE));
    cols.add(col("BillingAccountId").as(ACCOUNT));
    return cols.toArray(Column[]::new);
  }

  /** Per staged unit folder, file and currency: rows, cost and a content fingerprint. */
  private List<Row> readBack(Path staged) {
    if (!run.staging().holdsParquet(staged)) {
      return List.of(); // nothing staged: every row was quarantined or superseded, or none came
    }
    List<Column> content = new ArrayList<>();
    for (FocusColumn c : FocusColumns.ALL) {
      if (!c.name().equals("x_RunId")) {
        content.add(col(c.name()));
      }
    }
    return spark
        .read()
        .parquet(staged.toString())
        .withColumn("_leaf", regexp_replace(col("_metadata.file_path"), "/[^/]*$", ""))
        .withColumn("_hash", xxhash64(content.toArray(Column[]::new)).cast("decimal(20,0)"))
        .groupBy(col("_leaf"), col("x_SourceFile"), col("BillingCurrency"))
        .agg(
            count(lit(1)).as("rows"),
            sum(col("BilledCost")).as("cost"),
            sum(col("_hash")).as("hash"),
            first(col("ProviderName")).as("provider"),
            first(col("BillingAccountId")).as("account"),
            first(date_format(col("BillingPeriodStart"), "yyyy-MM")).as("period"))
        .collectAsList();
  }

  private static Column[] quarantineColumns() {
    return Quarantine.columns(
        col("x_SourceName"),
        col("x_SourceFile"),
        col("x_SourceLine"),
        regexp_replace(element_at(col(FocusProjection.ERRORS), 1), ":.*$", ""),
        array_join(col(FocusProjection.ERRORS), "; "),
        col(FocusProjection.RAW),
        col("BilledCost"),
        col("BillingCurrency"));
  }

  private void planUnits(SourceConfig src, Path staged, List<Row> back) {
    Map<String, List<Row>> byLeaf = new TreeMap<>();
    for (Row r : back) {
      byLeaf.computeIfAbsent(r.getString(r.fieldIndex("_leaf")), k -> new ArrayList<>()).add(r);
    }
    for (Map.Entry<String, List<Row>> e : byLeaf.entrySet()) {
      // file paths come back as URIs: a folder Spark named "provider=Google%20Cloud" reads
      // "provider=Google%2520Cloud" here, so decode through URI rather than take the text
      Path leaf = new Path(java.net.URI.create(e.getKey()));
      String rel = run.staging().relative(staged, leaf);
      Path target = new Path(new Path(cfg.layout().lakeCost().toUri()), rel);
      long rows = 0;
      BigDecimal hash = BigDecimal.ZERO;
      List<String> files = new ArrayList<>();
      for (Row r : e.getValue()) {
        rows += r.getLong(r.fieldIndex("rows"));
        hash = hash.add(r.getDecimal(r.fieldIndex("hash")));
        files.add(r.getString(r.fieldIndex("x_SourceFile")));
      }
      String fingerprint = rows + ":" + hash.toPlainString();
      Row first = e.getValue().get(0);
      UnitPlan.Planned planned =
          run.units()
              .fingerprinted(
                  leaf,
                  target,
                  new Path(
                      new Path(cfg.layout().lakeReplaced().toUri()), "run=" + run.id() + "/" + rel),
                  run.id(),
                  fingerprint,
                  files.stream().distinct().sorted().toList());
      units.add(
          new RunManifest.Unit(
              src.name(),
              first.getString(first.fieldIndex("provider")),
              first.getString(first.fieldIndex("account")),
              first.getString(first.fieldIndex("period")),
              planned.action(),
              rows,
              fingerprint,
              planned.previousRunId(),
              target.toUri().getPath()));
    }
  }

  private int countUnits(UnitAction action) {
    return (int) units.stream().filter(u -> u.action() == action).count();
  }
}
