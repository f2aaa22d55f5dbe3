package dev.burnrate.tools;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.demo.Generator;
import dev.burnrate.demo.Redelivery;
import dev.burnrate.pipeline.RunLock;
import dev.burnrate.pipeline.RunOptions;
import dev.burnrate.pipeline.Runs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Generate sample exports and telemetry into a fresh folder, run the nightly job on them",
      "(including a re-delivered, restated month) and print the PDF's path. The folder is",
      "self-contained: 'burnrate sql --conf DIR/conf ...' queries its warehouse.",
      "With --storage s3 the exports are served by an S3 server started for the demo and",
      "the nightly job pulls them from there first (with --direct, Spark reads them from",
      "the bucket itself); the numbers are the same."
    })
final class DemoCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);
  static final String MARKER = "generator-totals.json";

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "burnrate-demo",
      description = "Folder to create (default: ${DEFAULT-VALUE}).")
  Path out;

  @Mixin FleetOptions fleet;

  @Option(
      names = "--date",
      paramLabel = "YYYY-MM-DD",
      description = "As-of day (default: yesterday, UTC).")
  LocalDate date;

  /** Where the demo's exports are delivered. */
  enum Storage {
    local,
    s3
  }

  @Option(
      names = "--storage",
      paramLabel = "local|s3",
      defaultValue = "local",
      description =
          "Deliver the exports to landing/ (local, default) or to a bucket of an S3 server"
              + " started in this process (s3), pulled by the nightly job.")
  Storage storage;

  @Option(
      names = "--direct",
      description =
          "With --storage s3: Spark reads the exports from the bucket itself (storage.mode"
              + " direct) instead of from the pull's copies in landing/.")
  boolean direct;

  /** Days of telemetry the demo generates, ending on the as-of day. */
  static final int TELEMETRY_DAYS = 3;

  @Override
  public Integer call() throws IOException {
    LocalDate asOf = date != null ? date : RunOptions.yesterday();
    Path dir = out.toAbsolutePath().normalize();
    fresh(dir);
    LOG.info("demo: generating scale {} data up to {} in {}", fleet.scale, asOf, dir);
    // 120 days of bills; three days of telemetry in three formats: enough for coverage and a
    // trend on the GPU page, few enough to keep the demo quick
    Generator.generate(
        new Generator.Options(dir, fleet.scale, fleet.seed, asOf, 120, TELEMETRY_DAYS));
    if (direct && storage != Storage.s3) {
      throw BurnrateException.config("--direct needs --storage s3");
    }
    try (DemoStorage bucket = storage == Storage.s3 ? new DemoStorage(direct) : null) {
      System.out.println(run(dir, asOf, bucket));
    }
    return 0;
  }

  /**
   * The demo's runs on generated data in {@code dir}: ingest, a re-delivered month, then the
   * nightly job; with a {@code bucket}, the exports are served from it and pulled first. Returns
   * the PDF.
   */
  static Path run(Path dir, LocalDate asOf, DemoStorage bucket) throws IOException {
    if (bucket != null) {
      bucket.serve(dir);
    }
    PipelineConfig cfg = PipelineConfig.load(dir.resolve("conf"));
    Path[] pdf = new Path[1];
    Runs.execute(
        cfg,
        "demo",
        List.of(asOf),
        stages -> {
          if (bucket != null) {
            stages.environment(bucket.env());
          }
          stages.pull(asOf);
          stages.ingest(asOf);
          LOG.info("demo: the provider re-delivers a closed month (restatement)");
          try {
            if (bucket != null) {
              bucket.redeliver(dir.resolve(Redelivery.FOLDER));
            } else {
              Redelivery.apply(dir);
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          pdf[0] = stages.nightly(List.of(asOf)).get(0);
        });
    return pdf[0];
  }

  /**
   * What a demo folder holds: the generator's output (its totals, conf/, landing/, restated/) and
   * the data folder of the runs, which is the demo folder itself (data_dir: "..").
   */
  static final Set<String> DEMO_ENTRIES =
      Set.of(
          MARKER,
          "conf",
          "landing",
          Redelivery.FOLDER,
          "pull",
          "lake",
          "warehouse",
          "reports",
          "runs",
          "metrics",
          ".burnrate.lock",
          // bench forecast's work folder
          "backtest");

  /**
   * An empty folder, or one that holds only what a demo makes (with the generator's totals), is
   * (re)created. Anything else is refused, and so are the working directory, the home folder and
   * every folder above them, whatever they hold: {@code generate --out .} put a demo's files in the
   * working directory, and {@code demo --out .} then deleted all of it.
   */
  static void fresh(Path dir) throws IOException {
    refuseHomeAndWorkingDirectory(dir);
    refuseInUse(dir);
    if (Files.exists(dir)) {
      List<String> names;
      try (Stream<Path> s = Files.list(dir)) {
        names = s.map(p -> p.getFileName().toString()).sorted().toList();
      }
      if (!names.isEmpty() && !names.contains(MARKER)) {
        throw BurnrateException.config(
            dir + " exists and is not a burnrate demo folder; choose another --out");
      }
      for (String name : names) {
        if (!DEMO_ENTRIES.contains(name)) {
          throw BurnrateException.config(
              dir + " holds " + name + ", which a demo does not make; choose another --out");
        }
      }
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(DemoCommand::delete);
      }
    }
    Files.createDirectories(dir);
  }

  /**
   * Refuses a scratch folder that is, or holds, the working directory or the home folder: emptying
   * it would delete them.
   */
  static void refuseHomeAndWorkingDirectory(Path dir) throws IOException {
    refuseIfItHolds(dir, Path.of(""), "the working directory");
    refuseIfItHolds(dir, Path.of(System.getProperty("user.home")), "the home folder");
  }

  /**
   * Refuses to empty a scratch folder whose data folder {@code dataDir} another run is using: it
   * holds the data folder's lock (exit 5, naming the holder). Emptying it first would delete that
   * run's files and its lock file, and the lock taken afterwards would protect nothing.
   */
  static void refuseInUse(Path dataDir) {
    if (Files.exists(dataDir.resolve(RunLock.FILE))) {
      RunLock.acquire(dataDir, "a check that no run uses " + dataDir).close();
    }
  }

  /** Refuses {@code dir} when it is {@code kept} (the real folder) or a folder above it. */
  private static void refuseIfItHolds(Path dir, Path kept, String what) throws IOException {
    if (!Files.exists(dir) || !Files.exists(kept)) {
      return;
    }
    if (kept.toRealPath().startsWith(dir.toRealPath())) {
      throw BurnrateException.config(
          dir
              + (dir.toRealPath().equals(kept.toRealPath()) ? " is " : " holds ")
              + what
              + "; choose another --out");
    }
  }

  private static void delete(Path p) {
    try {
      Files.delete(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
