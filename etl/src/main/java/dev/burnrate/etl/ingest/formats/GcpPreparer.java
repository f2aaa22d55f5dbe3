package dev.burnrate.etl.ingest.formats;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import dev.burnrate.etl.ingest.RawRows;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Google Cloud billing export (the BigQuery schema, flattened to CSV with dotted names, or read
 * from newline-delimited JSON whose nested fields the reader flattens the same way):
 *
 * <ul>
 *   <li>headers get their canonical dotted names ({@code service_description} and {@code
 *       service.description} are one column); missing ones are nulls;
 *   <li>{@code credits} (JSON, or the Python-style list pandas writes) becomes one Credit charge
 *       per credit next to the row's own charge: same file and line, ChargeCategory Credit and the
 *       credit's name as ChargeDescription, so that cost + sum(credits.amount) is the net cost and
 *       the warehouse's key (file, line, category, description) stays unique; a credits value that
 *       cannot be read quarantines the row, since its net cost is unknown;
 *   <li>{@code labels} becomes a JSON object, the machine type is read from {@code system_labels};
 *   <li>every charge of a source row says whether the row carries a resource-based committed use
 *       discount's credit ({@code gcp.cud_covered}: a credit of type COMMITTED_USAGE_DISCOUNT), so
 *       that the mapping can mark the row's own cost as the usage that commitment covered;
 *   <li>incremental exports that overlap: a batch (billing account, {@code export_time}) is read
 *       from the first file, in path order, that holds it. BigQuery appends a batch atomically and
 *       never changes it, so a later file holding the same batch holds the same rows again.
 * </ul>
 *
 * The derived columns are named {@code gcp.*}; the mapping reads them.
 */
public final class GcpPreparer implements Preparer {
  public static final List<String> CANONICAL =
      List.of(
          "billing_account_id",
          "service.id",
          "service.description",
          "sku.id",
          "sku.description",
          "usage_start_time",
          "usage_end_time",
          "project.id",
          "project.name",
          "labels",
          "system_labels",
          "location.location",
          "location.region",
          "location.zone",
          "resource.name",
          "resource.global_name",
          "export_time",
          "cost",
          "currency",
          "currency_conversion_rate",
          "usage.amount",
          "usage.unit",
          "usage.amount_in_pricing_units",
          "usage.pricing_unit",
          "credits",
          "invoice.month",
          "cost_type",
          "cost_at_list",
          "seller_name",
          "transaction_type");

  /**
   * The schema JSON lines are read with: the {@link #CANONICAL} fields, nested as BigQuery writes
   * them ({@code service.description} is the field {@code description} of the record {@code
   * service}), every value as text; the value of {@code labels}, {@code system_labels} and {@code
   * credits} is its JSON text. Keys outside it are not read, so that rows with keys of their own
   * (labels written as an object, a key per row) never widen it: Spark would infer a column for
   * every key of every row, and build that schema on the driver.
   */
  public static final StructType JSON_SCHEMA = jsonSchema();

  private static final DataType CREDITS =
      DataTypes.createArrayType(
          DataTypes.createStructType(
              List.of(
                  DataTypes.createStructField("name", DataTypes.StringType, true),
                  DataTypes.createStructField("amount", DataTypes.StringType, true),
                  DataTypes.createStructField("full_name", DataTypes.StringType, true),
                  DataTypes.createStructField("id", DataTypes.StringType, true),
                  DataTypes.createStructField("type", DataTypes.StringType, true))));

  private static final DataType KEY_VALUES =
      DataTypes.createArrayType(
          DataTypes.createStructType(
              List.of(
                  DataTypes.createStructField("key", DataTypes.StringType, true),
                  DataTypes.createStructField("value", DataTypes.StringType, true))));

  @Override
  public Dataset<Row> prepare(Dataset<Row> rows) {
    Dataset<Row> src = canonical(rows);
    Column creditsText = trim(col("`credits`"));
    Column credits =
        coalesce(
            from_json(creditsText, CREDITS, Map.of()),
            from_json(pythonToJson(creditsText), CREDITS, Map.of()));
    Column unreadable = creditsText.isNotNull().and(creditsText.notEqual("")).and(credits.isNull());
    Column systemLabels =
        coalesce(
            from_json(trim(col("`system_labels`")), KEY_VALUES, Map.of()),
            from_json(pythonToJson(trim(col("`system_labels`"))), KEY_VALUES, Map.of()));
    Dataset<Row> parsed =
        src.withColumn("_gcp_sys", systemLabels)
            .withColumn("_gcp_credits", when(unreadable, lit(null)).otherwise(credits))
            .withColumn("gcp.labels", labels(trim(col("`labels`"))))
            .withColumn(
                "gcp.cud_covered",
                expr(
                    "coalesce(exists(_gcp_credits,"
                        + " c -> upper(trim(c.type)) = 'COMMITTED_USAGE_DISCOUNT'), false)"))
            .withColumn(
                "gcp.machine_type",
                expr(
                    "try_element_at(filter(_gcp_sys, l -> l.key ="
                        + " 'compute.googleapis.com/machine_spec'), 1).value"))
            .withColumn(
                RawRows.PREP_ERRORS,
                when(
                    unreadable,
                    array(
                        concat(
                            lit("credits: cannot read '"),
                            creditsText,
                            lit("' as a list of {name, amount} credits")))));
    // one charge for the row's own cost, one per credit
    Column own =
        array(
            struct(
                lit("cost").as("kind"),
                col("`cost`").as("amount"),
                col("`sku.description`").as("description"),
                lit(null).cast(DataTypes.StringType).as("credit_type")));
    Column perCredit =
        expr(
            "transform(coalesce(_gcp_credits, array()), (c, i) -> named_struct("
                + "'kind', 'credit', 'amount', c.amount,"
                + " 'description', concat(coalesce(c.full_name, c.name, c.type, 'credit'),"
                + "   CASE WHEN size(filter(slice(_gcp_credits, 1, i), d ->"
                + "     coalesce(d.full_name, d.name, d.type, 'credit')"
                + "       = coalesce(c.full_name, c.name, c.type, 'credit'))) > 0"
                + "   THEN concat(' #', i + 1) ELSE '' END),"
                + " 'credit_type', c.type))");
    Dataset<Row> charges =
        parsed
            .withColumn("_gcp_charge", explode(concat(own, perCredit)))
            .withColumn("gcp.kind", col("_gcp_charge.kind"))
            .withColumn("gcp.amount", col("_gcp_charge.amount"))
            .withColumn("gcp.description", col("_gcp_charge.description"))
            .withColumn("gcp.credit_type", col("_gcp_charge.credit_type"))
            .drop("_gcp_charge", "_gcp_credits", "_gcp_sys");
    return firstDeliveryOfEachBatch(charges);
  }

  /**
   * The labels as a JSON object, null when there are none: from BigQuery's list of {@code {key,
   * value}} records (also in Python's repr), or from an object of keys, as some copies of the
   * export write them.
   */
  private static Column labels(Column text) {
    Column object =
        from_json(
            text, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), Map.of());
    Column list =
        coalesce(
            from_json(text, KEY_VALUES, Map.of()),
            from_json(pythonToJson(text), KEY_VALUES, Map.of()));
    return when(text.startsWith("{"), when(size(object).gt(0), to_json(object)))
        .otherwise(when(size(list).gt(0), to_json(map_from_entries(list))));
  }

  private static StructType jsonSchema() {
    // top-level names in CANONICAL's order, each record's fields gathered under its name
    Map<String, List<StructField>> topLevel = new LinkedHashMap<>();
    for (String name : CANONICAL) {
      int dot = name.indexOf('.');
      if (dot < 0) {
        topLevel.put(name, null);
      } else {
        topLevel
            .computeIfAbsent(name.substring(0, dot), r -> new ArrayList<>())
            .add(DataTypes.createStructField(name.substring(dot + 1), DataTypes.StringType, true));
      }
    }
    List<StructField> fields = new ArrayList<>();
    topLevel.forEach(
        (name, record) ->
            fields.add(
                DataTypes.createStructField(
                    name,
                    record == null ? DataTypes.StringType : DataTypes.createStructType(record),
                    true)));
    return DataTypes.createStructType(fields);
  }

  /** Drops the rows of an export batch that an earlier file (in path order) already holds. */
  private static Dataset<Row> firstDeliveryOfEachBatch(Dataset<Row> rows) {
    Dataset<Row> keyed =
        rows.withColumn(
            "_b_key",
            when(
                col("`export_time`").isNotNull(),
                to_json(struct(col("`billing_account_id`"), col("`export_time`")))));
    Dataset<Row> first =
        keyed
            .filter(col("_b_key").isNotNull())
            .groupBy(col("_b_key").as("_f_key"))
            .agg(min(col(RawRows.FILE)).as("_f_file"));
    Dataset<Row> joined =
        keyed.join(broadcast(first), keyed.col("_b_key").equalTo(first.col("_f_key")), "left");
    return joined
        .filter(
            first.col("_f_file").isNull().or(first.col("_f_file").equalTo(keyed.col(RawRows.FILE))))
        .drop("_b_key", "_f_key", "_f_file");
  }

  /** Python's repr of lists and dicts (single quotes, None/True/False) as JSON. */
  static Column pythonToJson(Column text) {
    Column quotes = regexp_replace(text, "(?<=[\\[{,:]\\s{0,3})'|'(?=\\s{0,3}[,:}\\]])", "\"");
    Column none = regexp_replace(quotes, "(?<=[:\\[,]\\s{0,3})None\\b", "null");
    Column t = regexp_replace(none, "(?<=[:\\[,]\\s{0,3})True\\b", "true");
    return regexp_replace(t, "(?<=[:\\[,]\\s{0,3})False\\b", "false");
  }

  private static Dataset<Row> canonical(Dataset<Row> rows) {
    Map<String, String> byKey = new HashMap<>();
    for (String c : CANONICAL) {
      byKey.put(key(c), c);
    }
    List<Column> select = new ArrayList<>();
    Set<String> named = new HashSet<>();
    for (String c : rows.columns()) {
      Column v = col("`" + c.replace("`", "``") + "`");
      String canonical = c.startsWith("_") ? null : byKey.get(key(c));
      if (canonical != null && named.add(canonical)) {
        select.add(v.as(canonical));
      } else {
        select.add(v);
      }
    }
    for (String c : CANONICAL) {
      if (!named.contains(c)) {
        select.add(lit(null).cast(DataTypes.StringType).as(c));
      }
    }
    return rows.select(select.toArray(Column[]::new));
  }

  /** service.description, service_description and serviceDescription are one key. */
  private static String key(String header) {
    return header.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }
}
