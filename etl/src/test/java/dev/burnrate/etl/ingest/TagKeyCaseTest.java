package dev.burnrate.etl.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnrate.core.config.BillingOptions.TagKeyCase;
import dev.burnrate.etl.SharedSpark;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/**
 * Tag keys are normalized to the configured case in time linear in their number; when two keys
 * differ only in case, the first one wins and keeps its place.
 */
class TagKeyCaseTest {
  private final SparkSession spark = SharedSpark.get();
  private final ObjectMapper json = new ObjectMapper();

  /** The Tags column of one row holding {@code tags}, normalized to {@code keyCase}. */
  private String normalized(String tags, TagKeyCase keyCase) {
    List<Row> rows = List.<Row>of(RowFactory.create(tags));
    return spark
        .createDataFrame(
            rows,
            DataTypes.createStructType(
                List.of(DataTypes.createStructField("Tags", DataTypes.StringType, true))))
        .select(FocusProjection.tagsJson(FocusProjection.parseTags(col("Tags")), keyCase))
        .first()
        .getString(0);
  }

  @Test
  void theFirstOfKeysThatDifferOnlyInCaseWinsInItsPlace() throws Exception {
    String tags =
        "{\"Team\":\"ml\",\"env\":\"prod\",\"TEAM\":\"web\",\"Env\":\"dev\",\"Cost-Center\":\"42\"}";

    assertEquals(
        "{\"team\":\"ml\",\"env\":\"prod\",\"cost-center\":\"42\"}",
        normalized(tags, TagKeyCase.LOWER));
    assertEquals(
        "{\"TEAM\":\"ml\",\"ENV\":\"prod\",\"COST-CENTER\":\"42\"}",
        normalized(tags, TagKeyCase.UPPER));
    assertEquals(
        "{\"Team\":\"ml\",\"env\":\"prod\",\"TEAM\":\"web\",\"Env\":\"dev\",\"Cost-Center\":\"42\"}",
        normalized(tags, TagKeyCase.PRESERVE));
  }

  /**
   * One row with 50,000 tag keys: Key0 .. Key24999 valued a0 .. a24999, then KEY0 .. KEY24999
   * valued b0 .. b24999. Lower-cased they are 25,000 keys key0 .. key24999, each with its first
   * value a&lt;i&gt;. Comparing every key with every earlier one took 1.25 billion comparisons (the
   * test had not finished after 2.5 minutes); the linear pass costs about what parsing the tags and
   * writing them back as JSON costs (2.9 s against 1.5 s on a loaded machine, after a warm-up).
   * Timed against that, so that a slow machine slows both: normalizing must take less than ten
   * times as long.
   */
  @Test
  void fiftyThousandMixedCaseKeysAreNormalizedInLinearTime() throws Exception {
    StringBuilder tags = new StringBuilder("{");
    for (int i = 0; i < 25_000; i++) {
      tags.append(i == 0 ? "" : ",")
          .append("\"Key")
          .append(i)
          .append("\":\"a")
          .append(i)
          .append('"');
    }
    for (int i = 0; i < 25_000; i++) {
      tags.append(",\"KEY").append(i).append("\":\"b").append(i).append('"');
    }
    tags.append('}');
    normalized(tags.toString(), TagKeyCase.PRESERVE); // warm-up: parsing and JSON writing

    long start = System.nanoTime();
    normalized(tags.toString(), TagKeyCase.PRESERVE);
    long preserved = System.nanoTime() - start;
    start = System.nanoTime();
    String out = normalized(tags.toString(), TagKeyCase.LOWER);
    long lowered = System.nanoTime() - start;

    JsonNode m = json.readTree(out);
    assertEquals(25_000, m.size());
    Iterator<Map.Entry<String, JsonNode>> fields = m.fields();
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; fields.hasNext(); i++) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (!f.getKey().equals("key" + i) || !f.getValue().asText().equals("a" + i)) {
        mismatches.add(i + ": " + f.getKey() + "=" + f.getValue());
      }
    }
    assertEquals(List.of(), mismatches.subList(0, Math.min(5, mismatches.size())));
    assertTrue(
        lowered < 10 * preserved,
        String.format("lower case %.1f s, preserved %.1f s", lowered / 1e9, preserved / 1e9));
  }
}
