package dev.burnrate.etl.ingest.formats;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * OCI cost reports: the {@code tags/<namespace>.<key>} columns (one per tag key the tenancy has
 * ever used, so the set differs between files) become one JSON object {@code oci.tags} keyed by
 * {@code <namespace>.<key>}, empty values left out; the documented columns a file lacks are added
 * as nulls.
 */
public final class OciPreparer implements Preparer {
  static final String TAG_PREFIX = "tags/";

  static final List<String> CANONICAL =
      List.of(
          "lineItem/referenceNo",
          "lineItem/tenantId",
          "lineItem/intervalUsageStart",
          "lineItem/intervalUsageEnd",
          "product/service",
          "product/resource",
          "product/compartmentId",
          "product/compartmentName",
          "product/region",
          "product/availabilityDomain",
          "product/resourceId",
          "usage/billedQuantity",
          "usage/billedQuantityOverage",
          "cost/subscriptionId",
          "cost/productSku",
          "product/Description",
          "cost/unitPrice",
          "cost/unitPriceOverage",
          "cost/myCost",
          "cost/myCostOverage",
          "cost/currencyCode",
          "cost/billingUnitReadable",
          "cost/skuUnitDescription",
          "cost/overageFlag",
          "lineItem/isCorrection",
          "lineItem/backreferenceNo");

  @Override
  public Dataset<Row> prepare(Dataset<Row> rows) {
    List<String> columns = Arrays.asList(rows.columns());
    List<Column> select = new ArrayList<>();
    List<Column> tagEntries = new ArrayList<>();
    for (String c : columns) {
      Column v = col("`" + c.replace("`", "``") + "`");
      select.add(v);
      if (c.startsWith(TAG_PREFIX) && c.length() > TAG_PREFIX.length()) {
        tagEntries.add(lit(c.substring(TAG_PREFIX.length())));
        tagEntries.add(trim(v));
      }
    }
    Set<String> present = new HashSet<>(columns);
    for (String c : CANONICAL) {
      if (!present.contains(c)) {
        select.add(lit(null).cast(DataTypes.StringType).as(c));
      }
    }
    Column tags = lit(null).cast(DataTypes.StringType);
    if (!tagEntries.isEmpty()) {
      Column kept =
          map_filter(
              map(tagEntries.toArray(Column[]::new)),
              (k, v) -> v.isNotNull().and(v.notEqual("")).and(v.notEqual("NULL")));
      tags = when(size(kept).gt(0), to_json(kept));
    }
    select.add(tags.as("oci.tags"));
    return rows.select(select.toArray(Column[]::new));
  }
}
