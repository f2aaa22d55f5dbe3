package dev.burnrate.etl.ingest;

import static org.apache.spark.sql.functions.udf;

import dev.burnrate.core.config.BillingOptions.TagKeyCase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A tags map's keys in one case, in one pass: each key is normalized once and looked up in a hash
 * map, so that a row with k keys costs O(k). When keys differ only in case, the first one wins and
 * keeps its place. Spark's higher-order functions have no such lookup (finding whether a key came
 * before scans the array, O(k²) over a row; 50,000 keys took minutes), hence this function.
 *
 * <p>It takes the keys and the values as two arrays: Spark hands a map to a Java function as a
 * Scala map that does not keep the order of its entries, which decides the first.
 */
final class NormalizedTagKeys {
  private NormalizedTagKeys() {}

  /** The function of (keys, values) arrays to a map with keys in {@code keyCase}. */
  static UserDefinedFunction of(TagKeyCase keyCase) {
    boolean upper =
        switch (keyCase) {
          case UPPER -> true;
          case LOWER -> false;
          case PRESERVE -> throw new IllegalArgumentException("preserved keys are not normalized");
        };
    UDF2<Seq<String>, Seq<String>, Map<String, String>> normalize =
        (keys, values) -> normalize(keys, values, upper);
    return udf(normalize, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true))
        .withName(upper ? "upper_tag_keys" : "lower_tag_keys");
  }

  private static Map<String, String> normalize(
      Seq<String> keySeq, Seq<String> valueSeq, boolean upper) {
    List<String> keys = CollectionConverters.asJava(keySeq);
    List<String> values = CollectionConverters.asJava(valueSeq);
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      String key =
          upper ? keys.get(i).toUpperCase(Locale.ROOT) : keys.get(i).toLowerCase(Locale.ROOT);
      if (!out.containsKey(key)) { // a null value is kept: it is the first key's value
        out.put(key, values.get(i));
      }
    }
    return out;
  }
}
