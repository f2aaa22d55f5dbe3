package dev.burnrate.etl.ingest;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.SourceConfig;
import dev.burnrate.etl.lake.Deliveries;
import dev.burnrate.etl.lake.RunManifest;
import dev.burnrate.etl.lake.SourceFiles;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * The "nothing lost" proof for one source: per input file and currency, the rows and cost read must
 * equal what the staged Parquet holds plus what was quarantined plus what a newer delivery of the
 * same unit superseded.
 */
final class Accounting {
  /** Totals for one (file, currency). */
  private static final class Tally {
    long rowsIn;
    long rowsQuarantined;
    long rowsWritten;
    long rowsSuperseded;
    BigDecimal costIn = BigDecimal.ZERO;
    BigDecimal costQuarantined = BigDecimal.ZERO;
    BigDecimal costWritten = BigDecimal.ZERO;
    BigDecimal costSuperseded = BigDecimal.ZERO;
  }

  /** file -> currency -> tally, both sorted for stable manifests. */
  private final Map<String, Map<String, Tally>> tallies = new TreeMap<>();

  /**
   * @param read per (file, currency, unit): rows, cost, qrows, qcost as read and typed
   * @param written per (leaf, file, currency): rows and cost read back from the staged files
   * @param superseded the (file, provider, period, account) keys whose rows were not written
   *     because a newer delivery holds the same unit ({@link Deliveries#key})
   */
  Accounting(List<Row> read, List<Row> written, Set<List<String>> superseded) {
    for (Row r : read) {
      Tally t =
          tally(r.getString(r.fieldIndex("x_SourceFile")), r.getString(r.fieldIndex("currency")));
      t.rowsIn += r.getLong(r.fieldIndex("rows"));
      t.costIn = t.costIn.add(decimal(r, "cost"));
      if (superseded.contains(Deliveries.key(r))) {
        t.rowsSuperseded += r.getLong(r.fieldIndex("rows"));
        t.costSuperseded = t.costSuperseded.add(decimal(r, "cost"));
      } else {
        t.rowsQuarantined += r.getLong(r.fieldIndex("qrows"));
        t.costQuarantined = t.costQuarantined.add(decimal(r, "qcost"));
      }
    }
    for (Row r : written) {
      String currency = r.getString(r.fieldIndex("BillingCurrency"));
      Tally t = tally(r.getString(r.fieldIndex("x_SourceFile")), currency == null ? "?" : currency);
      t.rowsWritten += r.getLong(r.fieldIndex("rows"));
      t.costWritten = t.costWritten.add(decimal(r, "cost"));
    }
  }

  private Tally tally(String file, String currency) {
    return tallies
        .computeIfAbsent(file, f -> new TreeMap<>())
        .computeIfAbsent(currency, c -> new Tally());
  }

  private static BigDecimal decimal(Row r, String field) {
    BigDecimal v = r.getDecimal(r.fieldIndex(field));
    return v == null ? BigDecimal.ZERO : v;
  }

  RunManifest.Input input(SourceConfig src, SourceFiles.InputFile file, String detected) {
    String path = SourceFiles.clean(file.path());
    Map<String, Tally> byCurrency = tallies.getOrDefault(path, Map.of());
    long in = 0;
    long written = 0;
    long quarantined = 0;
    long superseded = 0;
    List<RunManifest.CurrencyCost> costs = new ArrayList<>();
    for (Map.Entry<String, Tally> e : byCurrency.entrySet()) {
      Tally t = e.getValue();
      in += t.rowsIn;
      written += t.rowsWritten;
      quarantined += t.rowsQuarantined;
      superseded += t.rowsSuperseded;
      costs.add(
          new RunManifest.CurrencyCost(
              e.getKey(),
              plain(t.costIn),
              plain(t.costWritten),
              plain(t.costQuarantined),
              plain(t.costSuperseded)));
    }
    return new RunManifest.Input(
        new RunManifest.FileRead(
            src.name(),
            src.sourceFormat().key(),
            detected,
            path,
            file.sha256(),
            file.bytes(),
            in,
            written,
            quarantined),
        superseded,
        costs);
  }

  /** Throws (exit 3) when any file lost or gained rows or cost between reading and writing. */
  void verify() {
    for (Map.Entry<String, Map<String, Tally>> f : tallies.entrySet()) {
      for (Map.Entry<String, Tally> c : f.getValue().entrySet()) {
        Tally t = c.getValue();
        BigDecimal out = t.costWritten.add(t.costQuarantined).add(t.costSuperseded);
        long rowsOut = t.rowsWritten + t.rowsQuarantined + t.rowsSuperseded;
        if (t.rowsIn != rowsOut || t.costIn.compareTo(out) != 0) {
          throw BurnrateException.input(
              String.format(
                  "%s: %s: cost in %s != written %s + quarantined %s + superseded %s"
                      + " (rows %d != %d + %d + %d)",
                  f.getKey(),
                  c.getKey(),
                  plain(t.costIn),
                  plain(t.costWritten),
                  plain(t.costQuarantined),
                  plain(t.costSuperseded),
                  t.rowsIn,
                  t.rowsWritten,
                  t.rowsQuarantined,
                  t.rowsSuperseded));
        }
      }
    }
  }

  private static String plain(BigDecimal v) {
    return v.stripTrailingZeros().toPlainString();
  }
}
