package dev.burnrate.etl.telemetry;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The shape every telemetry reader emits: one row per input line (or JSON point) with what became
 * of it ({@link #KIND}) and, for samples, the GPU, the time and the metric values it carries. A
 * DCGM or Prometheus line fills one metric column, an nvidia-smi line several.
 */
final class Samples {
  /** Line kinds. */
  static final String SKIP = "skip"; // comment, HELP/TYPE, blank, repeated header

  static final String SAMPLE = "sample";
  static final String IGNORED = "ignored"; // a metric burnrate does not use (counted)

  /**
   * A metric burnrate uses, without a GPU identity (no UUID label: a host-level line, an exporter
   * that writes only {@code gpu} / {@code device}). Ignored and counted like {@link #IGNORED}, and
   * counted apart so that the run record says why: it belongs to no GPU, so it is not bad input.
   */
  static final String NO_GPU = "no-gpu";

  static final String BAD = "bad"; // quarantined

  static final String KIND = "_kind";
  static final String REASON = "_reason";
  static final String COLUMN = "_column";
  static final String RAW = "_raw";

  static final String UUID = "gpu_uuid";
  static final String TS_MS = "ts_ms";
  static final String HOST = "host";
  static final String INSTANCE_ID = "instance_id";
  static final String PROVIDER_LABEL = "provider_label";
  static final String MODEL_NAME = "model_name";
  static final String GPU_INDEX = "gpu_index";
  static final String NAMESPACE = "namespace";
  static final String POD = "pod";
  static final String MIG_ENABLED = "mig_enabled";
  static final String MIG_SLICES = "mig_slices";
  static final String GR_ACTIVE = "gr_active";
  static final String GPU_UTIL = "gpu_util";
  static final String TENSOR_ACTIVE = "tensor_active";
  static final String FB_USED = "fb_used_mib";
  static final String POWER = "power_w";
  static final String ENERGY = "energy_mj";
  static final String XID = "xid";

  /**
   * The label text of a Prometheus line (DCGM text), from which {@link HourlyRollup} reads host,
   * instance, provider, model, index, namespace and pod once per GPU and hour; null for readers
   * that fill those columns per sample.
   */
  static final String LABELS = "labels";

  /** The sample columns and their types, in order. */
  static final Map<String, DataType> COLUMNS = new LinkedHashMap<>();

  static {
    COLUMNS.put(UUID, DataTypes.StringType);
    COLUMNS.put(TS_MS, DataTypes.LongType);
    COLUMNS.put(HOST, DataTypes.StringType);
    COLUMNS.put(INSTANCE_ID, DataTypes.StringType);
    COLUMNS.put(PROVIDER_LABEL, DataTypes.StringType);
    COLUMNS.put(MODEL_NAME, DataTypes.StringType);
    COLUMNS.put(GPU_INDEX, DataTypes.IntegerType);
    COLUMNS.put(NAMESPACE, DataTypes.StringType);
    COLUMNS.put(POD, DataTypes.StringType);
    COLUMNS.put(MIG_ENABLED, DataTypes.BooleanType);
    COLUMNS.put(MIG_SLICES, DataTypes.IntegerType);
    COLUMNS.put(GR_ACTIVE, DataTypes.DoubleType);
    COLUMNS.put(GPU_UTIL, DataTypes.DoubleType);
    COLUMNS.put(TENSOR_ACTIVE, DataTypes.DoubleType);
    COLUMNS.put(FB_USED, DataTypes.DoubleType);
    COLUMNS.put(POWER, DataTypes.DoubleType);
    COLUMNS.put(ENERGY, DataTypes.DoubleType);
    COLUMNS.put(XID, DataTypes.DoubleType);
    COLUMNS.put(LABELS, DataTypes.StringType);
  }

  private Samples() {}

  /**
   * The reader's output in the common column order: {@code values} gives an expression per sample
   * column (missing ones are typed nulls), after the line's file, position, kind and reason.
   */
  static Dataset<Row> select(
      Dataset<Row> in,
      List<Column> position,
      Column kind,
      Column reason,
      Column column,
      Column raw,
      Map<String, Column> values) {
    List<Column> out = new ArrayList<>(position);
    out.add(kind.as(KIND));
    out.add(reason.as(REASON));
    out.add(column.as(COLUMN));
    out.add(when(kind.equalTo(BAD), raw).as(RAW)); // only what is quarantined keeps its text
    for (Map.Entry<String, DataType> c : COLUMNS.entrySet()) {
      Column v = values.get(c.getKey());
      out.add((v == null ? lit(null).cast(c.getValue()) : v.try_cast(c.getValue())).as(c.getKey()));
    }
    return in.select(out.toArray(Column[]::new));
  }

  /** A typed null, for readability at call sites. */
  static Column none() {
    return lit(null).cast(DataTypes.StringType);
  }

  static Column isSample() {
    return col(KIND).equalTo(SAMPLE);
  }
}
