package dev.burnrate.etl.telemetry;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import dev.burnrate.core.config.TelemetryOptions;
import dev.burnrate.core.focus.Providers;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Samples to hourly per-GPU rollups, in one shuffle: the samples are hash-partitioned by GPU UUID
 * once, and the three steps after it (merge the metrics of one scrape, compare each scrape with the
 * previous one, aggregate per hour) all keep that partitioning.
 *
 * <p>Definitions (docs/architecture.md, lake/gpu):
 *
 * <ul>
 *   <li>active_ratio: mean of DCGM_FI_PROF_GR_ENGINE_ACTIVE over the hour's scrapes, else mean of
 *       GPU_UTIL / 100 (DCGM or nvidia-smi); MIG instances add up weighted by their compute slices
 *       (of 7). Null when the GPU sent neither in the hour (an exporter profile without them,
 *       nvidia-smi's [N/A]): unknown, not idle. Such a GPU still has its row, as has every GPU with
 *       any sample: the rollup keeps every (GPU, hour) with at least one metric
 *   <li>sample_interval_s: the GPU's median gap between scrapes over the input (the source's
 *       scrape_interval_seconds for a GPU seen once); sample_coverage = min(1, scrapes x interval /
 *       3600)
 *   <li>energy_kwh: the sum of the energy counter's increases (mJ) ending in the hour, when the
 *       counter is there; else mean power x covered hours
 *   <li>xid_events: scrapes whose XID value is non-zero and differs from the scrape before (the
 *       metric holds the last XID, not a count)
 * </ul>
 */
final class HourlyRollup {
  /** Longest gap across which an energy counter increase is trusted. */
  static final long MAX_COUNTER_GAP_MS = 2 * 3_600_000L;

  /** The hourly columns a DCGM label text fills, by {@link Samples} column. */
  private static final Map<String, String> LABELLED =
      Map.of(
          Samples.HOST, "hostname",
          Samples.INSTANCE_ID, Samples.INSTANCE_ID,
          Samples.PROVIDER_LABEL, Samples.PROVIDER_LABEL,
          Samples.MODEL_NAME, "gpu_model_name",
          Samples.GPU_INDEX, Samples.GPU_INDEX,
          Samples.NAMESPACE, "k8s_namespace",
          Samples.POD, "k8s_pod");

  private HourlyRollup() {}

  static Dataset<Row> rollup(
      Dataset<Row> samples, TelemetryOptions o, String source, String format) {
    String u = Samples.UUID;
    Column mig = col(Samples.MIG_SLICES).isNotNull();
    Dataset<Row> scrapes =
        samples
            .filter(Samples.isSample())
            .repartition(col(u))
            .groupBy(col(u), col(Samples.TS_MS))
            .agg(
                max(Samples.HOST).as(Samples.HOST),
                max(Samples.INSTANCE_ID).as(Samples.INSTANCE_ID),
                max(Samples.PROVIDER_LABEL).as(Samples.PROVIDER_LABEL),
                max(Samples.MODEL_NAME).as(Samples.MODEL_NAME),
                max(Samples.GPU_INDEX).as(Samples.GPU_INDEX),
                max(Samples.NAMESPACE).as(Samples.NAMESPACE),
                max(Samples.POD).as(Samples.POD),
                max(Samples.MIG_ENABLED).as(Samples.MIG_ENABLED),
                perGpu(Samples.GR_ACTIVE, mig, true).as(Samples.GR_ACTIVE),
                max(Samples.GPU_UTIL).as(Samples.GPU_UTIL),
                perGpu(Samples.TENSOR_ACTIVE, mig, true).as(Samples.TENSOR_ACTIVE),
                perGpu(Samples.FB_USED, mig, false).as(Samples.FB_USED),
                max(Samples.POWER).as(Samples.POWER),
                max(Samples.ENERGY).as(Samples.ENERGY),
                max(Samples.XID).as(Samples.XID),
                max(Samples.LABELS).as(Samples.LABELS));

    WindowSpec ordered = Window.partitionBy(u).orderBy(Samples.TS_MS);
    WindowSpec whole = Window.partitionBy(u);
    Column gap = col(Samples.TS_MS).minus(lag(Samples.TS_MS, 1).over(ordered));
    Column prevEnergy = lag(Samples.ENERGY, 1).over(ordered);
    Column prevXid = lag(Samples.XID, 1).over(ordered);
    Dataset<Row> compared =
        scrapes
            .withColumn("_gap_ms", gap)
            .withColumn(
                "_energy_delta",
                when(
                    prevEnergy
                        .isNotNull()
                        .and(col(Samples.ENERGY).geq(prevEnergy))
                        .and(col("_gap_ms").leq(MAX_COUNTER_GAP_MS)),
                    col(Samples.ENERGY).minus(prevEnergy)))
            .withColumn(
                "_xid_event",
                when(
                        coalesce(col(Samples.XID), lit(0.0))
                            .gt(0)
                            .and(col(Samples.XID).notEqual(coalesce(prevXid, lit(0.0)))),
                        1)
                    .otherwise(0))
            .withColumn(
                "_interval_s",
                percentile_approx(col("_gap_ms"), lit(0.5), lit(10000)).over(whole).divide(1000.0))
            .withColumn("_hour", col(Samples.TS_MS).divide(3_600_000L).cast("long"));

    Column n = count(lit(1));
    Column interval = coalesce(first("_interval_s", true), lit(o.scrapeIntervalSeconds()));
    Column coverage = least(lit(1.0), n.multiply(interval).divide(3600.0));
    Column gr = avg(Samples.GR_ACTIVE);
    Column util = avg(Samples.GPU_UTIL);
    Column power = avg(Samples.POWER);
    Column counterKwh = sum("_energy_delta").divide(3.6e9);
    Dataset<Row> hourly =
        compared
            .groupBy(col(u), col("_hour"))
            .agg(
                max(Samples.HOST).as("hostname"),
                max(Samples.INSTANCE_ID).as(Samples.INSTANCE_ID),
                max(Samples.PROVIDER_LABEL).as(Samples.PROVIDER_LABEL),
                max(Samples.MODEL_NAME).as("gpu_model_name"),
                max(Samples.GPU_INDEX).as(Samples.GPU_INDEX),
                coalesce(max(Samples.MIG_ENABLED), lit(false)).as(Samples.MIG_ENABLED),
                max(Samples.NAMESPACE).as("k8s_namespace"),
                max(Samples.POD).as("k8s_pod"),
                n.as("sample_count"),
                interval.as("sample_interval_s"),
                coverage.as("sample_coverage"),
                atMostOne(coalesce(gr, util.divide(100.0))).as("active_ratio"),
                when(gr.isNotNull(), lit(DcgmTextReader.GR_ENGINE_ACTIVE))
                    .when(util.isNotNull(), lit("GPU_UTIL"))
                    .as("active_source"),
                avg(Samples.TENSOR_ACTIVE).as("tensor_active_ratio"),
                avg(Samples.FB_USED).as("memory_used_mib"),
                max(Samples.FB_USED).as("memory_used_max_mib"),
                power.as("power_avg_w"),
                when(count("_energy_delta").gt(0), counterKwh)
                    .otherwise(power.multiply(coverage).divide(1000.0))
                    .as("energy_kwh"),
                when(count("_energy_delta").gt(0), lit("counter"))
                    .when(power.isNotNull(), lit("power x time"))
                    .as("energy_source"),
                sum("_xid_event").cast("int").as("xid_events"),
                max(Samples.XID).cast("int").as("last_xid"),
                min(Samples.TS_MS).as("_first_ms"),
                max(Samples.TS_MS).as("_last_ms"),
                max(Samples.LABELS).as("_labels"));
    hourly = DcgmTextReader.fillFromLabels(hourly, "_labels", LABELLED, o);

    return hourly.select(
        lit(source).as("x_SourceName"),
        lit(format).as("x_SourceFormat"),
        timestamp_millis(col("_hour").multiply(3_600_000L)).cast("timestamp_ntz").as("hour"),
        col(u),
        col(Samples.GPU_INDEX),
        col("hostname"),
        coalesce(
                col(Samples.INSTANCE_ID),
                when(col("hostname").rlike("^i-[0-9a-f]{8,17}$"), col("hostname")))
            .as(Samples.INSTANCE_ID),
        provider(o).as("provider"),
        gpuModel(col("gpu_model_name")).as("gpu_model"),
        col("gpu_model_name"),
        col(Samples.MIG_ENABLED),
        col("k8s_namespace"),
        col("k8s_pod"),
        lit(o.billMatch().key()).as("bill_match"),
        col("sample_count"),
        col("sample_interval_s"),
        col("sample_coverage"),
        col("active_ratio"),
        col("active_source"),
        col("tensor_active_ratio"),
        col("memory_used_mib"),
        col("memory_used_max_mib"),
        col("power_avg_w"),
        col("energy_kwh"),
        col("energy_source"),
        col("xid_events"),
        col("last_xid"),
        timestamp_millis(col("_first_ms")).cast("timestamp_ntz").as("first_sample_at"),
        timestamp_millis(col("_last_ms")).cast("timestamp_ntz").as("last_sample_at"));
  }

  /** A GPU-level value, or for MIG instances their sum (ratios weighted by slices of 7). */
  private static Column perGpu(String metric, Column mig, boolean ratio) {
    Column whole = max(when(mig.unary_$bang(), col(metric)));
    Column parts =
        ratio
            ? atMostOne(sum(when(mig, col(metric).multiply(col(Samples.MIG_SLICES)).divide(7.0))))
            : sum(when(mig, col(metric)));
    return coalesce(whole, parts);
  }

  /** min(1, v), null staying null (least() would skip the null and give 1). */
  private static Column atMostOne(Column v) {
    return when(v.gt(1.0), lit(1.0)).otherwise(v);
  }

  /**
   * The source's provider option, else a provider label (aws, azure, gcp, oci, coreweave in any
   * case), else the shape of an AWS host name (an instance id, bare or as a resource-based name
   * i-0abc....ec2.internal, or ip-a-b-c-d).
   */
  static Column provider(TelemetryOptions o) {
    if (o.provider().isPresent()) {
      return lit(o.provider().get());
    }
    Column l = lower(trim(col(Samples.PROVIDER_LABEL)));
    return when(l.isin("aws", "amazon", "amazon web services"), lit(Providers.AWS))
        .when(l.isin("azure", "microsoft"), lit(Providers.AZURE))
        .when(l.isin("gcp", "gce", "google", "google cloud"), lit(Providers.GCP))
        .when(l.isin("oci", "oracle"), lit(Providers.OCI))
        .when(l.equalTo("coreweave"), lit(Providers.COREWEAVE))
        .when(l.isNotNull(), col(Samples.PROVIDER_LABEL))
        .when(
            col("hostname").rlike("^(i-[0-9a-f]{8,17}(\\..*)?|ip-[0-9]+-[0-9]+-[0-9]+-[0-9]+.*)$"),
            lit(Providers.AWS));
  }

  /**
   * The GPU model as the GPU catalog names it (H100, H200, B200, GB200, ...) from the full name
   * DCGM and nvidia-smi report ("NVIDIA H100 80GB HBM3"); other names lose their vendor prefix.
   */
  static Column gpuModel(Column name) {
    Column m =
        regexp_extract(
            upper(name),
            "(GB300|GB200|GH200|B300|B200|H200|H100|H800|H20|A100|A800|A10G|A10|L40S|L40|L4|MI355X"
                + "|MI325X|MI300X|MI250X|V100|T4)",
            1);
    return coalesce(
        nullif(m, lit("")),
        nullif(trim(regexp_replace(name, "^(?i)(NVIDIA|AMD)\\s+", "")), lit("")));
  }
}
