package dev.burnrate.etl.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.replace;
import static org.apache.spark.sql.functions.url_decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.BillingOptions;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.SourceConfig;
import dev.burnrate.core.config.SourceFormat;
import dev.burnrate.etl.ingest.formats.FormatDetector;
import dev.burnrate.etl.ingest.formats.Formats;
import dev.burnrate.etl.ingest.formats.GcpPreparer;
import dev.burnrate.etl.ingest.formats.Preparer;
import dev.burnrate.etl.lake.SourceFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.io.compress.SplittableCompressionCodec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a billing source's files as FOCUS rows: CSV files in groups of one header, JSON files
 * together, each Parquet file alone ({@link RawRows}); each group in its declared format or, for
 * {@code format: auto}, the one its header shows ({@link FormatDetector}); the format's preparer,
 * then its mapping ({@link FocusProjection}). Rows that cannot be typed carry their errors in
 * {@link FocusProjection#ERRORS}.
 */
final class CostReader {
  private static final Logger LOG = LoggerFactory.getLogger(CostReader.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SparkSession spark;
  private final PipelineConfig cfg;
  private final Configuration hadoop;
  private final String runId;
  private final Map<String, Mapping> mappings = new HashMap<>();

  CostReader(SparkSession spark, PipelineConfig cfg, String runId) {
    this.spark = spark;
    this.cfg = cfg;
    this.hadoop = spark.sparkContext().hadoopConfiguration();
    this.runId = runId;
  }

  /**
   * A source's rows in FOCUS columns.
   *
   * @param detectedByFile per file path, the format (and FOCUS version) it was read as
   * @param format the source's format: the declared one, or the first one detected
   */
  record Mapped(Dataset<Row> rows, Map<String, String> detectedByFile, SourceFormat format) {}

  /**
   * Runs an ingest with one file per read partition: RawRows numbers the lines of unsplittable
   * (gzip) files by their row index in the partition.
   */
  static <T> T oneFilePerPartition(SparkSession spark, Supplier<T> ingest) {
    String openCost = "spark.sql.files.openCostInBytes";
    String previousOpenCost = spark.conf().get(openCost, null);
    spark.conf().set(openCost, spark.conf().get("spark.sql.files.maxPartitionBytes", "128MB"));
    try {
      return ingest.get();
    } finally {
      if (previousOpenCost == null) {
        spark.conf().unset(openCost);
      } else {
        spark.conf().set(openCost, previousOpenCost);
      }
    }
  }

  /** The source's declared format, or null for {@code auto}. */
  static Formats.Format declared(SourceConfig src) {
    SourceFormat format = src.sourceFormat();
    if (format == SourceFormat.AUTO) {
      return null;
    }
    return Formats.get(format)
        .orElseThrow(
            () ->
                BurnrateException.config(
                    "source '" + src.name() + "': format " + format.key() + " has no reader yet"));
  }

  /** Reads a source's data files. */
  Mapped read(SourceConfig src, Formats.Format declared, List<SourceFiles.InputFile> files) {
    Source source = new Source(src, declared);
    for (Map.Entry<List<String>, List<String>> group : groupCsvByHeader(files).entrySet()) {
      source.add(
          RawRows.csv(spark, group.getValue(), group.getKey(), wholeFiles(group.getValue())),
          group.getValue());
    }
    List<String> jsonFiles =
        files.stream()
            .filter(f -> f.kind() == SourceFiles.FileKind.JSON)
            .map(SourceFiles.InputFile::path)
            .toList();
    if (!jsonFiles.isEmpty()) {
      source.add(
          RawRows.json(
              spark, jsonFiles, jsonSchema(src, declared, jsonFiles), wholeFiles(jsonFiles)),
          jsonFiles);
    }
    for (SourceFiles.InputFile f : files) {
      if (f.kind() == SourceFiles.FileKind.PARQUET) {
        source.add(RawRows.parquet(spark, List.of(f.path())), List.of(f.path()));
      }
    }
    return new Mapped(source.rows, source.detectedByFile, source.format);
  }

  /** A source's groups of files as they are read and mapped. */
  private final class Source {
    final SourceConfig src;
    final Formats.Format declared;
    final BillingOptions options;
    final Map<String, String> detectedByFile = new LinkedHashMap<>();
    Dataset<Row> rows;
    SourceFormat format;

    Source(SourceConfig src, Formats.Format declared) {
      this.src = src;
      this.declared = declared;
      this.options = src.billingOptions();
      this.format = declared == null ? null : declared.format();
    }

    /** Maps one group of files read together: the same header (CSV) or one Parquet file. */
    void add(RawRows raw, List<String> paths) {
      Formats.Format groupFormat = formatOf(src, declared, raw, paths.get(0));
      Mapping mapping = mappings.computeIfAbsent(groupFormat.mappingName(), Mapping::load);
      String version = mapping.detectVersion(new HashSet<>(raw.columns()));
      String detected =
          groupFormat.format() == SourceFormat.FOCUS
                  || groupFormat.format() == SourceFormat.FOCUS_USAGE
              ? groupFormat.format().key() + "-" + version
              : groupFormat.format().key();
      if (declared == null) {
        LOG.info(
            "source {}: {} detected as {}", src.name(), SourceFiles.clean(paths.get(0)), detected);
      }
      paths.forEach(f -> detectedByFile.put(f, detected));
      Dataset<Row> mapped = project(prepare(groupFormat, raw, src), groupFormat, mapping);
      rows = rows == null ? mapped : rows.unionByName(mapped);
      format = format == null ? groupFormat.format() : format;
    }

    private Dataset<Row> project(RawRows raw, Formats.Format groupFormat, Mapping mapping) {
      String version =
          mapping.versions().isEmpty() ? null : mapping.detectVersion(new HashSet<>(raw.columns()));
      FocusProjection.Origin origin =
          new FocusProjection.Origin(src.name(), groupFormat.format().key(), version, runId);
      Dataset<Row> p = FocusProjection.apply(mapping, raw, origin, options);
      // a clean file path: no scheme for local files, no URL escapes
      return p.withColumn(
          "x_SourceFile",
          url_decode(
              replace(
                  regexp_replace(col("x_SourceFile"), "^file:(//)?", ""), lit("+"), lit("%2B"))));
    }
  }

  /** The format of a group of files: the declared one, or for auto the one its header shows. */
  private static Formats.Format formatOf(
      SourceConfig src, Formats.Format declared, RawRows raw, String firstFile) {
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
    if (declared != null) {
      return declared;
    }
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
    return Formats.get(detected)
        .orElseThrow(
            () ->
                BurnrateException.input(
                    SourceFiles.clean(firstFile)
                        + ": detected as "
                        + detected.key()
                        + ", which has no reader yet"));
  }

  /**
   * The schema a source's JSON lines are read with: the gcp-billing export's ({@link
   * GcpPreparer#JSON_SCHEMA}), the one format burnrate reads as JSON lines. For {@code auto}, the
   * first line of the first file that has one must show it.
   */
  private StructType jsonSchema(SourceConfig src, Formats.Format declared, List<String> files) {
    SourceFormat format = declared != null ? declared.format() : jsonFormat(files);
    if (format != SourceFormat.GCP_BILLING) {
      throw BurnrateException.input(
          SourceFiles.clean(files.get(0))
              + ": JSON lines are read as "
              + SourceFormat.GCP_BILLING.key()
              + " only, and source '"
              + src.name()
              + "' reads "
              + format.key()
              + " (docs/sources.md)");
    }
    return GcpPreparer.JSON_SCHEMA;
  }

  /** The format the keys of the first JSON line show (nested keys as dotted names). */
  private SourceFormat jsonFormat(List<String> files) {
    for (String f : files) {
      String line;
      JsonNode first;
      try {
        line = SourceFiles.firstLine(hadoop, f);
        if (line == null || line.isBlank()) {
          continue;
        }
        first = JSON.readTree(line);
      } catch (IOException e) {
        throw BurnrateException.input(
            SourceFiles.clean(f) + ": line 1: cannot read as JSON: " + e.getMessage());
      }
      List<String> keys = new ArrayList<>();
      jsonKeys("", first, keys);
      return FormatDetector.detect(keys)
          .orElseThrow(
              () ->
                  BurnrateException.input(
                      SourceFiles.clean(f)
                          + ": line 1: unknown format, the keys match no export format burnrate"
                          + " reads (first keys: "
                          + String.join(", ", keys.subList(0, Math.min(5, keys.size())))
                          + ")"));
    }
    throw BurnrateException.input(
        SourceFiles.clean(files.get(0)) + ": line 1: empty file, its format cannot be detected");
  }

  private static void jsonKeys(String prefix, JsonNode node, List<String> keys) {
    node.fieldNames()
        .forEachRemaining(
            k -> {
              JsonNode v = node.get(k);
              if (v.isObject()) {
                jsonKeys(prefix + k + ".", v, keys);
              } else {
                keys.add(prefix + k);
              }
            });
  }

  /** Runs the format's preparer; the columns it derives become source columns of the mapping. */
  private RawRows prepare(Formats.Format reader, RawRows raw, SourceConfig src) {
    if (reader.preparer() == Preparer.NONE) {
      return raw;
    }
    Dataset<Row> prepared =
        reader.preparer().prepare(raw.rows(), new Preparer.Context(spark, cfg, src));
    List<String> columns =
        Arrays.stream(prepared.columns()).filter(c -> !c.startsWith("_")).toList();
    return new RawRows(prepared, columns);
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

  /** True when no file of the group can be split (compressed with gzip and the like). */
  private boolean wholeFiles(List<String> files) {
    CompressionCodecFactory codecs = new CompressionCodecFactory(hadoop);
    for (String f : files) {
      CompressionCodec codec = codecs.getCodec(new Path(f));
      if (codec == null || codec instanceof SplittableCompressionCodec) {
        return false;
      }
    }
    return true;
  }
}
