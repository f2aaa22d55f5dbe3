package dev.burnrate.etl.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.DataLayout;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.SourceConfig;
import dev.burnrate.core.config.SourceFormat;
import dev.burnrate.core.focus.FocusColumn;
import dev.burnrate.core.focus.FocusColumns;
import dev.burnrate.etl.SparkSessions;
import dev.burnrate.etl.ingest.formats.Formats;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
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
  private final LakePublisher publisher;
  private final String runId;
  private final Path stagingRun;

  private IngestJob(SparkSession spark, PipelineConfig cfg) {
    this.spark = spark;
    this.cfg = cfg;
    this.hadoop = spark.sparkContext().hadoopConfiguration();
    this.publisher = new LakePublisher(hadoop);
    this.runId = newRunId();
    this.stagingRun = new Path(cfg.layout().lakeStaging().resolve(runId).toUri());
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
    String started = Instant.now().toString();
    DataLayout layout = cfg.layout();
    publisher.recover(new Path(layout.lakeStaging().toUri()));
    List<RunManifest.Input> inputs = new ArrayList<>();
    List<RunManifest.Unit> units = new ArrayList<>();
    List<LakePublisher.Move> moves = new ArrayList<>();
    String status = "failed";
    String error = null;
    try {
      for (SourceConfig src : cfg.sources()) {
        SourceFormat format = src.sourceFormat();
        if (!format.isBilling()) {
          LOG.info(
              "source {}: {} telemetry is not read by the billing ingest",
              src.name(),
              format.key());
          continue;
        }
        Formats.Format reader =
            Formats.get(format)
                .orElseThrow(
                    () ->
                        BurnrateException.config(
                            "source '"
                                + src.name()
                                + "': format "
                                + format.key()
                                + " has no reader yet"));
        String glob = cfg.resolveSourcePath(src);
        List<SourceFiles.InputFile> files = SourceFiles.list(hadoop, glob);
        if (files.isEmpty()) {
          LOG.warn("source {}: no files match {}", src.name(), glob);
          continue;
        }
        LOG.info("source {}: reading {} file(s) as {}", src.name(), files.size(), format.key());
        ingestSource(src, reader, files, inputs, units, moves);
      }
      publisher.publish(stagingRun, moves);
      publisher.verifyPublished(moves, new Path(layout.lakeCost().toUri()));
      status = "ok";
    } catch (RuntimeException e) {
      error = e.getMessage();
      throw e;
    } finally {
      RunManifest manifest =
          new RunManifest(
              runId,
              started,
              Instant.now().toString(),
              asOf.toString(),
              status,
              error,
              inputs,
              units);
      publisher.write(manifestPath(), manifest);
      deleteQuietly(stagingRun);
    }
    long written =
        units.stream()
            .filter(u -> !u.action().equals("unchanged"))
            .mapToLong(RunManifest.Unit::rows)
            .sum();
    long quarantined = inputs.stream().mapToLong(RunManifest.Input::rowsQuarantined).sum();
    IngestResult result =
        new IngestResult(
            runId,
            java.nio.file.Path.of(manifestPath().toUri().getPath()),
            inputs.size(),
            written,
            quarantined,
            countUnits(units, "new"),
            countUnits(units, "replaced"),
            countUnits(units, "unchanged"));
    LOG.info(
        "ingest {}: {} file(s), units new {} replaced {} unchanged {}, rows quarantined {}",
        runId,
        result.files(),
        result.unitsNew(),
        result.unitsReplaced(),
        result.unitsUnchanged(),
        quarantined);
    return result;
  }

  private void ingestSource(
      SourceConfig src,
      Formats.Format reader,
      List<SourceFiles.InputFile> files,
      List<RunManifest.Input> inputs,
      List<RunManifest.Unit> units,
      List<LakePublisher.Move> moves) {
    Mapping mapping = Mapping.load(reader.mappingName());
    Map<String, String> versionByFile = new LinkedHashMap<>();
    Dataset<Row> mapped = null;
    for (Map.Entry<List<String>, List<String>> group : groupCsvByHeader(files).entrySet()) {
      RawRows raw = RawRows.csv(spark, group.getValue(), group.getKey());
      String version = mapping.detectVersion(new java.util.HashSet<>(raw.columns()));
      group.getValue().forEach(f -> versionByFile.put(f, "focus-" + version));
      mapped = union(mapped, project(mapping, prepare(reader, raw), src, version));
    }
    for (SourceFiles.InputFile f : files) {
      if (f.kind() == SourceFiles.FileKind.PARQUET) {
        RawRows raw = RawRows.parquet(spark, List.of(f.path()));
        String version = mapping.detectVersion(new java.util.HashSet<>(raw.columns()));
        versionByFile.put(f.path(), "focus-" + version);
        mapped = union(mapped, project(mapping, prepare(reader, raw), src, version));
      }
    }
    mapped = mapped.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Column bad = size(col(FocusProjection.ERRORS)).gt(0);
      Column currency = coalesce(col("BillingCurrency"), lit("?")).as("currency");
      List<Row> read =
          mapped
              .groupBy(col("x_SourceFile"), currency)
              .agg(
                  count(lit(1)).as("rows"),
                  sum(col("BilledCost")).as("cost"),
                  sum(when(bad, 1).otherwise(0)).as("qrows"),
                  sum(when(bad, col("BilledCost"))).as("qcost"))
              .collectAsList();
      long quarantined = read.stream().mapToLong(r -> r.getLong(r.fieldIndex("qrows"))).sum();
      if (quarantined > 0) {
        writeQuarantine(src, mapped.filter(bad));
      }
      Path staged = new Path(stagingRun, src.name());
      mapped
          .filter(bad.unary_$bang())
          .select(lakeColumns())
          .repartition(col(PROVIDER), col(PERIOD), col(ACCOUNT))
          .write()
          .mode(SaveMode.ErrorIfExists)
          .partitionBy(PROVIDER, PERIOD, SOURCE, ACCOUNT)
          .parquet(staged.toString());
      List<Row> back = readBack(staged);
      Accounting acc = new Accounting(read, back);
      for (SourceFiles.InputFile f : files) {
        inputs.add(acc.input(src, f, versionByFile.getOrDefault(f.path(), "unknown")));
      }
      acc.verify();
      checkQuarantineShare(src, inputs, mapped.filter(bad));
      planUnits(src, staged, back, units, moves);
    } finally {
      mapped.unpersist();
    }
  }

  private Dataset<Row> project(Mapping mapping, RawRows raw, SourceConfig src, String version) {
    FocusProjection.Origin origin =
        new FocusProjection.Origin(src.name(), src.sourceFormat().key(), version, runId);
    Dataset<Row> p = FocusProjection.apply(mapping, raw, origin);
    // a clean file path: no scheme for local files, no URL escapes
    return p.withColumn(
        "x_SourceFile",
        org.apache.spark.sql.functions.url_decode(
            org.apache.spark.sql.functions.replace(
                regexp_replace(col("x_SourceFile"), "^file:(//)?", ""), lit("+"), lit("%2B"))));
  }

  /** Runs the format's preparer; the columns it derives become source columns of the mapping. */
  private static RawRows prepare(Formats.Format reader, RawRows raw) {
    if (reader.preparer() == dev.burnrate.etl.ingest.formats.Preparer.NONE) {
      return raw;
    }
    Dataset<Row> prepared = reader.preparer().prepare(raw.rows());
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

  private void writeQuarantine(SourceConfig src, Dataset<Row> bad) {
    Path dir =
        new Path(
            cfg.layout()
                .lakeQuarantine()
                .resolve("run=" + runId)
                .resolve("source=" + src.name())
                .toUri());
    bad.select(
            col("x_SourceName"),
            col("x_SourceFile"),
            col("x_SourceLine"),
            regexp_replace(
                    org.apache.spark.sql.functions.element_at(col(FocusProjection.ERRORS), 1),
                    ":.*$",
                    "")
                .as("column_name"),
            org.apache
                .spark
                .sql
                .functions
                .array_join(col(FocusProjection.ERRORS), "; ")
                .as("reason"),
            col(FocusProjection.RAW).as("raw"),
            col("BilledCost"),
            col("BillingCurrency"))
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(dir.toString());
    LOG.warn("source {}: quarantined rows written to {}", src.name(), dir);
  }

  private void checkQuarantineShare(
      SourceConfig src, List<RunManifest.Input> inputs, Dataset<Row> bad) {
    for (RunManifest.Input in : inputs) {
      if (!in.source().equals(src.name()) || in.rowsQuarantined() == 0) {
        continue;
      }
      double share = (double) in.rowsQuarantined() / Math.max(1, in.rowsIn());
      List<Row> examples =
          bad.filter(col("x_SourceFile").equalTo(in.file()))
              .orderBy("x_SourceLine")
              .select("x_SourceLine", FocusProjection.ERRORS)
              .limit(3)
              .collectAsList();
      StringBuilder ex = new StringBuilder();
      for (Row r : examples) {
        ex.append("; line ")
            .append(r.getLong(0))
            .append(": ")
            .append(String.join(", ", r.<String>getList(1)));
      }
      if (share > cfg.quarantineMaxShare()) {
        throw BurnrateException.input(
            String.format(
                "%s: %d of %d rows quarantined (%.1f%%, limit %.1f%%)%s",
                in.file(),
                in.rowsQuarantined(),
                in.rowsIn(),
                100 * share,
                100 * cfg.quarantineMaxShare(),
                ex));
      }
      LOG.warn("{}: {} row(s) quarantined{}", in.file(), in.rowsQuarantined(), ex);
    }
  }

  private void planUnits(
      SourceConfig src,
      Path staged,
      List<Row> back,
      List<RunManifest.Unit> units,
      List<LakePublisher.Move> moves) {
    Map<String, List<Row>> byLeaf = new TreeMap<>();
    for (Row r : back) {
      byLeaf.computeIfAbsent(r.getString(r.fieldIndex("_leaf")), k -> new ArrayList<>()).add(r);
    }
    Path stagedQualified;
    try {
      stagedQualified = staged.getFileSystem(hadoop).makeQualified(staged);
    } catch (java.io.IOException e) {
      throw new BurnrateException(dev.burnrate.core.ExitCode.FAILURE, "cannot open " + staged, e);
    }
    for (Map.Entry<String, List<Row>> e : byLeaf.entrySet()) {
      // file paths come back as URIs: a folder Spark named "provider=Google%20Cloud" reads
      // "provider=Google%2520Cloud" here, so decode through URI rather than take the text
      Path leaf = new Path(java.net.URI.create(e.getKey()));
      String rel = relative(stagedQualified, leaf);
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
      LakePublisher.UnitInfo previous = publisher.readUnit(target);
      String action;
      if (previous == null) {
        action = "new";
      } else if (previous.fingerprint().equals(fingerprint)) {
        action = "unchanged";
      } else {
        action = "replaced";
      }
      if (!action.equals("unchanged")) {
        publisher.writeUnit(
            leaf,
            new LakePublisher.UnitInfo(
                runId, fingerprint, files.stream().distinct().sorted().toList()));
        if (previous != null) {
          Path replaced =
              new Path(new Path(cfg.layout().lakeReplaced().toUri()), "run=" + runId + "/" + rel);
          moves.add(new LakePublisher.Move(target.toString(), replaced.toString()));
        }
        moves.add(new LakePublisher.Move(leaf.toString(), target.toString()));
      }
      units.add(
          new RunManifest.Unit(
              src.name(),
              first.getString(first.fieldIndex("provider")),
              first.getString(first.fieldIndex("account")),
              first.getString(first.fieldIndex("period")),
              action,
              rows,
              fingerprint,
              previous == null ? null : previous.runId(),
              target.toUri().getPath()));
    }
  }

  private static String relative(Path base, Path leaf) {
    String b = base.toUri().getPath();
    String l = leaf.toUri().getPath();
    if (!l.startsWith(b + "/")) {
      throw new IllegalStateException(leaf + " is not below " + base);
    }
    return l.substring(b.length() + 1);
  }

  private Path manifestPath() {
    return new Path(cfg.layout().lakeRuns().resolve(runId + ".json").toUri());
  }

  private void deleteQuietly(Path p) {
    try {
      p.getFileSystem(hadoop).delete(p, true);
    } catch (java.io.IOException e) {
      LOG.warn("could not remove {}: {}", p, e.getMessage());
    }
  }

  private static int countUnits(List<RunManifest.Unit> units, String action) {
    return (int) units.stream().filter(u -> u.action().equals(action)).count();
  }

  static String newRunId() {
    return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now())
        + "-"
        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
  }
}
