package dev.burnrate.etl.lake;

import dev.burnrate.core.RunIds;
import dev.burnrate.core.config.PipelineConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of an ingest into the lake: its id, its {@link Staging} folder, the {@link UnitPlan} of
 * what it publishes and its run record in {@code lake/_runs/<run_id>.json}. Starting a run first
 * finishes the publish of any earlier run that died midway ({@link LakePublisher#recover}).
 */
public final class LakeRun {
  private static final Logger LOG = LoggerFactory.getLogger(LakeRun.class);
  private final LakePublisher publisher;
  private final String id;
  private final String started = Instant.now().toString();
  private final Path record;
  private final Staging staging;
  private final UnitPlan units;

  private LakeRun(SparkSession spark, PipelineConfig cfg, String id) {
    this.publisher = new LakePublisher(spark.sparkContext().hadoopConfiguration());
    this.id = id;
    this.record = new Path(cfg.layout().lakeRuns().resolve(id + ".json").toUri());
    this.staging =
        new Staging(
            spark.sparkContext().hadoopConfiguration(),
            new Path(cfg.layout().lakeStaging().resolve(id).toUri()));
    this.units = new UnitPlan(publisher);
  }

  /**
   * Recovers the lake's staging, then starts a run.
   *
   * @param idSuffix what ends the run's id after its time and random part ("-gpu" for telemetry)
   */
  public static LakeRun start(SparkSession spark, PipelineConfig cfg, String idSuffix) {
    LakeRun run =
        new LakeRun(
            spark,
            cfg,
            RunIds.start(Instant.now())
                + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000))
                + idSuffix);
    run.publisher.recover(new Path(cfg.layout().lakeStaging().toUri()));
    return run;
  }

  public String id() {
    return id;
  }

  public LakePublisher publisher() {
    return publisher;
  }

  public Staging staging() {
    return staging;
  }

  public UnitPlan units() {
    return units;
  }

  /** The run record's file. */
  public java.nio.file.Path recordFile() {
    return java.nio.file.Path.of(record.toUri().getPath());
  }

  /**
   * Does the run's work and writes its run record, status ok or, when the work throws, failed with
   * the error's message (the error is rethrown). The staging folder is removed, unless a publish
   * started there and did not finish: its journal stays for the next run's {@link
   * LakePublisher#recover}, which completes the publish.
   *
   * @param record the run record around the keys every record starts with; null writes none
   */
  public void record(LocalDate asOf, Runnable work, Function<RunManifest.Run, Object> record) {
    String status = "failed";
    String error = null;
    try {
      work.run();
      status = "ok";
    } catch (Throwable e) {
      error = e.getMessage() == null ? e.toString() : e.getMessage();
      throw e;
    } finally {
      Object body =
          record.apply(
              new RunManifest.Run(
                  id, started, Instant.now().toString(), asOf.toString(), status, error));
      if (body != null) {
        publisher.write(this.record, body);
      }
      if (publisher.interrupted(staging.root())) {
        LOG.warn(
            "the publish of run {} did not finish: {} is kept, and the next run completes it",
            id,
            staging.root());
      } else {
        publisher.deleteQuietly(staging.root());
      }
    }
  }

  /** Carries out the planned moves under the publisher's journal. */
  public void publish() {
    publisher.publish(staging.root(), units.moves());
  }

  /** Throws unless every unit this run published below {@code root} holds data files. */
  public void verifyPublished(Path root) {
    publisher.verifyPublished(units.moves(), root);
  }
}
