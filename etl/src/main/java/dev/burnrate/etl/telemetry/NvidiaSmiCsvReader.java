package dev.burnrate.etl.telemetry;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.ltrim;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.try_make_timestamp_ntz;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.TelemetryOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code nvidia-smi --query-gpu=... --format=csv} logs: ", " separators, units in the header
 * ({@code memory.used [MiB]}) and in the values ({@code 81559 MiB}, {@code 69.72 W}), {@code [N/A]}
 * / {@code [Not Supported]} for what a GPU does not report (utilization of a MIG-enabled GPU),
 * local timestamps {@code 2026/07/14 08:12:38.696} (zone from the source's {@code timezone}
 * option), headers repeated when logs are appended. Columns are found by name in each file's
 * header, so files with different --query-gpu lists read together; a file without a header needs
 * the source's {@code columns} option. A {@code --query-compute-apps} file (per process, no
 * utilization) is recognised and skipped. The host name comes from a {@code hostname} column when
 * it holds one, else from the file path ({@code host_pattern}).
 */
final class NvidiaSmiCsvReader {
  /** Columns read, by their name without the unit. */
  static final List<String> WANTED =
      List.of(
          "timestamp",
          "name",
          "uuid",
          "index",
          "utilization.gpu",
          "memory.used",
          "power.draw",
          "power.draw.average",
          "power.draw.instant",
          "mig.mode.current",
          "hostname");

  private static final String NOT_AVAILABLE =
      "^\\[?(N/A|Not Supported|Unknown Error|Requested functionality.*|Insufficient Permissions|GPU is lost)\\]?$";
  private static final String NUMBER = "^([-+]?[0-9]*\\.?[0-9]+)\\s*(%|[A-Za-z]+)?$";

  private NvidiaSmiCsvReader() {}

  /** The parsed lines of the readable files; {@code skippedOut} collects compute-apps files. */
  static Dataset<Row> parse(
      SparkSession spark,
      org.apache.hadoop.conf.Configuration hadoop,
      List<String> files,
      TelemetryOptions o,
      List<String> skippedOut) {
    Map<String, List<String>> headerOf = new LinkedHashMap<>();
    List<Row> layoutRows = new ArrayList<>();
    List<String> readable = new ArrayList<>();
    for (String f : files) {
      String line = o.columns().orElseGet(() -> TelemetryFiles.firstLine(hadoop, f));
      List<String> names = new ArrayList<>();
      for (String h : line.split(",")) {
        names.add(h.strip().replaceAll("\\s*\\[[^\\]]*\\]$", "").toLowerCase(Locale.ROOT));
      }
      String clean = TelemetryFiles.clean(f);
      if (line.isBlank() || (names.contains("pid") && !names.contains("utilization.gpu"))) {
        skippedOut.add(f);
        continue;
      }
      if (!names.contains("uuid") || !names.contains("timestamp")) {
        throw BurnrateException.input(
            clean
                + ": line 1: column 'uuid' or 'timestamp' missing from the header '"
                + line
                + "'; write the log with --query-gpu=timestamp,name,uuid,... --format=csv or"
                + " give the source's 'columns' option for --format=csv,noheader");
      }
      headerOf.put(clean, names);
      readable.add(f);
      Object[] r = new Object[WANTED.size() + 5];
      r[0] = clean;
      r[1] = names.size();
      r[2] = o.columns().isPresent() ? null : line.strip();
      r[3] = hostFromPath(clean, o.hostPattern());
      r[4] = o.columns().isPresent() ? null : line.split(",")[0].strip();
      for (int i = 0; i < WANTED.size(); i++) {
        int idx = names.indexOf(WANTED.get(i));
        r[i + 5] = idx < 0 ? null : idx + 1;
      }
      layoutRows.add(RowFactory.create(r));
    }
    if (readable.isEmpty()) {
      return null;
    }
    StructType layoutSchema =
        new StructType()
            .add(TextLines.FILE, DataTypes.StringType)
            .add("_fields", DataTypes.IntegerType)
            .add("_header", DataTypes.StringType)
            .add("_path_host", DataTypes.StringType)
            .add("_header_first", DataTypes.StringType);
    for (String w : WANTED) {
      layoutSchema = layoutSchema.add(idx(w), DataTypes.IntegerType);
    }
    Dataset<Row> layout = spark.createDataFrame(layoutRows, layoutSchema);
    Dataset<Row> lines = TextLines.read(spark, readable).join(broadcast(layout), TextLines.FILE);

    Column text = col(TextLines.TEXT);
    // the header again (logs appended to), found by its first field before the whole line
    Column header =
        col("_header")
            .isNotNull()
            .and(field("_first").equalTo(col("_header_first")))
            .and(trim(text).equalTo(col("_header")));
    Column skip =
        text.equalTo("")
            .or(text.startsWith("#"))
            .or(text.startsWith(" ").and(trim(text).equalTo("").or(ltrim(text).startsWith("#"))))
            .or(header);
    Dataset<Row> withFields = lines.withColumn("_f", split(text, ","));
    withFields = withFields.withColumn(value("_first"), trim(try_element_at(col("_f"), lit(1))));
    for (String w : WANTED) {
      withFields =
          withFields.withColumn(
              value(w),
              when(col(idx(w)).isNotNull(), trim(try_element_at(col("_f"), col(idx(w))))));
    }
    Column tsText = field("timestamp");
    withFields =
        withFields
            .withColumn("_skip", skip)
            .withColumn("_ts_local", when(col("_skip").unary_$bang(), timestamp(tsText)));
    Column wrongWidth = size(col("_f")).notEqual(col("_fields"));
    Column tsLocal = col("_ts_local");
    Column ts = unix_millis(to_utc_timestamp(tsLocal, o.timezone().getId()));
    Column uuid = nullif(field("uuid"), lit(""));
    Column util = number(field("utilization.gpu"));
    Column mem = number(field("memory.used"));
    Column power =
        coalesce(
            number(field("power.draw")),
            number(field("power.draw.average")),
            number(field("power.draw.instant")));
    Column badUtil = invalid(field("utilization.gpu"));
    Column badMem = invalid(field("memory.used"));
    Column badPower =
        invalid(field("power.draw"))
            .or(invalid(field("power.draw.average")))
            .or(invalid(field("power.draw.instant")));

    withFields =
        withFields.withColumn(
            "_kind",
            when(col("_skip"), lit(Samples.SKIP))
                .when(
                    wrongWidth
                        .or(tsLocal.isNull())
                        .or(uuid.isNull())
                        .or(badUtil)
                        .or(badMem)
                        .or(badPower),
                    lit(Samples.BAD))
                .otherwise(lit(Samples.SAMPLE)));
    Column bad = col("_kind").equalTo(Samples.BAD);
    Column kind = col("_kind");
    Column reason =
        when(
                bad.and(wrongWidth),
                concat(
                    lit("expected "),
                    col("_fields").cast("string"),
                    lit(" fields as in the header, found "),
                    size(col("_f")).cast("string")))
            .when(
                bad.and(tsLocal.isNull()),
                concat(
                    lit("timestamp '"),
                    coalesce(tsText, lit("")),
                    lit("' is not yyyy/MM/dd HH:mm:ss.SSS")))
            .when(bad.and(uuid.isNull()), lit("uuid is empty"))
            .when(
                bad.and(badUtil),
                concat(lit("'"), field("utilization.gpu"), lit("' is not a number")))
            .when(bad.and(badMem), concat(lit("'"), field("memory.used"), lit("' is not a number")))
            .when(bad.and(badPower), lit("power.draw is not a number"));
    Column column =
        when(bad.and(wrongWidth), lit("line"))
            .when(bad.and(tsLocal.isNull()), lit("timestamp"))
            .when(bad.and(uuid.isNull()), lit("uuid"))
            .when(bad.and(badUtil), lit("utilization.gpu"))
            .when(bad.and(badMem), lit("memory.used"))
            .when(bad.and(badPower), lit("power.draw"));

    Column hostColumn = nullif(field("hostname"), lit(""));
    Map<String, Column> v = new HashMap<>();
    v.put(Samples.UUID, uuid);
    v.put(Samples.TS_MS, ts);
    v.put(
        Samples.HOST,
        coalesce(
            when(
                    hostColumn
                        .startsWith("[")
                        .or(hostColumn.contains(" "))
                        .or(hostColumn.equalTo("N/A"))
                        .and(hostColumn.rlike(NOT_AVAILABLE)),
                    lit(null))
                .otherwise(hostColumn),
            col("_path_host")));
    v.put(Samples.MODEL_NAME, nullif(field("name"), lit("")));
    v.put(Samples.GPU_INDEX, field("index"));
    v.put(Samples.MIG_ENABLED, coalesce(field("mig.mode.current").equalTo("Enabled"), lit(false)));
    v.put(Samples.GPU_UTIL, util);
    v.put(Samples.FB_USED, mem);
    v.put(Samples.POWER, power);
    return Samples.select(
        withFields,
        List.of(col(TextLines.FILE), col(TextLines.BLOCK), col(TextLines.MID)),
        kind,
        reason,
        column,
        text,
        v);
  }

  private static String idx(String wanted) {
    return "_i_" + wanted.replace('.', '_');
  }

  private static String value(String wanted) {
    return "_v_" + wanted.replace('.', '_');
  }

  /** The field under a wanted column, trimmed, or null when the file has no such column. */
  private static Column field(String wanted) {
    return col(value(wanted));
  }

  /**
   * nvidia-smi's local time {@code 2026/07/14 08:12:38.696} from its digits, the slower date-time
   * patterns only for other shapes.
   */
  private static Column timestamp(Column t) {
    Column quick =
        when(
            length(t)
                .equalTo(23)
                .and(substring(t, 5, 1).equalTo("/"))
                .and(substring(t, 11, 1).equalTo(" ")),
            try_make_timestamp_ntz(
                    substring(t, 1, 4).try_cast("int"),
                    substring(t, 6, 2).try_cast("int"),
                    substring(t, 9, 2).try_cast("int"),
                    substring(t, 12, 2).try_cast("int"),
                    substring(t, 15, 2).try_cast("int"),
                    substring(t, 18, 6).try_cast("decimal(8,6)"))
                .cast("timestamp"));
    return coalesce(
        quick,
        try_to_timestamp(t, lit("yyyy/MM/dd HH:mm:ss.SSS")),
        try_to_timestamp(t, lit("yyyy/MM/dd HH:mm:ss")),
        try_to_timestamp(t));
  }

  /**
   * The number in "81559 MiB" / "69.72 W" / "17 %"; null for [N/A] and friends. The number before
   * the blank is tried first, the regular expressions only for what that does not read.
   */
  private static Column number(Column f) {
    return coalesce(
        quickNumber(f),
        when(f.isNull().or(f.rlike(NOT_AVAILABLE)), lit(null))
            .otherwise(nullif(regexp_extract(f, NUMBER, 1), lit("")).try_cast("double")));
  }

  private static Column invalid(Column f) {
    return f.isNotNull()
        .and(quickNumber(f).isNull())
        .and(f.rlike(NOT_AVAILABLE).unary_$bang())
        .and(f.rlike(NUMBER).unary_$bang());
  }

  private static Column quickNumber(Column f) {
    return substring_index(f, " ", 1).try_cast("double");
  }

  /** Group 1 of host_pattern on the file path, as Spark's regexp_extract finds it; else null. */
  private static String hostFromPath(String path, String pattern) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(pattern).matcher(path);
    return m.find() && m.group(1) != null && !m.group(1).isEmpty() ? m.group(1) : null;
  }
}
