package dev.burnrate.tools;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.etl.telemetry.TelemetryIngest;
import dev.burnrate.etl.telemetry.TelemetryResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the telemetry ingest: writes one day of 1-minute samples for a fleet of GPUs (8 per
 * host, one file per host) in nvidia-smi CSV, DCGM text or Prometheus range-query JSON, runs the
 * telemetry ingest on it with the configured Spark master and prints samples per second, the peak
 * memory and the machine's load average (the figures mean little on a busy machine).
 */
@Command(
    name = "telemetry",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark the GPU telemetry ingest: generate one day of 1-minute samples for --gpus GPUs,",
      "ingest them into a scratch lake and print the throughput and peak memory."
    })
final class BenchTelemetryCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(BenchTelemetryCommand.class);
  private static final int GPUS_PER_HOST = 8;
  private static final LocalDate DAY = LocalDate.of(2026, 10, 1);

  @Option(
      names = "--gpus",
      defaultValue = "10000",
      description = "GPUs (default: ${DEFAULT-VALUE}).")
  int gpus;

  @Option(
      names = "--minutes",
      defaultValue = "1440",
      description = "1-minute samples per GPU (default: ${DEFAULT-VALUE}, one day).")
  int minutes;

  @Option(
      names = "--format",
      defaultValue = "nvidia-smi",
      description =
          "nvidia-smi (one line per GPU and minute), dcgm (one line per metric) or"
              + " prometheus-json (one series per GPU and metric) (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "burnrate-bench-telemetry",
      description = "Scratch folder, emptied first (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--master", defaultValue = "local[*]", description = "Spark master.")
  String master;

  @Override
  public Integer call() throws Exception {
    if (gpus < 1 || minutes < 1 || minutes > 1440) {
      throw BurnrateException.config("bench telemetry: --gpus >= 1 and 1 <= --minutes <= 1440");
    }
    if (!List.of("nvidia-smi", "dcgm", "prometheus-json").contains(format)) {
      throw BurnrateException.config(
          "bench telemetry: --format is nvidia-smi, dcgm or prometheus-json");
    }
    Path dir = out.toAbsolutePath().normalize();
    DemoCommand.fresh(dir);
    Files.writeString(dir.resolve(DemoCommand.MARKER), "{}\n");
    Path landing = Files.createDirectories(dir.resolve("landing/telemetry"));
    long t0 = System.nanoTime();
    long bytes = writeInput(landing);
    double genS = PeakMemory.seconds(t0);
    long samples = (long) gpus * minutes;
    LOG.info(
        "bench: wrote {} MB of {} input in {} s", bytes >> 20, format, String.format("%.1f", genS));

    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(
        conf.resolve("pipeline.yaml"),
        "reporting_currency: USD\ndata_dir: ..\nspark:\n  master: \""
            + master
            + "\"\nsources:\n  - name: bench\n    format: "
            + format
            + "\n    path: \"landing/telemetry/**\"\n");
    PipelineConfig cfg = PipelineConfig.load(conf);
    String loadBefore = PeakMemory.loadAverage();
    PeakMemory.reset();
    long t1 = System.nanoTime();
    TelemetryResult r =
        BenchRuns.run(
            cfg,
            "bench telemetry",
            DAY,
            "burnrate-bench-telemetry",
            spark -> TelemetryIngest.run(spark, cfg, DAY));
    double s = PeakMemory.seconds(t1);
    System.out.printf(
        Locale.ROOT,
        "bench telemetry: format %s, %d GPUs x %d minutes = %,d samples per metric (%,d sample"
            + " lines), %,d MB input written in %.1f s%n",
        format,
        gpus,
        minutes,
        samples,
        r.samples(),
        bytes >> 20,
        genS);
    System.out.printf(
        Locale.ROOT,
        "bench telemetry: ingest %.1f s (Spark %s, %d cores): %,.0f samples per metric per s,"
            + " %,.0f lines per s, %.1f MB/s; %,d GPU-hour rows, %d GPUs%n",
        s,
        master,
        Runtime.getRuntime().availableProcessors(),
        samples / s,
        r.samples() / s,
        (bytes >> 20) / s,
        r.hourlyRows(),
        r.gpus());
    System.out.printf(
        Locale.ROOT,
        "bench telemetry: peak JVM heap used %,d MB (max heap %,d MB), peak RSS %,d MB%n",
        PeakMemory.heapMb(),
        Runtime.getRuntime().maxMemory() >> 20,
        PeakMemory.rssKb() >> 10);
    System.out.printf(
        Locale.ROOT,
        "bench telemetry: load average (1, 5, 15 min) %s at the start, %s at the end; a figure"
            + " taken on a busy machine is a lower bound%n",
        loadBefore,
        PeakMemory.loadAverage());
    return 0;
  }

  /** One file per host, written in parallel. */
  private long writeInput(Path landing) throws Exception {
    int hosts = (gpus + GPUS_PER_HOST - 1) / GPUS_PER_HOST;
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
    try {
      List<Future<Long>> parts = new ArrayList<>();
      for (int h = 0; h < hosts; h++) {
        int host = h;
        int n = Math.min(GPUS_PER_HOST, gpus - h * GPUS_PER_HOST);
        parts.add(pool.submit(() -> writeHost(landing, host, n)));
      }
      long bytes = 0;
      for (Future<Long> f : parts) {
        bytes += f.get();
      }
      return bytes;
    } finally {
      pool.shutdownNow();
    }
  }

  private long writeHost(Path landing, int host, int n) {
    String name = String.format(Locale.ROOT, "gpu-node-%05d", host);
    String ext =
        switch (format) {
          case "dcgm" -> ".prom";
          case "prometheus-json" -> ".json";
          default -> ".csv";
        };
    Path file = landing.resolve(name + "-" + DAY + ext);
    long dayMs = DAY.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
    String[] uuids = new String[n];
    for (int g = 0; g < n; g++) {
      uuids[g] = String.format(Locale.ROOT, "GPU-%08x-0000-4000-8000-%012x", host, g);
    }
    StringBuilder sb = new StringBuilder(1 << 16);
    try (Writer w =
        new BufferedWriter(
            new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 20)) {
      if (format.equals("prometheus-json")) {
        writeRangeQuery(w, sb, name, uuids, host, dayMs);
      } else {
        writeLines(w, sb, name, uuids, host, dayMs);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * nvidia-smi CSV (a line per GPU and minute) or DCGM text (a line per GPU, metric and minute).
   */
  private void writeLines(
      Writer w, StringBuilder sb, String name, String[] uuids, int host, long dayMs)
      throws IOException {
    DateTimeFormatter smi = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSS", Locale.ROOT);
    int n = uuids.length;
    if (format.equals("nvidia-smi")) {
      w.write(
          "timestamp, name, uuid, index, utilization.gpu [%], memory.used [MiB],"
              + " memory.total [MiB], power.draw [W]\n");
    }
    for (int m = 0; m < minutes; m++) {
      String ts = smi.format(LocalDateTime.of(DAY, java.time.LocalTime.MIDNIGHT).plusMinutes(m));
      long ms = dayMs + m * 60_000L;
      for (int g = 0; g < n; g++) {
        int util = (int) ((host * 31L + g * 17L + m) % 101);
        int mem = 1000 + util * 800;
        int watts = 70 + util * 6;
        if (format.equals("nvidia-smi")) {
          sb.append(ts).append(", NVIDIA H100 80GB HBM3, ").append(uuids[g]).append(", ");
          sb.append(g).append(", ").append(util).append(" %, ").append(mem).append(" MiB, ");
          sb.append("81559 MiB, ").append(watts).append(".00 W\n");
        } else {
          String labels =
              "{gpu=\""
                  + g
                  + "\",UUID=\""
                  + uuids[g]
                  + "\",modelName=\"NVIDIA H100 80GB HBM3\",Hostname=\""
                  + name
                  + "\"} ";
          sb.append("DCGM_FI_PROF_GR_ENGINE_ACTIVE").append(labels).append(util / 100.0);
          sb.append(' ').append(ms).append('\n');
          sb.append("DCGM_FI_DEV_POWER_USAGE").append(labels).append(watts).append(' ');
          sb.append(ms).append('\n');
          sb.append("DCGM_FI_DEV_FB_USED").append(labels).append(mem).append(' ');
          sb.append(ms).append('\n');
        }
      }
      w.append(sb);
      sb.setLength(0);
    }
  }

  /**
   * A range-query response as Prometheus' HTTP API returns it: one series per GPU and metric, with
   * the same values as the text formats.
   */
  private void writeRangeQuery(
      Writer w, StringBuilder sb, String host, String[] uuids, int hostNo, long dayMs)
      throws IOException {
    String[] metrics = {
      "DCGM_FI_PROF_GR_ENGINE_ACTIVE", "DCGM_FI_DEV_POWER_USAGE", "DCGM_FI_DEV_FB_USED"
    };
    w.write("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[");
    for (int g = 0; g < uuids.length; g++) {
      for (int k = 0; k < metrics.length; k++) {
        sb.append(g + k == 0 ? "" : ",").append("{\"metric\":{\"__name__\":\"");
        sb.append(metrics[k]).append("\",\"gpu\":\"").append(g).append("\",\"UUID\":\"");
        sb.append(uuids[g]).append("\",\"modelName\":\"NVIDIA H100 80GB HBM3\",\"Hostname\":\"");
        sb.append(host).append("\"},\"values\":[");
        for (int m = 0; m < minutes; m++) {
          int util = (int) ((hostNo * 31L + g * 17L + m) % 101);
          sb.append(m == 0 ? "[" : ",[").append((dayMs + m * 60_000L) / 1000).append(",\"");
          switch (k) {
            case 0 -> sb.append(util / 100.0);
            case 1 -> sb.append(70 + util * 6);
            default -> sb.append(1000 + util * 800);
          }
          sb.append("\"]");
        }
        sb.append("]}");
        w.append(sb);
        sb.setLength(0);
      }
    }
    w.write("]}}\n");
  }
}
