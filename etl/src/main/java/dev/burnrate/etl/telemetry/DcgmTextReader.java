package dev.burnrate.etl.telemetry;

import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_extract_all;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * DCGM-exporter scrapes in the Prometheus text exposition format, parsed with Spark SQL regular
 * expressions, one line per row. Handles scrapes with or without # HELP / # TYPE lines, samples
 * with or without a millisecond timestamp (without one, the file's modification time is the scrape
 * time), other exporters' metrics in the same file (ignored and counted), Kubernetes pod /
 * namespace labels (also as {@code exported_pod} / {@code exported_namespace} after a federation),
 * MIG instances ({@code GPU_I_ID}, {@code GPU_I_PROFILE}) and CRLF line ends.
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
   * Parses with a few cheap string functions per line rather than one strict regular expression:
   * the name is what precedes '{' or the first blank, the label body what lies between the first
   * '{' and the last '}', the tail (value, timestamp) what follows; labels are read only for the
   * metrics burnrate uses (CASE WHEN does not evaluate its branches for other rows).
   */
  static Dataset<Row> parse(Dataset<Row> lines, TelemetryOptions o) {
    Column text = col(TextLines.TEXT);
    Column comment = text.rlike("^\\s*(#.*)?$");
    Column name = regexp_extract(text, "^\\s*(" + NAME + ")", 1);
    Column hasBody = text.contains("{");
    Column afterName = regexp_extract(text, "^\\s*" + NAME + "(.*)$", 1);
    Column tail = when(hasBody, substring_index(text, "}", -1)).otherwise(afterName);
    Column body = when(hasBody, regexp_extract(text, "\\{(.*)\\}", 1));
    Column valueText = regexp_extract(tail, TAIL, 1);
    Column tsText = regexp_extract(tail, TAIL, 2);
    Column wellFormed =
        name.notEqual("")
            .and(tail.rlike(TAIL))
            .and(hasBody.unary_$bang().or(afterName.startsWith("{").and(afterName.contains("}"))));
    Column used = name.isin(USED.keySet().toArray());
    Dataset<Row> pre =
        lines
            .withColumn("_name", name)
            .withColumn("_ok", comment.unary_$bang().and(wellFormed))
            .withColumn("_used", used)
            .withColumn(
                "_keys",
                when(col("_ok").and(col("_used")), regexp_extract_all(body, lit(PAIR), lit(1))))
            .withColumn(
                "_vals",
                when(col("_ok").and(col("_used")), regexp_extract_all(body, lit(PAIR), lit(2))))
            .withColumn("_value_text", valueText)
            .withColumn("_ts_text", tsText);
    Column value =
        when(col("_value_text").rlike("^[-+]?[Nn][Aa][Nn]$"), lit(null))
            .otherwise(col("_value_text").try_cast("double"));
    Column uuid = label("UUID");
    Column bad = comment.unary_$bang().and(col("_ok").unary_$bang());
    Column kind =
        when(comment, lit(Samples.SKIP))
            .when(bad, lit(Samples.BAD))
            .when(col("_used").unary_$bang(), lit(Samples.IGNORED))
            .when(uuid.isNull(), lit(Samples.BAD))
            .otherwise(lit(Samples.SAMPLE));
    Column reason =
        when(
                bad,
                lit(
                    "not a Prometheus text sample (name{label=\"value\",...} value [timestamp_ms])"))
            .when(col("_used").and(uuid.isNull()), lit("a DCGM sample without the UUID label"));
    Column column = when(bad, lit("line")).when(col("_used").and(uuid.isNull()), lit("UUID"));

    Map<String, Column> v = new HashMap<>();
    v.put(Samples.UUID, uuid);
    v.put(
        Samples.TS_MS,
        when(col("_ts_text").equalTo(""), col(TextLines.MTIME_MS))
            .otherwise(col("_ts_text").try_cast("long")));
    v.put(
        Samples.HOST,
        coalesce(
            label(o.hostLabel()),
            label("Hostname"),
            label("kubernetes_node"),
            label("node"),
            nullif(regexp_replace(label("instance"), ":[0-9]+$", ""), lit(""))));
    v.put(Samples.INSTANCE_ID, label(o.instanceLabel()));
    v.put(Samples.PROVIDER_LABEL, coalesce(label("provider"), label("cloud_provider")));
    v.put(Samples.MODEL_NAME, label("modelName"));
    v.put(Samples.GPU_INDEX, label("gpu"));
    v.put(Samples.NAMESPACE, coalesce(label("namespace"), label("exported_namespace")));
    v.put(Samples.POD, coalesce(label("pod"), label("exported_pod")));
    Column migId = label("GPU_I_ID");
    v.put(Samples.MIG_ENABLED, migId.isNotNull());
    v.put(
        Samples.MIG_SLICES,
        when(
            migId.isNotNull(),
            coalesce(
                nullif(
                        regexp_extract(coalesce(label("GPU_I_PROFILE"), lit("")), "^([0-9]+)g", 1),
                        lit(""))
                    .try_cast("int"),
                lit(1))));
    for (Map.Entry<String, String> m : USED.entrySet()) {
      v.put(m.getValue(), when(col("_name").equalTo(m.getKey()), value));
    }
    return Samples.select(
        pre,
        List.of(col(TextLines.FILE), col(TextLines.BLOCK), col(TextLines.MID)),
        kind,
        reason,
        column,
        text,
        v);
  }

  /** One label's value (first occurrence), or null when absent or empty. */
  static Column label(String key) {
    Column pos = array_position(col("_keys"), lit(key));
    return nullif(when(pos.gt(0), try_element_at(col("_vals"), pos.cast("int"))), lit(""));
  }

  static Set<String> usedMetrics() {
    return USED.keySet();
  }
}
