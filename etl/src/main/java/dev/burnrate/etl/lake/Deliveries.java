package dev.burnrate.etl.lake;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.DeliveryRule;
import dev.burnrate.core.focus.Providers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Overlapping deliveries never double count, and parts never drop each other: per (provider,
 * billing period, billing account) unit, when several deliveries of one source hold it, only the
 * newest delivery's rows are written and the older ones' rows are superseded (counted in the run
 * manifest, not written). Parts of one delivery ({@link DeliveryPlan}) never supersede each other,
 * and incremental deliveries (OCI reports, GCP batches, Oracle's FOCUS reports, {@code delivery:
 * append}) only add.
 *
 * <p>Which delivery is newer is known only where the layout says (a manifest naming the current
 * delivery; run folders of one billing-period folder, ordered by time) or where the operator chose
 * a rule ({@code delivery: file} or {@code folder}: the newest wins). Elsewhere two deliveries of a
 * unit are ambiguous, parts or re-deliveries, and the run stops with exit 3 naming the files and
 * the option to set, instead of guessing.
 */
public final class Deliveries {
  private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);

  private Deliveries() {}

  /** The (file, provider, period, account) key of a read-side row. */
  public static List<String> key(Row r) {
    return Arrays.asList(
        r.getString(r.fieldIndex("x_SourceFile")),
        r.getString(r.fieldIndex("provider")),
        r.getString(r.fieldIndex("period")),
        r.getString(r.fieldIndex("account")));
  }

  /**
   * The keys of the read-side rows that a newer delivery supersedes.
   *
   * @param read per (file, currency, provider, period, account): rows, cost, qrows, qcost
   * @throws BurnrateException exit 3 when a unit's deliveries cannot be ordered, or when the newest
   *     delivery of a unit has no row that could be written
   */
  public static Set<List<String>> superseded(
      String source, DeliveryRule rule, DeliveryPlan plan, List<Row> read) {
    Map<List<String>, Map<String, UnitShare>> byUnit = new TreeMap<>(Deliveries::compare);
    for (Row r : read) {
      List<String> k = key(r);
      if (k.subList(1, 4).contains(null)) {
        continue;
      }
      DeliveryPlan.Delivery d = plan.of(k.get(0));
      UnitShare share =
          byUnit
              .computeIfAbsent(k.subList(1, 4), u -> new LinkedHashMap<>())
              .computeIfAbsent(d.id(), id -> new UnitShare(d));
      share.files.add(k.get(0));
      share.writable += r.getLong(r.fieldIndex("rows")) - r.getLong(r.fieldIndex("qrows"));
    }
    Set<List<String>> out = new HashSet<>();
    for (Map.Entry<List<String>, Map<String, UnitShare>> e : byUnit.entrySet()) {
      List<String> unit = e.getKey();
      List<UnitShare> shares = new ArrayList<>(e.getValue().values());
      if (shares.size() < 2 || rule == DeliveryRule.APPEND) {
        continue;
      }
      if (Providers.OCI.equals(unit.get(0))
          || shares.stream().allMatch(s -> s.delivery.appends())) {
        continue; // incremental: every delivery adds rows
      }
      UnitShare winner = winner(source, rule, unit, shares);
      if (winner.writable == 0) {
        throw BurnrateException.input(
            String.format(
                "source '%s': the newest delivery of %s, %s, has no row that could be written"
                    + " (all quarantined), so it cannot replace the older delivery: see the"
                    + " quarantine",
                source, describe(unit), winner.delivery.id()));
      }
      List<String> older = new ArrayList<>();
      for (UnitShare s : shares) {
        if (s != winner) {
          for (String f : s.files) {
            out.add(List.of(f, unit.get(0), unit.get(1), unit.get(2)));
          }
          older.add(s.delivery.id());
        }
      }
      LOG.info(
          "source {}: {} is in {} deliveries; the newest, {} ({}), supersedes {}",
          source,
          describe(unit),
          shares.size(),
          winner.delivery.id(),
          winner.delivery.layout(),
          older);
    }
    return out;
  }

  /**
   * The FOCUS rows that no newer delivery supersedes.
   *
   * @param superseded {@link #superseded} keys
   */
  public static Dataset<Row> withoutSuperseded(Dataset<Row> rows, Set<List<String>> superseded) {
    if (superseded.isEmpty()) {
      return rows;
    }
    List<Row> keys = new ArrayList<>();
    for (List<String> k : superseded) {
      keys.add(RowFactory.create(k.toArray()));
    }
    Dataset<Row> drop =
        rows.sparkSession()
            .createDataFrame(
                keys,
                DataTypes.createStructType(
                    List.of(
                        DataTypes.createStructField("_sf", DataTypes.StringType, false),
                        DataTypes.createStructField("_sp", DataTypes.StringType, false),
                        DataTypes.createStructField("_spd", DataTypes.StringType, false),
                        DataTypes.createStructField("_sa", DataTypes.StringType, false))));
    return rows.join(
        broadcast(drop),
        col("x_SourceFile")
            .equalTo(col("_sf"))
            .and(col("ProviderName").equalTo(col("_sp")))
            .and(date_format(col("BillingPeriodStart"), "yyyy-MM").equalTo(col("_spd")))
            .and(col("BillingAccountId").equalTo(col("_sa"))),
        "left_anti");
  }

  /** One delivery's share of a unit. */
  private static final class UnitShare {
    final DeliveryPlan.Delivery delivery;
    final Set<String> files = new TreeSet<>();
    long writable;

    UnitShare(DeliveryPlan.Delivery delivery) {
      this.delivery = delivery;
    }
  }

  private static UnitShare winner(
      String source, DeliveryRule rule, List<String> unit, List<UnitShare> shares) {
    boolean ordered =
        shares.stream().noneMatch(s -> s.delivery.appends())
            && (rule != DeliveryRule.AUTO
                || shares.stream().map(s -> s.delivery.scope()).distinct().count() == 1
                    && shares.get(0).delivery.scope() != null);
    Comparator<UnitShare> newest =
        Comparator.<UnitShare>comparingInt(s -> s.delivery.rank())
            .thenComparingLong(s -> s.delivery.at());
    if (rule != DeliveryRule.AUTO) {
      newest = newest.thenComparing(s -> s.delivery.id());
    }
    shares.sort(newest.reversed());
    boolean tie = newest.compare(shares.get(0), shares.get(1)) == 0;
    if (!ordered || tie) {
      Set<String> files = new TreeSet<>();
      shares.forEach(s -> files.addAll(s.files));
      throw BurnrateException.input(
          String.format(
              "source '%s': %d files hold %s, and %s: %s. Set the source's option"
                  + " `delivery: append` if the files are parts or increments that add up, or"
                  + " `delivery: file` if each file is a complete re-delivery (the newest wins);"
                  + " see docs/deliveries.md",
              source,
              files.size(),
              describe(unit),
              tie && ordered
                  ? "their deliveries have the same time, so which is newer is unknown"
                  : "the layout does not tell parts of one delivery from re-deliveries",
              String.join(", ", files)));
    }
    return shares.get(0);
  }

  private static String describe(List<String> unit) {
    return "billing period " + unit.get(1) + " of " + unit.get(0) + " account " + unit.get(2);
  }

  private static int compare(List<String> a, List<String> b) {
    return String.join("\u0000", a).compareTo(String.join("\u0000", b));
  }
}
