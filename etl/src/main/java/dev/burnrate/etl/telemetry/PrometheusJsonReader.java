package dev.burnrate.etl.telemetry;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.posexplode_outer;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import dev.burnrate.core.config.TelemetryOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Responses of the Prometheus HTTP API ({@code /api/v1/query_range}: {@code resultType} matrix, or
 * {@code /api/v1/query}: vector) saved as JSON files. Spark's JSON reader parses each file (one
 * document, so one task per file: responses are bounded by Prometheus' 11,000 points per series);
 * the series and their points are exploded with Spark SQL. A point has no line: quarantined points
 * name their place as {@code data.result[i].values[j]} and the line column stays null. Every point
 * carries its own time (the API always writes it), so the source's {@code scrape_time} never
 * applies; a series of a DCGM metric without a {@code UUID} label is ignored and counted ({@link
 * Samples#NO_GPU}), as in DCGM text.
 */
final class PrometheusJsonReader {
  private static final String CORRUPT = "_corrupt_record";

  private PrometheusJsonReader() {}

  static final StructType SCHEMA =
      new StructType()
          .add("status", DataTypes.StringType)
          .add("error", DataTypes.StringType)
          .add(
              "data",
              new StructType()
                  .add("resultType", DataTypes.StringType)
                  .add(
                      "result",
                      DataTypes.createArrayType(
                          new StructType()
                              .add(
                                  "metric",
                                  DataTypes.createMapType(
                                      DataTypes.StringType, DataTypes.StringType))
                              .add(
                                  "values",
                                  DataTypes.createArrayType(
                                      DataTypes.createArrayType(DataTypes.StringType)))
                              .add("value", DataTypes.createArrayType(DataTypes.StringType)))))
          .add(CORRUPT, DataTypes.StringType);

  static Dataset<Row> parse(SparkSession spark, List<String> files, TelemetryOptions o) {
    Dataset<Row> docs =
        spark
            .read()
            .schema(SCHEMA)
            .option("multiLine", "true")
            .option("mode", "PERMISSIVE")
            .option("columnNameOfCorruptRecord", CORRUPT)
            .json(files.toArray(String[]::new))
            .withColumn(TextLines.FILE, TextLines.cleanPath(col("_metadata.file_path")));
    Column docProblem =
        when(col(CORRUPT).isNotNull(), lit("not valid JSON"))
            .when(
                coalesce(col("status"), lit("")).notEqual("success"),
                concat(
                    lit("status is '"),
                    coalesce(col("status"), lit("")),
                    lit("', not 'success': "),
                    coalesce(col("error"), lit("no error text"))))
            .when(
                coalesce(col("data.resultType"), lit("")).isin("matrix", "vector").unary_$bang(),
                concat(
                    lit("resultType '"),
                    coalesce(col("data.resultType"), lit("")),
                    lit("' is not matrix or vector")));
    Dataset<Row> checked = docs.withColumn("_doc_problem", docProblem);

    Dataset<Row> badDocs =
        checked
            .filter(col("_doc_problem").isNotNull())
            .select(
                col(TextLines.FILE),
                lit(1L).as(TextLines.LINE),
                lit(Samples.BAD).as(Samples.KIND),
                col("_doc_problem").as(Samples.REASON),
                lit("document").as(Samples.COLUMN),
                substring(coalesce(col(CORRUPT), to_json(col("data"))), 1, 500).as(Samples.RAW));

    Dataset<Row> series =
        checked
            .filter(col("_doc_problem").isNull())
            .select(
                col(TextLines.FILE),
                posexplode_outer(col("data.result")).as(new String[] {"_si", "_s"}))
            .filter(col("_s").isNotNull());
    // what a series' labels say is read once per series, before its points are exploded
    Map<String, Column> perSeries = new LinkedHashMap<>();
    perSeries.put(Samples.UUID, m("UUID"));
    perSeries.put(
        Samples.HOST,
        coalesce(
            m(o.hostLabel()),
            m("Hostname"),
            m("kubernetes_node"),
            m("node"),
            nullif(regexp_replace(m("instance"), ":[0-9]+$", ""), lit(""))));
    perSeries.put(Samples.INSTANCE_ID, m(o.instanceLabel()));
    perSeries.put(Samples.PROVIDER_LABEL, coalesce(m("provider"), m("cloud_provider")));
    perSeries.put(Samples.MODEL_NAME, m("modelName"));
    perSeries.put(Samples.GPU_INDEX, m("gpu"));
    perSeries.put(Samples.NAMESPACE, coalesce(m("namespace"), m("exported_namespace")));
    perSeries.put(Samples.POD, coalesce(m("pod"), m("exported_pod")));
    perSeries.put(Samples.MIG_ENABLED, m("GPU_I_ID").isNotNull());
    perSeries.put(
        Samples.MIG_SLICES,
        when(
            m("GPU_I_ID").isNotNull(),
            coalesce(
                nullif(
                        regexp_extract(coalesce(m("GPU_I_PROFILE"), lit("")), "^([0-9]+)g", 1),
                        lit(""))
                    .try_cast("int"),
                lit(1))));
    List<Column> seriesCols = new ArrayList<>();
    seriesCols.add(col(TextLines.FILE));
    seriesCols.add(col("_si"));
    seriesCols.add(col("_m"));
    seriesCols.add(coalesce(try_element_at(col("_m"), lit("__name__")), lit("")).as("_name"));
    perSeries.forEach((k, c) -> seriesCols.add(c.as("_l_" + k)));
    seriesCols.add(
        posexplode_outer(
                coalesce(
                    col("_s.values"), when(col("_s.value").isNotNull(), array(col("_s.value")))))
            .as(new String[] {"_vi", "_p"}));
    Dataset<Row> points =
        series
            .select(col(TextLines.FILE), col("_si"), col("_s"), col("_s.metric").as("_m"))
            .select(seriesCols.toArray(Column[]::new))
            .filter(col("_p").isNotNull());

    Column name = col("_name");
    Column tsText = try_element_at(col("_p"), lit(1));
    Column valueText = try_element_at(col("_p"), lit(2));
    Column ts = tsText.try_cast("double");
    Column parsedValue = valueText.try_cast("double");
    Column value = when(isnan(parsedValue), lit(null)).otherwise(parsedValue);
    Column uuid = col("_l_" + Samples.UUID);
    Column used = name.isin(DcgmTextReader.USED.keySet().toArray());
    Column badPair = size(col("_p")).notEqual(2);
    Column badTs = ts.isNull();
    Column badValue = parsedValue.isNull();
    Column where =
        concat(
            lit("data.result["),
            col("_si").cast("string"),
            lit("].values["),
            col("_vi").cast("string"),
            lit("]: "));
    // a series without a GPU identity is ignored whole (and counted), its points unread
    Column kind =
        when(used.unary_$bang(), lit(Samples.IGNORED))
            .when(uuid.isNull(), lit(Samples.NO_GPU))
            .when(badPair.or(badTs).or(badValue), lit(Samples.BAD))
            .otherwise(lit(Samples.SAMPLE));
    Column reason =
        when(used.unary_$bang().or(uuid.isNull()), lit(null).cast("string"))
            .when(badPair, concat(where, lit("a point must be [timestamp, \"value\"]")))
            .when(
                badTs,
                concat(
                    where, lit("timestamp '"), coalesce(tsText, lit("")), lit("' is not a number")))
            .when(
                badValue,
                concat(
                    where, lit("value '"), coalesce(valueText, lit("")), lit("' is not a number")));
    Column column = when(badPair.or(badTs), lit("timestamp")).when(badValue, lit("value"));

    Map<String, Column> v = new HashMap<>();
    perSeries.keySet().forEach(k -> v.put(k, col("_l_" + k)));
    v.put(Samples.TS_MS, ts.multiply(1000).cast("long"));
    for (Map.Entry<String, String> e : DcgmTextReader.USED.entrySet()) {
      v.put(e.getValue(), when(name.equalTo(e.getKey()), value));
    }
    Dataset<Row> sampled =
        Samples.select(
            points,
            List.of(col(TextLines.FILE), lit(null).cast("long").as(TextLines.LINE)),
            kind,
            reason,
            column,
            concat(to_json(col("_m")), lit(" "), to_json(col("_p"))),
            v);
    Map<String, Column> none = new HashMap<>();
    Dataset<Row> bad =
        Samples.select(
            badDocs,
            List.of(col(TextLines.FILE), col(TextLines.LINE)),
            col(Samples.KIND),
            col(Samples.REASON),
            col(Samples.COLUMN),
            col(Samples.RAW),
            none);
    return sampled.unionByName(bad);
  }

  private static Column m(String key) {
    return nullif(try_element_at(col("_m"), lit(key)), lit(""));
  }
}
