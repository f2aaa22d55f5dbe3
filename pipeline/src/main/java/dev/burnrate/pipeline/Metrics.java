package dev.burnrate.pipeline;

import dev.burnrate.core.ExitCode;
import dev.burnrate.core.io.DurableFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Prometheus textfile-collector file ({@code data_dir/metrics/burnrate.prom}) that
 * node_exporter picks up: last success, last exit code, stage durations, rows ingested and
 * quarantined, data test failures. Replaced atomically and durably after every run.
 */
public final class Metrics {
  private static final Logger LOG = LoggerFactory.getLogger(Metrics.class);
  public static final String FILE = "metrics/burnrate.prom";

  private Metrics() {}

  static void write(Path dataDir, RunRecord.Data run) {
    List<RunRecord.Data> all = RunRecord.all(dataDir);
    double lastSuccess =
        all.stream()
            .filter(r -> r.exitCode() == ExitCode.OK)
            .map(r -> Instant.parse(r.finishedAt()))
            .max(Instant::compareTo)
            .map(i -> i.toEpochMilli() / 1000.0)
            .orElse(0.0);
    StringBuilder s = new StringBuilder();
    gauge(
        s,
        "burnrate_last_success_timestamp_seconds",
        "End of the last run that exited 0.",
        "",
        lastSuccess);
    String cmd = "{command=\"" + run.command() + "\"}";
    gauge(
        s,
        "burnrate_last_run_timestamp_seconds",
        "End of the last run.",
        cmd,
        Instant.parse(run.finishedAt()).toEpochMilli() / 1000.0);
    gauge(
        s,
        "burnrate_last_run_exit_code",
        "Exit code of the last run (0 ok, 3 bad input, 4 data test, 5 locked).",
        cmd,
        run.exitCode());
    gauge(
        s,
        "burnrate_last_run_duration_seconds",
        "Wall time of the last run.",
        cmd,
        run.durationMs() / 1000.0);
    s.append("# HELP burnrate_stage_duration_seconds Wall time of each stage in the last run.\n");
    s.append("# TYPE burnrate_stage_duration_seconds gauge\n");
    StringBuilder unconfigured = new StringBuilder();
    long rowsIngested = 0;
    long rowsQuarantined = 0;
    int testFailures = 0;
    for (RunRecord.Stage st : run.stages()) {
      s.append(
          String.format(
              Locale.ROOT,
              "burnrate_stage_duration_seconds{stage=\"%s\",as_of=\"%s\"} %.3f%n",
              st.stage(),
              st.asOf(),
              st.durationMs() / 1000.0));
      Map<String, Object> d = st.details() == null ? Map.of() : st.details();
      rowsIngested += number(d.get("rows_written"));
      rowsQuarantined += number(d.get("rows_quarantined"));
      if (d.get(Stages.UNCONFIGURED) instanceof List<?> sources) {
        for (Object o : sources) {
          Map<?, ?> src = (Map<?, ?>) o;
          unconfigured.append(
              String.format(
                  Locale.ROOT,
                  "burnrate_unconfigured_source_units{source=\"%s\"} %d%n",
                  label(String.valueOf(src.get("source"))),
                  number(src.get("units"))));
        }
      }
      if (st.stage().equals("warehouse")
          && Integer.valueOf(ExitCode.DATA_TEST).equals(d.get("exit_code"))) {
        testFailures++;
      }
    }
    gauge(
        s,
        "burnrate_rows_ingested",
        "Rows the last run wrote to the lake (new or replaced units).",
        "",
        rowsIngested);
    gauge(s, "burnrate_rows_quarantined", "Rows the last run quarantined.", "", rowsQuarantined);
    gauge(
        s,
        "burnrate_data_test_failures",
        "1 when the last run's warehouse data tests failed.",
        "",
        testFailures);
    s.append(
        "# HELP burnrate_unconfigured_source_units Lake units of a source pipeline.yaml no longer"
            + " names (burnrate retire removes them), as the last ingest found them.\n");
    s.append("# TYPE burnrate_unconfigured_source_units gauge\n");
    s.append(unconfigured);
    Path file = dataDir.resolve(FILE);
    try {
      DurableFiles.write(file, s.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      LOG.warn("could not write {}: {}", file, e.getMessage());
    }
  }

  /** A Prometheus label value: backslash, quote and newline escaped. */
  private static String label(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static long number(Object o) {
    return o instanceof Number n ? n.longValue() : 0L;
  }

  private static void gauge(
      StringBuilder s, String name, String help, String labels, double value) {
    s.append("# HELP ").append(name).append(' ').append(help).append('\n');
    s.append("# TYPE ").append(name).append(" gauge\n");
    s.append(name)
        .append(labels)
        .append(' ')
        .append(String.format(Locale.ROOT, "%s", fmt(value)))
        .append('\n');
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
