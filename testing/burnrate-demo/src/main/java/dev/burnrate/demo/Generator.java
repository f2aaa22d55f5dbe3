package dev.burnrate.demo;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.io.FileTrees;
import dev.burnrate.demo.ExportWriter.ExportResult;
import dev.burnrate.demo.Fleet.Provider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deterministic synthetic data generator behind {@code burnrate generate}: the bills of five
 * providers in their native export formats (AWS CUR, CUR 2.0 and FOCUS, Azure EA and MCA, Google
 * Cloud's billing export as CSV and JSON lines, OCI cost reports, CoreWeave's usage-only FOCUS)
 * with their real-world quirks, a restated closed month, DCGM-exporter scrapes, and a {@code conf/}
 * whose contracts are sized from the generated spend.
 *
 * <p>Output under {@link Options#out()}:
 *
 * <ul>
 *   <li>{@code landing/<provider>/...}: each export feed's months delivered as its provider
 *       delivers them ({@link Exports}, {@link ProviderLayouts}): parts with manifests, run
 *       folders, incremental reports, extract shards, Parquet (with {@link Output#FOCUS}: {@code
 *       landing/focus/<slug>/<YYYY-MM>/<slug>-focus-<YYYY-MM>.csv[.gz]} for every provider)
 *   <li>{@code restated/landing/...}: AWS's previous month re-delivered with one day re-rated, as a
 *       new CUR assembly and the rewritten manifest that names it; copying {@code restated/} over
 *       the output folder simulates the re-delivery (the first assembly stays, as a bucket sync
 *       leaves it)
 *   <li>{@code landing/telemetry/dcgm/<slug>/<hostname>-<YYYY-MM-DD>.prom}: DCGM scrapes of the
 *       last {@link Options#telemetryDays()} days
 *   <li>{@code landing/telemetry/prometheus/gcp/<hostname>-<YYYY-MM-DD>.json} and {@code
 *       landing/telemetry/nvidia-smi/oci/<hostname>-<YYYY-MM-DD>.csv}: the same GPUs as Prometheus
 *       range-query responses and nvidia-smi logs ({@link TelemetryExports})
 *   <li>{@code conf/pipeline.yaml}, {@code conf/contracts.yaml}, {@code conf/fx-rates.csv}
 *   <li>{@code generator-totals.json}: exact totals, see {@link Totals}
 * </ul>
 *
 * <p>The same options give byte-identical files: every random value comes from a stream keyed by
 * the seed and the entity it belongs to, maps are iterated in insertion or key order, and gzip
 * headers carry no timestamp.
 */
public final class Generator {
  private static final Logger LOG = LoggerFactory.getLogger(Generator.class);

  private Generator() {}

  /**
   * What to generate.
   *
   * @param out the output folder (created if missing)
   * @param scale multiplies every node count; 1 is about 40 nodes with 8 GPUs each
   * @param seed the random seed
   * @param endDate the last day with data (inclusive)
   * @param days how many days of cost data, ending at endDate
   * @param telemetryDays how many days of DCGM scrapes, ending at endDate (0 for none)
   * @param output native export formats, or FOCUS files only
   * @param rampDays 0 for a flat fleet; else the on-demand GPU nodes (those no commitment discount
   *     covers) join one after another over the window's first rampDays days, so spend ramps up the
   *     way a growing fleet's does (commitment-covered nodes run from the first day)
   */
  public record Options(
      Path out,
      int scale,
      long seed,
      LocalDate endDate,
      int days,
      int telemetryDays,
      Output output,
      int rampDays) {
    public static final int DEFAULT_SCALE = 1;
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_DAYS = 120;
    public static final int DEFAULT_TELEMETRY_DAYS = 2;

    /** Native export formats. */
    public Options(Path out, int scale, long seed, LocalDate endDate, int days, int telemetryDays) {
      this(out, scale, seed, endDate, days, telemetryDays, Output.NATIVE, 0);
    }

    public Options {
      if (output == null) {
        throw BurnrateException.config("generate: an output kind is required");
      }
      if (out == null) {
        throw BurnrateException.config("generate: an output folder is required");
      }
      if (endDate == null) {
        throw BurnrateException.config("generate: an end date is required");
      }
      if (scale < 1 || scale > 1000) {
        throw BurnrateException.config("generate: scale must be between 1 and 1000, not " + scale);
      }
      if (days < 1 || days > 3660) {
        throw BurnrateException.config("generate: days must be between 1 and 3660, not " + days);
      }
      if (telemetryDays < 0 || telemetryDays > days) {
        throw BurnrateException.config(
            "generate: telemetry days must be between 0 and days ("
                + days
                + "), not "
                + telemetryDays);
      }
      if (rampDays < 0 || rampDays >= days) {
        throw BurnrateException.config(
            "generate: ramp days must be between 0 and days - 1 ("
                + (days - 1)
                + "), not "
                + rampDays);
      }
    }

    /** Scale 1, seed 42, 120 days, 2 telemetry days. */
    public static Options defaults(Path out, LocalDate endDate) {
      return new Options(
          out, DEFAULT_SCALE, DEFAULT_SEED, endDate, DEFAULT_DAYS, DEFAULT_TELEMETRY_DAYS);
    }

    public Options withScale(int newScale) {
      return new Options(out, newScale, seed, endDate, days, telemetryDays, output, rampDays);
    }

    public Options withSeed(long newSeed) {
      return new Options(out, scale, newSeed, endDate, days, telemetryDays, output, rampDays);
    }

    /** Every provider's bill as its native FOCUS export instead. */
    public Options focusOnly() {
      return withOutput(Output.FOCUS);
    }

    /** The same bills written as {@code newOutput} says. */
    public Options withOutput(Output newOutput) {
      return new Options(out, scale, seed, endDate, days, telemetryDays, newOutput, rampDays);
    }

    /** The on-demand nodes join over the first {@code newRampDays} days (see {@link #rampDays}). */
    public Options withRampDays(int newRampDays) {
      return new Options(out, scale, seed, endDate, days, telemetryDays, output, newRampDays);
    }

    /** The first day with data. */
    public LocalDate startDate() {
      return endDate.minusDays(days - 1L);
    }
  }

  /** What the bills are written as. */
  public enum Output {
    /** Each provider's native export formats ({@link Exports}). */
    NATIVE,
    /** One native FOCUS file per provider and month. */
    FOCUS,
    /** As {@link #NATIVE}, but every AWS month as a legacy CUR (CSV assemblies). */
    NATIVE_AWS_CUR,
    /** As {@link #NATIVE}, but every AWS month as a Data Exports CUR 2.0. */
    NATIVE_AWS_CUR2,
    /** As {@link #NATIVE}, but every AWS month as a Data Exports FOCUS 1.2 export. */
    NATIVE_AWS_FOCUS
  }

  /**
   * Generates everything under {@code o.out()} and returns what was written (also saved as {@code
   * generator-totals.json}). Regenerating into a folder that holds an earlier generator output
   * replaces that output.
   */
  public static Totals generate(Options o) throws IOException {
    long started = System.nanoTime();
    Path out = o.out();
    Window window = Window.ending(o.endDate(), o.days());
    Fleet fleet = FleetCatalog.build(o.scale(), o.seed());
    Files.createDirectories(out);
    clearEarlierOutput(out, fleet);

    Restatement restatement = Restatement.plan(fleet, window);
    ExportWriter writer =
        new ExportWriter(
            new Billing(fleet, window, o.seed(), restatement, o.rampDays()),
            window,
            o.seed(),
            o.scale());
    List<ExportResult> initial = new ArrayList<>();
    List<ExportResult> fin = new ArrayList<>();
    for (Exports.Export e : Exports.plan(fleet, window, o.output())) {
      ExportResult first = writer.write(e, out, false);
      initial.add(first);
      if (restatement != null
          && restatement.provider() == e.provider()
          && restatement.month().equals(e.month())) {
        fin.add(writer.write(e, out.resolve("restated"), true));
      } else {
        fin.add(first);
      }
    }
    LOG.info(
        "generate: {} billing files, {} cost rows, {} .. {}",
        initial.stream().mapToLong(r -> r.parts().size()).sum(),
        initial.stream().mapToLong(ExportResult::rows).sum(),
        window.start(),
        window.end());

    DcgmScrapes.Result telemetry =
        DcgmScrapes.write(
            fleet, window, o.telemetryDays(), o.seed(), out.resolve("landing/telemetry/dcgm"));
    LOG.info("generate: {} DCGM files, {} samples", telemetry.files(), telemetry.samples());
    long otherTelemetry =
        TelemetryExports.write(
            fleet, window, o.telemetryDays(), o.seed(), out.resolve("landing/telemetry"));
    LOG.info("generate: {} Prometheus JSON and nvidia-smi CSV files", otherTelemetry);

    new ConfWriter(fleet, window, fin, o).write(out.resolve("conf"));

    Totals totals = GeneratedTotals.of(o, window, fleet, restatement, initial, fin, telemetry);
    totals.write(out.resolve(Totals.FILE));
    LOG.info("generate: wrote {} in {} ms", out, (System.nanoTime() - started) / 1_000_000);
    return totals;
  }

  /**
   * Removes what an earlier run wrote (only when the folder holds a generator-totals.json, so a
   * folder of real exports is never touched): a shorter window must not leave stale months behind.
   */
  private static void clearEarlierOutput(Path out, Fleet fleet) throws IOException {
    if (!Files.isRegularFile(out.resolve(Totals.FILE))) {
      return;
    }
    List<Path> owned = new ArrayList<>();
    for (String root : Exports.roots(fleet)) {
      owned.add(out.resolve(root));
    }
    for (Provider p : fleet.providers()) {
      owned.add(out.resolve("landing/telemetry/dcgm").resolve(p.slug()));
      owned.add(out.resolve("landing/telemetry/prometheus").resolve(p.slug()));
      owned.add(out.resolve("landing/telemetry/nvidia-smi").resolve(p.slug()));
    }
    owned.add(out.resolve("restated"));
    for (Path dir : owned) {
      if (Files.isDirectory(dir)) {
        FileTrees.delete(dir);
      }
    }
    Files.delete(out.resolve(Totals.FILE));
  }
}
