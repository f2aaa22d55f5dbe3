package dev.burnrate.etl.telemetry;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;

import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.etl.lake.LakeRun;
import dev.burnrate.etl.lake.UnitAction;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * lake/gpu's units: one folder per (source, day) of hourly GPU rows. A run stages every day its
 * input covers and publishes it over that day's earlier folder, which is dropped (the inputs it was
 * built from are in lake/_runs).
 *
 * @param root lake/gpu
 */
record GpuDays(SparkSession spark, LakeRun run, Path root) {
  static final String SOURCE = "source";
  static final String DAY = "day";

  GpuDays(SparkSession spark, PipelineConfig cfg, LakeRun run) {
    this(spark, run, new Path(cfg.layout().lakeGpu().toUri()));
  }

  /** Stages a source's hourly rows, one folder per day, and returns the staged folder. */
  Path stage(String source, Dataset<Row> hourly) {
    Dataset<Row> days =
        hourly
            .withColumn("x_RunId", lit(run.id()))
            .withColumn(SOURCE, lit(source))
            .withColumn(DAY, date_format(col("hour"), "yyyy-MM-dd"));
    return run.staging().write(days.repartition(col(DAY)), "gpu", SaveMode.Append, SOURCE, DAY);
  }

  /** One unit per staged day folder of the source; the live folder it replaces moves aside. */
  List<TelemetryManifest.Unit> plan(String source, Path staged) {
    Path sourceDir = new Path(staged, SOURCE + "=" + source);
    if (!run.staging().holdsParquet(sourceDir)) {
      return List.of();
    }
    List<Row> days =
        spark
            .read()
            .parquet(sourceDir.toString())
            .groupBy(col(DAY))
            .agg(count(lit(1)).as("rows"), countDistinct(col(Samples.UUID)).as("gpus"))
            .orderBy(DAY)
            .collectAsList();
    List<TelemetryManifest.Unit> units = new ArrayList<>();
    for (Row d : days) {
      String day = d.get(0).toString();
      String rel = SOURCE + "=" + source + "/" + DAY + "=" + day;
      Path target = new Path(root, rel);
      UnitAction action =
          run.units()
              .replacing(
                  new Path(staged, rel), target, new Path(run.staging().folder("replaced"), rel));
      units.add(
          new TelemetryManifest.Unit(
              source, day, action, d.getLong(1), d.getLong(2), target.toUri().getPath()));
    }
    return units;
  }
}
