package dev.burnrate.demo;

import dev.burnrate.demo.Fleet.Node;
import dev.burnrate.demo.Fleet.Provider;
import dev.burnrate.demo.Fleet.Workload;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The two other telemetry formats, for the same GPUs the bill and the DCGM scrapes show (same host
 * names, same UUIDs, the same workload shapes), so that the warehouse sees one fleet whatever the
 * format:
 *
 * <ul>
 *   <li>{@code landing/telemetry/prometheus/gcp/<host>-<day>.json}: a Prometheus {@code
 *       /api/v1/query_range} response (matrix, 5-minute step) per Google Cloud host and day, with
 *       GR_ENGINE_ACTIVE, POWER_USAGE and FB_USED series per GPU
 *   <li>{@code landing/telemetry/nvidia-smi/oci/<host>-<day>.csv}: an {@code nvidia-smi
 *       --query-gpu=timestamp,name,uuid,index,utilization.gpu,memory.used,memory.total,power.draw,
 *       mig.mode.current --format=csv -l 300} log per Oracle host and day
 * </ul>
 *
 * <p>Those hosts are also scraped by DCGM; the warehouse keeps, per GPU and hour, the source with
 * the larger sample coverage.
 */
final class TelemetryExports {
  static final int STEP_S = 300;
  private static final DateTimeFormatter SMI_TIME =
      DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSS", Locale.ROOT);

  private TelemetryExports() {}

  /** Writes both formats; returns the number of files. */
  static long write(Fleet fleet, Window w, int telemetryDays, long seed, Path telemetryRoot)
      throws IOException {
    if (telemetryDays == 0) {
      return 0;
    }
    LocalDate start = w.end().minusDays(telemetryDays - 1L);
    long files = 0;
    Provider gcp = fleet.provider("gcp");
    Provider oci = fleet.provider("oci");
    for (LocalDate day = start; !day.isAfter(w.end()); day = day.plusDays(1)) {
      for (Node n : gcp.nodes()) {
        if (n.telemetry()) {
          Path f =
              telemetryRoot.resolve("prometheus/gcp").resolve(n.hostname() + "-" + day + ".json");
          prometheus(gcp, n, day, seed, f);
          files++;
        }
      }
      for (Node n : oci.nodes()) {
        if (n.telemetry()) {
          Path f =
              telemetryRoot.resolve("nvidia-smi/oci").resolve(n.hostname() + "-" + day + ".csv");
          nvidiaSmi(oci, n, day, seed, f);
          files++;
        }
      }
    }
    return files;
  }

  /** One GPU's values at one step. */
  private record Point(double active, double power, int fbUsed) {}

  private static Point point(Node n, double hour, int step, SplittableRandom r) {
    double l = DcgmScrapes.load(n.workload(), hour, step / 3, (n.ordinal() * 7) % 16, r);
    l = Math.max(0, Math.min(1, l + Rng.between(r, -0.02, 0.02)));
    if (n.workload() == Workload.IDLE) {
      l = 0;
    }
    double power = 70 + 600 * Math.pow(l, 0.9) + Rng.between(r, -5, 5);
    int fb = l == 0 ? 0 : (int) (n.type().fbTotalMiB() * 0.85 * Rng.between(r, 0.97, 1.0));
    return new Point(l, power, fb);
  }

  private static String uuid(Provider p, Node n, int g, long seed) {
    return "GPU-" + Rng.uuid(Rng.of(seed, "gpu-uuid", p.slug(), n.ordinal(), g));
  }

  private static void prometheus(Provider p, Node n, LocalDate day, long seed, Path file)
      throws IOException {
    Files.createDirectories(file.getParent());
    int gpus = n.type().gpus();
    int steps = 86_400 / STEP_S;
    long t0 = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    Point[][] pts = new Point[gpus][steps];
    SplittableRandom r = Rng.of(seed, "prometheus", p.slug(), n.ordinal(), day.toEpochDay());
    for (int k = 0; k < steps; k++) {
      for (int g = 0; g < gpus; g++) {
        pts[g][k] = point(n, k * STEP_S / 3600.0, k, r);
      }
    }
    String[][] series = {
      {"DCGM_FI_PROF_GR_ENGINE_ACTIVE", "a"},
      {"DCGM_FI_DEV_POWER_USAGE", "p"},
      {"DCGM_FI_DEV_FB_USED", "m"}
    };
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[");
      boolean firstSeries = true;
      for (String[] s : series) {
        for (int g = 0; g < gpus; g++) {
          if (!firstSeries) {
            out.write(',');
          }
          firstSeries = false;
          out.write("{\"metric\":{\"__name__\":\"" + s[0] + "\",\"gpu\":\"" + g + "\",\"UUID\":\"");
          out.write(uuid(p, n, g, seed));
          out.write("\",\"modelName\":\"" + n.type().gpuModel() + "\",\"Hostname\":\"");
          out.write(
              n.hostname() + "\",\"instance\":\"" + n.hostname() + ":9400\",\"job\":\"dcgm\"},");
          out.write("\"values\":[");
          for (int k = 0; k < steps; k++) {
            Point pt = pts[g][k];
            String v =
                switch (s[1]) {
                  case "a" -> String.format(Locale.ROOT, "%.6f", pt.active());
                  case "p" -> String.format(Locale.ROOT, "%.3f", pt.power());
                  default -> Integer.toString(pt.fbUsed());
                };
            out.write((k == 0 ? "" : ",") + "[" + (t0 + (long) k * STEP_S) + ",\"" + v + "\"]");
          }
          out.write("]}");
        }
      }
      out.write("]}}\n");
    }
  }

  private static void nvidiaSmi(Provider p, Node n, LocalDate day, long seed, Path file)
      throws IOException {
    Files.createDirectories(file.getParent());
    int gpus = n.type().gpus();
    SplittableRandom r = Rng.of(seed, "nvidia-smi", p.slug(), n.ordinal(), day.toEpochDay());
    LocalDateTime t0 = day.atStartOfDay();
    try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
      out.write(
          "timestamp, name, uuid, index, utilization.gpu [%], memory.used [MiB],"
              + " memory.total [MiB], power.draw [W], mig.mode.current\n");
      for (int k = 0; k < 86_400 / STEP_S; k++) {
        String ts = SMI_TIME.format(t0.plusSeconds((long) k * STEP_S + 2));
        for (int g = 0; g < gpus; g++) {
          Point pt = point(n, k * STEP_S / 3600.0, k, r);
          out.write(
              String.format(
                  Locale.ROOT,
                  "%s, %s, %s, %d, %d %%, %d MiB, %d MiB, %.2f W, Disabled\n",
                  ts,
                  n.type().gpuModel(),
                  uuid(p, n, g, seed),
                  g,
                  Math.round(pt.active() * 100),
                  pt.fbUsed(),
                  n.type().fbTotalMiB(),
                  pt.power()));
        }
      }
    }
  }
}
