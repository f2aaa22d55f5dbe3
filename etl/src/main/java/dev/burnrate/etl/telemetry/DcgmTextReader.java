package dev.burnrate.etl.telemetry;

import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.locate;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_extract_all;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import dev.burnrate.core.config.TelemetryOptions;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * DCGM-exporter scrapes in the Prometheus text exposition format, parsed with Spark SQL string
 * functions (regular expressions only for unusual lines), one line per row. Handles scrapes with or
 * without # HELP / # TYPE lines, samples with or without a millisecond timestamp (without one, the
 * time {@link UndatedSamples} gives the line's file: its name, or the source's {@code
 * scrape_time}), other exporters' metrics in the same file (ignored and counted), samples of DCGM
 * metrics without a {@code UUID} label (no GPU identity: ignored and counted apart, {@link
 * Samples#NO_GPU}), Kubernetes pod / namespace labels (also as {@code exported_pod} / {@code
 * exported_namespace} after a federation), MIG instances ({@code GPU_I_ID}, {@code GPU_I_PROFILE})
 * and CRLF line ends.
 */
final class DcgmTextReader {
  static final String GR_ENGINE_ACTIVE = "DCGM_FI_PROF_GR_ENGINE_ACTIVE";
  static final String GPU_UTIL = "DCGM_FI_DEV_GPU_UTIL";
  static final String TENSOR_ACTIVE = "DCGM_FI_PROF_PIPE_TENSOR_ACTIVE";
  static final String FB_USED = "DCGM_FI_DEV_FB_USED";
  static final String POWER_USAGE = "DCGM_FI_DEV_POWER_USAGE";
  static final String TOTAL_ENERGY = "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION";
  static final String XID_ERRORS = "DCGM_FI_DEV_XID_ERRORS";

  /** Metric name -> the sample column it fills. Every other metric is ignored and counted. */
  static final Map<String, String> USED = new HashMap<>();

  static {
    USED.put(GR_ENGINE_ACTIVE, Samples.GR_ACTIVE);
    USED.put(GPU_UTIL, Samples.GPU_UTIL);
    USED.put(TENSOR_ACTIVE, Samples.TENSOR_ACTIVE);
    USED.put(FB_USED, Samples.FB_USED);
    USED.put(POWER_USAGE, Samples.POWER);
    USED.put(TOTAL_ENERGY, Samples.ENERGY);
    USED.put(XID_ERRORS, Samples.XID);
  }

  private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
  private static final String LABEL =
      "\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*=\\s*\"(?:[^\"\\\\]|\\\\.)*\"\\s*";
  private static final String NUMBER =
      "[-+]?(?:(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[Nn][Aa][Nn]|[Ii]nf(?:inity)?)";

  private DcgmTextReader() {}

  /** A label pair inside the braces: group 1 the name, group 2 the value. */
  private static final String PAIR = "([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"";

  /** What follows the name or the closing brace: value and optional timestamp. */
  private static final String TAIL = "^\\s+(" + NUMBER + ")(?:\\s+(-?[0-9]+))?\\s*$";

  /**
   * Parses each line with plain string functions in the shape dcgm-exporter writes ({@code
   * name{labels} value [timestamp]}, single blanks), reading only the UUID and the MIG labels per
   * line; the other labels are read per GPU and hour from the hour's label text ({@link
   * #labelColumns}), so a scrape's label text is not taken apart once per metric. A line the fast
   * path does not take (other exporters' metrics, other spacing, NaN, anything malformed) goes
   * through the regular expressions of the exposition format, which also decide what is malformed.
   * {@code lines} carry {@link UndatedSamples#UNDATED_MS}, the time of a line without a timestamp.
   */
  static Dataset<Row> parse(Dataset<Row> lines) {
    Column text = col(TextLines.TEXT);
    // fast path: columns prefixed _f
    Column brace = locate("{", text);
    Column close = locate("}", text);
    Column tailF = substring_index(text, "}", -1);
    Column parts = split(tailF, " ");
    Column partCount = size(col("_f_parts"));
    Column valueF = try_element_at(col("_f_parts"), lit(2)).try_cast("double");
    Column tsTextF = try_element_at(col("_f_parts"), lit(3));
    Column fast =
        col("_f_name")
            .isin(USED.keySet().toArray())
            .and(close.gt(brace))
            .and(try_element_at(col("_f_parts"), lit(1)).equalTo(""))
            .and(partCount.equalTo(2).or(partCount.equalTo(3)))
            .and(valueF.isNotNull())
            .and(isnan(valueF).unary_$bang())
            .and(partCount.equalTo(2).or(tsTextF.try_cast("long").isNotNull()));
    Dataset<Row> pre =
        lines
            .withColumn("_f_name", when(brace.gt(1), substring(text, lit(1), brace.minus(1))))
            .withColumn(
                "_f_body",
                when(
                    brace.gt(1),
                    substring(
                        text,
                        brace.plus(1),
                        length(text).minus(length(tailF)).minus(brace).minus(1))))
            .withColumn("_f_parts", when(brace.gt(1), parts))
            .withColumn("_fast", coalesce(fast, lit(false)));

    // the exposition format's rules, for every line the fast path left
    Column comment = text.rlike("^\\s*(#.*)?$");
    Column name = regexp_extract(text, "^\\s*(" + NAME + ")", 1);
    Column hasBody = text.contains("{");
    Column afterName = regexp_extract(text, "^\\s*" + NAME + "(.*)$", 1);
    Column tail = when(hasBody, substring_index(text, "}", -1)).otherwise(afterName);
    Column body = when(hasBody, regexp_extract(text, "\\{(.*)\\}", 1));
    Column wellFormed =
        name.notEqual("")
            .and(tail.rlike(TAIL))
            .and(hasBody.unary_$bang().or(afterName.startsWith("{").and(afterName.contains("}"))));
    Column slow = col("_fast").unary_$bang();
    Column fastTs = try_element_at(col("_f_parts"), lit(3));
    Dataset<Row> parsed =
        pre.withColumn("_comment", when(slow, comment).otherwise(lit(false)))
            .withColumn("_name", when(col("_fast"), col("_f_name")).otherwise(name))
            .withColumn("_ok", col("_fast").or(col("_comment").unary_$bang().and(wellFormed)))
            .withColumn("_used", col("_name").isin(USED.keySet().toArray()))
            .withColumn("_body", when(col("_fast"), col("_f_body")).when(col("_used"), body))
            .withColumn(
                "_value_text",
                when(col("_fast"), try_element_at(col("_f_parts"), lit(2)))
                    .otherwise(regexp_extract(tail, TAIL, 1)))
            .withColumn(
                "_ts_text",
                when(col("_fast"), coalesce(fastTs, lit("")))
                    .otherwise(regexp_extract(tail, TAIL, 2)));
    Column parsedValue = col("_value_text").try_cast("double");
    Column value = when(isnan(parsedValue), lit(null)).otherwise(parsedValue);
    Column uuid = when(col("_ok").and(col("_used")), uuid(col("_body")));
    Column bad = col("_comment").unary_$bang().and(col("_ok").unary_$bang());
    Column kind =
        when(col("_comment"), lit(Samples.SKIP))
            .when(bad, lit(Samples.BAD))
            .when(col("_used").unary_$bang(), lit(Samples.IGNORED))
            .when(uuid.isNull(), lit(Samples.NO_GPU))
            .otherwise(lit(Samples.SAMPLE));
    Column reason =
        when(
            bad,
            lit("not a Prometheus text sample (name{label=\"value\",...} value [timestamp_ms])"));
    Column column = when(bad, lit("line"));

    Map<String, Column> v = new HashMap<>();
    v.put(Samples.UUID, uuid);
    v.put(
        Samples.TS_MS,
        when(col("_ts_text").equalTo(""), col(UndatedSamples.UNDATED_MS))
            .otherwise(col("_ts_text").try_cast("long")));
    v.put(Samples.LABELS, when(col("_used"), col("_body")));
    Column mig = col("_used").and(col("_body").contains("GPU_I_ID"));
    Column migId = when(mig, labelIn(col("_body"), "GPU_I_ID"));
    v.put(Samples.MIG_ENABLED, migId.isNotNull());
    v.put(
        Samples.MIG_SLICES,
        when(
            migId.isNotNull(),
            coalesce(
                nullif(
                        regexp_extract(
                            coalesce(labelIn(col("_body"), "GPU_I_PROFILE"), lit("")),
                            "^([0-9]+)g",
                            1),
                        lit(""))
                    .try_cast("int"),
                lit(1))));
    for (Map.Entry<String, String> m : USED.entrySet()) {
      v.put(m.getValue(), when(col("_name").equalTo(m.getKey()), value));
    }
    return Samples.select(
        parsed,
        List.of(col(TextLines.FILE), col(TextLines.BLOCK), col(TextLines.MID)),
        kind,
        reason,
        column,
        text,
        v);
  }

  /**
   * Fills the label-derived columns of {@code rows} (host, instance id, provider label, model, GPU
   * index, Kubernetes namespace and pod; {@code into} maps each {@link Samples} column to its name
   * in {@code rows}) from the label text in {@code labels} where they are null, then drops that
   * column.
   */
  static Dataset<Row> fillFromLabels(
      Dataset<Row> rows, String labels, Map<String, String> into, TelemetryOptions o) {
    Column keys = col("_label_keys");
    Column vals = col("_label_vals");
    Map<String, Column> v = new LinkedHashMap<>();
    v.put(
        Samples.HOST,
        coalesce(
            label(keys, vals, o.hostLabel()),
            label(keys, vals, "Hostname"),
            label(keys, vals, "kubernetes_node"),
            label(keys, vals, "node"),
            nullif(regexp_replace(label(keys, vals, "instance"), ":[0-9]+$", ""), lit(""))));
    v.put(Samples.INSTANCE_ID, label(keys, vals, o.instanceLabel()));
    v.put(
        Samples.PROVIDER_LABEL,
        coalesce(label(keys, vals, "provider"), label(keys, vals, "cloud_provider")));
    v.put(Samples.MODEL_NAME, label(keys, vals, "modelName"));
    v.put(Samples.GPU_INDEX, label(keys, vals, "gpu").try_cast("int"));
    v.put(
        Samples.NAMESPACE,
        coalesce(label(keys, vals, "namespace"), label(keys, vals, "exported_namespace")));
    v.put(Samples.POD, coalesce(label(keys, vals, "pod"), label(keys, vals, "exported_pod")));
    Dataset<Row> out =
        rows.withColumn("_label_keys", regexp_extract_all(col(labels), lit(PAIR), lit(1)))
            .withColumn("_label_vals", regexp_extract_all(col(labels), lit(PAIR), lit(2)));
    for (Map.Entry<String, Column> e : v.entrySet()) {
      String target = into.get(e.getKey());
      out = out.withColumn(target, coalesce(col(target), e.getValue()));
    }
    return out.drop("_label_keys", "_label_vals", labels);
  }

  /**
   * The UUID label: found with string functions when it is written {@code UUID="..."} (as
   * dcgm-exporter does), else with the exposition format's label rules.
   */
  private static Column uuid(Column labels) {
    Column at = locate("UUID=\"", labels);
    Column rest = substring(labels, at.plus(6), lit(Integer.MAX_VALUE));
    Column value = substring_index(rest, "\"", 1);
    Column quick =
        when(
            at.gt(0)
                .and(at.equalTo(1).or(substring(labels, at.minus(1), lit(1)).equalTo(",")))
                .and(value.contains("\\").unary_$bang()),
            nullif(value, lit("")));
    return coalesce(quick, labelIn(labels, "UUID"));
  }

  /** One label's value (first occurrence) in a label text, or null when absent or empty. */
  static Column labelIn(Column labels, String key) {
    return label(
        regexp_extract_all(labels, lit(PAIR), lit(1)),
        regexp_extract_all(labels, lit(PAIR), lit(2)),
        key);
  }

  /** One label's value from the label names and values, or null when absent or empty. */
  private static Column label(Column keys, Column vals, String key) {
    Column pos = array_position(keys, lit(key));
    return nullif(when(pos.gt(0), try_element_at(vals, pos.cast("int"))), lit(""));
  }

  static Set<String> usedMetrics() {
    return USED.keySet();
  }
}
