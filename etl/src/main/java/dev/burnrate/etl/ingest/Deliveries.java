package dev.burnrate.etl.ingest;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.SourceConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Overlapping files of one feed never double count: per (provider, billing period, billing account)
 * unit, only the newest delivery of the source that holds the unit is written; the unit's rows in
 * older deliveries are superseded (counted in the manifest, not written).
 *
 * <p>A delivery is one file (option {@code delivery: file}, the default for most formats) or one
 * folder (option {@code delivery: folder}, the default for AWS CUR and CUR 2.0, whose reports
 * arrive as several part files in one assembly folder). The newest delivery is the one with the
 * latest file modification time (of its newest file); equal times are broken by the path, the
 * greatest wins. So the same month delivered twice under two names, or a daily month-to-date
 * re-export next to yesterday's, keeps only the latest copy. Option {@code delivery: source} makes
 * every file of the source part of one delivery (nothing is superseded), for feeds whose files are
 * disjoint slices of the same units.
 */
final class Deliveries {
  private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);
  static final String OPTION = "delivery";

  private Deliveries() {}

  /** The (file, provider, period, account) key of a read-side row. */
  static List<String> key(Row r) {
    return Arrays.asList(
        r.getString(r.fieldIndex("x_SourceFile")),
        r.getString(r.fieldIndex("provider")),
        r.getString(r.fieldIndex("period")),
        r.getString(r.fieldIndex("account")));
  }

  /** {@code file}, {@code folder} or {@code source}: the source's option, else the default. */
  static String mode(SourceConfig src, String formatDefault) {
    String m = src.options().getOrDefault(OPTION, formatDefault);
    if (!List.of("file", "folder", "source").contains(m)) {
      throw BurnrateException.config(
          "source '"
              + src.name()
              + "': option delivery must be file, folder or source, not '"
              + m
              + "'");
    }
    return m;
  }

  /** The keys of the read-side rows that a newer delivery supersedes. */
  static Set<List<String>> superseded(
      String source, List<SourceFiles.InputFile> files, List<Row> read, String mode) {
    Map<String, String> deliveryOf = new HashMap<>();
    Map<String, Long> deliveredAt = new HashMap<>();
    for (SourceFiles.InputFile f : files) {
      String path = Accounting.clean(f.path());
      String d =
          switch (mode) {
            case "folder" -> new Path(path).getParent().toString();
            case "source" -> source;
            default -> path;
          };
      deliveryOf.put(path, d);
      deliveredAt.merge(d, f.modified(), Math::max);
    }
    Comparator<String> newest =
        Comparator.<String>comparingLong(d -> deliveredAt.getOrDefault(d, 0L))
            .thenComparing(Comparator.naturalOrder());
    Map<List<String>, Set<String>> deliveriesByUnit = new TreeMap<>(Deliveries::compare);
    for (Row r : read) {
      List<String> k = key(r);
      if (k.subList(1, 4).contains(null)) {
        continue;
      }
      deliveriesByUnit
          .computeIfAbsent(k.subList(1, 4), u -> new HashSet<>())
          .add(deliveryOf.getOrDefault(k.get(0), k.get(0)));
    }
    Map<List<String>, String> winner = new HashMap<>();
    deliveriesByUnit.forEach(
        (unit, ds) -> {
          if (ds.size() > 1) {
            String w = ds.stream().max(newest).orElseThrow();
            winner.put(unit, w);
            List<String> older = new ArrayList<>(ds);
            older.remove(w);
            older.sort(Comparator.naturalOrder());
            LOG.warn(
                "source {}: unit {} is in {} deliveries; keeping the newest, {}, superseding {}",
                source,
                String.join("/", unit),
                ds.size(),
                w,
                older);
          }
        });
    Set<List<String>> out = new HashSet<>();
    for (Row r : read) {
      List<String> k = key(r);
      String w = winner.get(k.subList(1, 4));
      if (w != null && !w.equals(deliveryOf.getOrDefault(k.get(0), k.get(0)))) {
        out.add(k);
      }
    }
    return out;
  }

  private static int compare(List<String> a, List<String> b) {
    return String.join("\u0000", a).compareTo(String.join("\u0000", b));
  }
}
