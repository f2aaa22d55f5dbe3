package dev.burnrate.etl.telemetry;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.burnrate.core.config.SourceConfig;
import dev.burnrate.core.config.TelemetryOptions;
import dev.burnrate.etl.lake.LineNumbers;
import dev.burnrate.etl.lake.Quarantine;
import dev.burnrate.etl.lake.SourceFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A telemetry source's files parsed by its format's reader ({@link DcgmTextReader}, {@link
 * PrometheusJsonReader}, {@link NvidiaSmiCsvReader}): one row per line (or JSON point), of a {@link
 * Samples#KIND}.
 *
 * @param rows the parsed lines; null when no file holds GPU metrics (all were skipped)
 * @param lines the text lines behind them, for line numbers; null for JSON
 * @param detected what the files were read as, for the run record
 * @param skipped the files the reader skipped (nvidia-smi per-process output)
 */
record ParsedSource(Dataset<Row> rows, Dataset<Row> lines, String detected, List<String> skipped) {
  private static final Logger LOG = LoggerFactory.getLogger(ParsedSource.class);

  /** Parses a source's files. */
  static ParsedSource parse(
      SparkSession spark,
      SourceConfig src,
      TelemetryOptions o,
      List<SourceFiles.InputFile> listed) {
    List<String> paths = listed.stream().map(SourceFiles.InputFile::path).toList();
    List<String> skipped = new ArrayList<>();
    return switch (src.sourceFormat()) {
      case DCGM -> {
        Dataset<Row> lines = TextLines.read(spark, paths);
        List<String> files = paths.stream().map(TelemetryFiles::clean).toList();
        Dataset<Row> dated =
            UndatedSamples.undated(o.scrapeTime(), spark, lines, files, o.timezone());
        yield new ParsedSource(DcgmTextReader.parse(dated), lines, "prometheus-text", skipped);
      }
      case PROMETHEUS_JSON ->
          new ParsedSource(
              PrometheusJsonReader.parse(spark, paths, o), null, "prometheus-api-json", skipped);
      case NVIDIA_SMI -> {
        Dataset<Row> rows =
            NvidiaSmiCsvReader.parse(
                spark, spark.sparkContext().hadoopConfiguration(), paths, o, skipped);
        yield new ParsedSource(rows, rows, "nvidia-smi-query-gpu-csv", skipped);
      }
      default -> throw new IllegalArgumentException(src.format());
    };
  }

  /** The same, kept after its first use: it is counted, quarantined and rolled up. */
  ParsedSource persist() {
    return rows == null
        ? this
        : new ParsedSource(rows.persist(StorageLevel.MEMORY_AND_DISK()), lines, detected, skipped);
  }

  void unpersist() {
    if (rows != null) {
      rows.unpersist();
    }
  }

  /**
   * Records what became of each file's lines, in order; throws (exit 3) on a file with samples the
   * source's scrape_time rule cannot date.
   */
  void recordFiles(
      SourceConfig src,
      TelemetryOptions o,
      List<SourceFiles.InputFile> listed,
      Consumer<TelemetryManifest.Input> record) {
    Map<String, FileCounts> stats = rows == null ? Map.of() : FileCounts.perFile(rows);
    for (SourceFiles.InputFile f : listed) {
      String clean = TelemetryFiles.clean(f.path());
      FileCounts s = stats.getOrDefault(clean, FileCounts.NONE);
      if (s.undated() > 0) {
        throw UndatedSamples.undatedError(src.name(), clean, s.undated(), o.timezone());
      }
      boolean wasSkipped = skipped.contains(f.path());
      record.accept(
          TelemetryManifest.Input.of(
              src,
              f,
              wasSkipped ? "nvidia-smi-query-compute-apps (no GPU metrics, skipped)" : detected,
              s));
      if (wasSkipped) {
        LOG.warn("{}: not --query-gpu output (per-process rows, no utilization): skipped", clean);
      }
      if (s.noGpu() > 0) {
        LOG.warn(
            "{}: {} sample(s) of GPU metrics without a UUID label (host-level, or no GPU"
                + " identity): ignored and counted as rows_ignored_no_gpu",
            clean,
            s.noGpu());
      }
    }
  }

  /** The rejected lines with file, line and reason, in the quarantine's columns. */
  Dataset<Row> rejected(String source) {
    Dataset<Row> bad = rows.filter(col(Samples.KIND).equalTo(Samples.BAD));
    Dataset<Row> numbered =
        lines == null
            ? bad
            : LineNumbers.number(
                lines.select(TextLines.FILE, TextLines.BLOCK, TextLines.MID), bad, 1L);
    return numbered.select(
        Quarantine.columns(
            lit(source),
            col(TextLines.FILE),
            col(TextLines.LINE).cast("long"),
            col(Samples.COLUMN),
            col(Samples.REASON),
            col(Samples.RAW),
            lit(null).cast("decimal(28,10)"),
            lit(null).cast("string")));
  }
}
