package dev.burnrate.etl.telemetry;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.ScrapeTime;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Dates the samples that carry no timestamp of their own by the source's {@code scrape_time}
 * ({@link ScrapeTime}; docs/architecture.md, "Samples without a timestamp"). A sample's own
 * timestamp always wins; only lines without one (Prometheus text exposition lets the timestamp out)
 * are dated here.
 */
final class UndatedSamples {
  /** The option's key in pipeline.yaml. */
  static final String OPTION = "scrape_time";

  /** Column added to the lines by {@link #undated}: the time for a line without a timestamp. */
  static final String UNDATED_MS = "_undated_ms";

  /**
   * A date and a time of day in a file name, ISO-like: {@code 20261130T1400Z}, {@code
   * 2026-11-30T14:00:00Z}, {@code 20261130-140000}, {@code 2026-11-30_14-00-00}. The date is {@code
   * YYYYMMDD} or {@code YYYY-MM-DD}; then {@code T}, {@code _} or {@code -}; then {@code HHMM[SS]}
   * or {@code HH:MM[:SS]} or {@code HH-MM[-SS]}; then an optional {@code Z} (UTC; without it, the
   * source's {@code timezone}, default UTC). Not part of a longer run of digits.
   */
  static final Pattern PATTERN =
      Pattern.compile(
          "(?<![0-9])([0-9]{4})(-?)([0-9]{2})\\2([0-9]{2})[T_-]([0-9]{2})([:-]?)([0-9]{2})"
              + "(?:\\6([0-9]{2}))?(Z?)(?![0-9])");

  private static final String HOW =
      "name the file with its scrape time (e.g. dcgm-node7-20261130T1400Z.prom) or set the"
          + " source's option "
          + OPTION
          + ": modified (the file's modification time) or an instant such as"
          + " 2026-11-30T14:00:00Z";

  private UndatedSamples() {}

  /** The scrape time a file name holds, or why it holds none. */
  record FromName(Long epochMs, String problem) {}

  /**
   * The time in the last segment of {@code path}; a zone-less time is read in {@code zone}. Two
   * different times, or one that is no calendar time, give none (with the reason).
   */
  static FromName fromFileName(String path, ZoneId zone) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    Matcher m = PATTERN.matcher(name);
    Set<Long> found = new LinkedHashSet<>();
    List<String> texts = new ArrayList<>();
    while (m.find()) {
      texts.add(m.group());
      try {
        LocalDateTime t =
            LocalDateTime.of(
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)),
                Integer.parseInt(m.group(5)),
                Integer.parseInt(m.group(7)),
                m.group(8) == null ? 0 : Integer.parseInt(m.group(8)));
        ZoneId z = m.group(9).isEmpty() ? zone : ZoneOffset.UTC;
        found.add(t.atZone(z).toInstant().toEpochMilli());
      } catch (DateTimeException e) {
        return new FromName(null, "its name holds '" + m.group() + "', which is not a time");
      }
    }
    if (found.isEmpty()) {
      return new FromName(null, "its name holds no scrape time");
    }
    if (found.size() > 1) {
      return new FromName(null, "its name holds several times " + texts);
    }
    return new FromName(found.iterator().next(), null);
  }

  /**
   * {@code lines} ({@link TextLines}) with {@link #UNDATED_MS}: the time {@code rule} gives a line
   * without a timestamp, null where it gives none. {@code files} are the source's files as {@link
   * TextLines#FILE} names them.
   */
  static Dataset<Row> undated(
      ScrapeTime rule, SparkSession spark, Dataset<Row> lines, List<String> files, ZoneId zone) {
    return switch (rule.mode()) {
      case MODIFIED -> lines.withColumn(UNDATED_MS, col(TextLines.MTIME_MS));
      case FIXED -> lines.withColumn(UNDATED_MS, lit(rule.fixed().toEpochMilli()));
      case FILE_NAME -> {
        List<Row> named = new ArrayList<>();
        for (String f : files) {
          FromName t = fromFileName(f, zone);
          if (t.epochMs() != null) {
            named.add(RowFactory.create(f, t.epochMs()));
          }
        }
        if (named.isEmpty()) {
          yield lines.withColumn(UNDATED_MS, lit(null).cast(DataTypes.LongType));
        }
        StructType schema =
            new StructType()
                .add(TextLines.FILE, DataTypes.StringType)
                .add(UNDATED_MS, DataTypes.LongType);
        // one row per file: a hash lookup per line, and nothing read twice
        yield lines.join(broadcast(spark.createDataFrame(named, schema)), TextLines.FILE, "left");
      }
    };
  }

  /**
   * The exit-3 error for a file with {@code count} samples the source's rule could not date (only
   * {@code file-name} leaves any).
   */
  static BurnrateException undatedError(String source, String file, long count, ZoneId zone) {
    return BurnrateException.input(
        file
            + ": "
            + count
            + " sample(s) without a timestamp, and "
            + fromFileName(file, zone).problem()
            + " (source '"
            + source
            + "', "
            + OPTION
            + ": file-name); "
            + HOW);
  }
}
