package dev.burnrate.etl.ingest.formats;

import static org.apache.spark.sql.functions.col;

import dev.burnrate.etl.ingest.Mapping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The legacy AWS CUR as its Athena integration delivers it: Parquet under {@code
 * year=YYYY/month=M/} folders, with the report's columns under flat snake_case names ({@code
 * lineItem/UnblendedCost} as {@code line_item_unblended_cost}, {@code resourceTags/user:team} as
 * {@code resource_tags_user_team}). The columns are renamed back to the slash names of the aws-cur
 * mapping, so that one mapping serves the CSV and the Parquet report; a CSV report passes
 * unchanged.
 *
 * <p>AWS's rule (lower case, an underscore before each capital, {@code /} and {@code :} as
 * underscores) loses the case, so the way back is a table of the slash names the mapping itself
 * names, keyed by their Athena names, plus its tag prefixes; a column the mapping does not name
 * keeps its name. Tag keys keep the Athena spelling: {@code resource_tags_user_cost_center} is the
 * tag {@code cost_center}. The partition columns {@code year} and {@code month}, which some copies
 * of the data carry as columns, are not data and are dropped.
 */
public final class AwsCurAthenaPreparer implements Preparer {
  static final List<String> PARTITION_COLUMNS = List.of("year", "month");

  private final String mappingName;
  private volatile Names names;

  /**
   * @param mappingName the mapping whose slash names the Athena names are turned back into
   */
  public AwsCurAthenaPreparer(String mappingName) {
    this.mappingName = mappingName;
  }

  /**
   * Slash names by Athena name, and slash tag prefixes by Athena prefix (in the mapping's order).
   */
  private record Names(Map<String, String> columns, Map<String, String> tagPrefixes) {
    static Names of(Mapping mapping) {
      Map<String, String> columns = new HashMap<>();
      for (String slash : mapping.referencedColumns()) {
        columns.putIfAbsent(athenaName(slash), slash);
      }
      Map<String, String> prefixes = new LinkedHashMap<>();
      for (Mapping.Rule rule : mapping.columns().values()) {
        if (rule.fromPrefix() != null) {
          rule.fromPrefix().forEach(p -> prefixes.putIfAbsent(athenaName(p), p));
        }
      }
      return new Names(Map.copyOf(columns), prefixes);
    }

    /** The slash name of an Athena column name, or null when the mapping has none. */
    String slashName(String athena) {
      String name = athena.toLowerCase(Locale.ROOT);
      String known = columns.get(name);
      if (known != null) {
        return known;
      }
      for (Map.Entry<String, String> p : tagPrefixes.entrySet()) {
        if (name.startsWith(p.getKey()) && name.length() > p.getKey().length()) {
          return p.getValue() + name.substring(p.getKey().length());
        }
      }
      return null;
    }
  }

  /**
   * The name the Athena integration gives a legacy CUR column: {@code savingsPlan/SavingsPlanARN}
   * is {@code savings_plan_savings_plan_a_r_n}.
   */
  static String athenaName(String slashName) {
    StringBuilder b = new StringBuilder(slashName.length() + 8);
    boolean segmentStart = true;
    for (char c : slashName.toCharArray()) {
      if (c == '/' || c == ':') {
        b.append('_');
        segmentStart = true;
        continue;
      }
      if (Character.isUpperCase(c) && !segmentStart) {
        b.append('_');
      }
      b.append(Character.toLowerCase(c));
      segmentStart = false;
    }
    return b.toString();
  }

  @Override
  public Dataset<Row> prepare(Dataset<Row> rows) {
    Names n = names();
    Set<String> present = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    present.addAll(List.of(rows.columns()));
    List<Column> select = new ArrayList<>();
    boolean renamed = false;
    for (String c : rows.columns()) {
      Column v = col("`" + c.replace("`", "``") + "`");
      String slash = c.startsWith("_") || c.contains("/") ? null : n.slashName(c);
      if (slash != null && !present.contains(slash)) {
        select.add(v.as(slash));
        renamed = true;
      } else if (!PARTITION_COLUMNS.contains(c.toLowerCase(Locale.ROOT))) {
        select.add(v);
      }
    }
    if (!renamed) {
      return rows; // the CSV report: slash names already, and no partition columns to drop
    }
    return rows.select(select.toArray(Column[]::new));
  }

  private Names names() {
    Names n = names;
    if (n == null) {
      n = Names.of(Mapping.load(mappingName));
      names = n;
    }
    return n;
  }
}
