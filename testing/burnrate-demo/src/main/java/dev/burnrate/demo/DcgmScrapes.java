package dev.burnrate.demo;

import dev.burnrate.demo.Fleet.Node;
import dev.burnrate.demo.Fleet.Provider;
import dev.burnrate.demo.Fleet.Workload;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * DCGM-exporter scrapes in the Prometheus text format: one file per host and day ({@code
 * <slug>/<hostname>-<YYYY-MM-DD>.prom}), a scrape every 15 minutes concatenated, each sample with a
 * millisecond timestamp. Some hosts write # HELP / # TYPE lines, some do not; CoreWeave's carry the
 * Kubernetes pod, namespace and container labels. Utilization follows the node's workload: a
 * diurnal training load with checkpoint dips, daytime fine-tuning, inference traffic, or idle.
 */
final class DcgmScrapes {
  static final int SCRAPES_PER_DAY = 96;
  private static final long SCRAPE_MS = 15 * 60 * 1000L;
  private static final int XID = 79;

  private static final String[] PCI_BUS = "18 2A 3A 5D 9A AB BA DB".split(" ");

  /** The metrics, in the order dcgm-exporter's default counters file lists them. */
  private enum Metric {
    DCGM_FI_DEV_POWER_USAGE("Power draw (in W).", "gauge"),
    DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION("Total energy consumption since boot (in mJ).", "counter"),
    DCGM_FI_DEV_GPU_UTIL("GPU utilization (in %).", "gauge"),
    DCGM_FI_DEV_FB_FREE("Framebuffer memory free (in MiB).", "gauge"),
    DCGM_FI_DEV_FB_USED("Framebuffer memory used (in MiB).", "gauge"),
    DCGM_FI_DEV_XID_ERRORS("Value of the last XID error encountered.", "gauge"),
    DCGM_FI_PROF_GR_ENGINE_ACTIVE("Ratio of time the graphics engine is active.", "gauge"),
    DCGM_FI_PROF_PIPE_TENSOR_ACTIVE("Ratio of cycles the tensor (HMMA) pipe is active.", "gauge");

    final String header;

    Metric(String help, String type) {
      this.header = "# HELP " + name() + " " + help + "\n# TYPE " + name() + " " + type + "\n";
    }
  }

  /** What was written. */
  record Result(
      long files,
      long scrapes,
      long samples,
      LocalDate start,
      LocalDate end,
      Totals.XidEvent xid) {}

  /** The GPU that reports XID 79 once: GPU 3 of Google Cloud's second node, on the last day. */
  record XidPlan(Node node, int gpu, LocalDate day, int scrape) {}

  private record HostResult(long files, long scrapes, long samples, Totals.XidEvent xid) {}

  private DcgmScrapes() {}

  static Result write(Fleet fleet, Window w, int telemetryDays, long seed, Path root)
      throws IOException {
    if (telemetryDays == 0) {
      return new Result(0, 0, 0, null, null, null);
    }
    LocalDate start = w.end().minusDays(telemetryDays - 1L);
    Provider gcp = fleet.provider("gcp");
    XidPlan xid = new XidPlan(gcp.nodes().get(1), 3, w.end(), 37);
    List<HostTask> tasks = new ArrayList<>();
    for (int pi = 0; pi < fleet.providers().size(); pi++) {
      Provider p = fleet.providers().get(pi);
      for (Node n : p.nodes()) {
        if (n.telemetry()) {
          tasks.add(new HostTask(p, pi, n, start, w.end(), seed, root.resolve(p.slug()), xid));
        }
      }
    }
    // and the host that no bill shows
    Node unbilled = FleetCatalog.unbilledHost(fleet);
    Provider aws = fleet.provider(unbilled.providerSlug());
    tasks.add(
        new HostTask(
            aws,
            fleet.providers().indexOf(aws),
            unbilled,
            start,
            w.end(),
            seed,
            root.resolve(aws.slug()),
            xid));
    // Hosts are independent (each draws from its own keyed stream), so they can be written in
    // parallel without changing a byte.
    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long files = 0;
    long scrapes = 0;
    long samples = 0;
    Totals.XidEvent event = null;
    try {
      List<Future<HostResult>> futures = new ArrayList<>();
      for (HostTask t : tasks) {
        futures.add(pool.submit(t::run));
      }
      for (Future<HostResult> f : futures) {
        HostResult r = f.get();
        files += r.files();
        scrapes += r.scrapes();
        samples += r.samples();
        if (r.xid() != null) {
          event = r.xid();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing telemetry", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      throw new IOException("writing telemetry failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return new Result(files, scrapes, samples, start, w.end(), event);
  }

  /** One host's files, day by day, its energy counters carried across days. */
  private record HostTask(
      Provider provider,
      int providerIndex,
      Node node,
      LocalDate start,
      LocalDate end,
      long seed,
      Path dir,
      XidPlan xid) {

    HostResult run() {
      try {
        return write();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private HostResult write() throws IOException {
      Files.createDirectories(dir);
      SplittableRandom hr = Rng.of(seed, "dcgm", provider.slug(), node.ordinal());
      int gpus = node.type().gpus();
      boolean helpLines = (node.ordinal() + providerIndex) % 2 == 0;
      long offsetMs = hr.nextInt(15_000);
      int checkpointPhase = hr.nextInt(16);
      String[] labels = new String[gpus];
      String[] uuids = new String[gpus];
      double[] gpuFactor = new double[gpus];
      double[] idleWatts = new double[gpus];
      long[] energy = new long[gpus];
      for (int g = 0; g < gpus; g++) {
        uuids[g] = "GPU-" + Rng.uuid(Rng.of(seed, "gpu-uuid", provider.slug(), node.ordinal(), g));
        labels[g] = labels(g, uuids[g]);
        gpuFactor[g] = Rng.between(hr, 0.97, 1.0);
        idleWatts[g] = Rng.between(hr, 66, 76);
        energy[g] = (long) Rng.between(hr, 2e11, 2e12);
      }
      boolean xidHost = node.equals(xid.node());
      Totals.XidEvent event = null;
      long files = 0;
      long samples = 0;
      GpuSample s = new GpuSample(gpus);
      StringBuilder sb = new StringBuilder(1 << 16);
      for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
        SplittableRandom r =
            Rng.of(seed, "dcgm", provider.slug(), node.ordinal(), day.toEpochDay());
        long dayMs = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        Path file = dir.resolve(node.hostname() + "-" + day + ".prom");
        try (Writer out =
            new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
                1 << 16)) {
          for (int k = 0; k < SCRAPES_PER_DAY; k++) {
            long ts = dayMs + k * SCRAPE_MS + offsetMs;
            double hour = (k * 15 + offsetMs / 60_000.0) / 60.0;
            double load = load(node.workload(), hour, k, checkpointPhase, r);
            for (int g = 0; g < gpus; g++) {
              int sinceXid =
                  xidHost && g == xid.gpu() && day.equals(xid.day()) ? k - xid.scrape() : -1;
              sample(s, g, load * gpuFactor[g], idleWatts[g], energy[g], r, sinceXid);
              // energy accrues over the 15 minutes until the next scrape
              energy[g] += Math.round(s.power[g] * 900_000);
              if (sinceXid == 0) {
                event = new Totals.XidEvent(node.hostname(), g, uuids[g], XID, ts);
              }
            }
            String stamp = " " + ts + "\n";
            for (Metric m : Metric.values()) {
              if (helpLines) {
                sb.append(m.header);
              }
              for (int g = 0; g < gpus; g++) {
                sb.append(m.name()).append(labels[g]).append(' ');
                s.value(sb, m, g);
                sb.append(stamp);
              }
            }
            samples += (long) gpus * Metric.values().length;
            out.append(sb);
            sb.setLength(0);
          }
        }
        files++;
      }
      return new HostResult(files, files * SCRAPES_PER_DAY, samples, event);
    }

    private String labels(int g, String uuid) {
      StringBuilder sb = new StringBuilder(256);
      sb.append("{gpu=\"").append(g).append("\",UUID=\"").append(uuid);
      sb.append("\",pci_bus_id=\"00000000:").append(PCI_BUS[g % PCI_BUS.length]).append(":00.0\"");
      sb.append(",device=\"nvidia").append(g).append('"');
      sb.append(",modelName=\"").append(node.type().gpuModel()).append('"');
      sb.append(",Hostname=\"").append(node.hostname()).append('"');
      sb.append(",DCGM_FI_DRIVER_VERSION=\"").append(driver(provider.slug())).append('"');
      if (provider.slug().equals("coreweave") && node.workload() != Workload.IDLE) {
        Workload w = node.workload();
        sb.append(",container=\"trainer\",namespace=\"").append(w.team).append('"');
        sb.append(",pod=\"").append(w.project).append("-worker-").append(node.ordinal());
        sb.append('"');
      }
      return sb.append('}').toString();
    }

    /** Fills one GPU's sample; {@code sinceXid} is 0 at the XID scrape, 1..8 after it. */
    private void sample(
        GpuSample s,
        int g,
        double load,
        double idleW,
        long energy,
        SplittableRandom r,
        int sinceXid) {
      Workload w = node.workload();
      int fbTotal = node.type().fbTotalMiB();
      double l = clamp(load + Rng.between(r, -0.02, 0.02));
      if (w == Workload.IDLE) {
        l = r.nextDouble() < 0.03 ? Rng.between(r, 0.01, 0.06) : 0;
      }
      boolean crashed = sinceXid > 0 && sinceXid <= 8;
      if (crashed) {
        // XID 79 (fallen off the bus): the job on it died; the GPU sits empty for two hours
        l = 0;
      }
      s.util[g] = (int) Math.round(l * 100);
      s.gr[g] = l == 0 ? 0 : clamp(l * Rng.between(r, 0.95, 0.99));
      s.tensor[g] = clamp(s.gr[g] * tensorShare(w) * Rng.between(r, 0.9, 1.1));
      int used;
      if (crashed || (w == Workload.IDLE && l == 0)) {
        used = 0;
      } else if (w == Workload.IDLE) {
        used = (int) Rng.between(r, 500, 3000);
      } else {
        used = (int) (fbTotal * memoryShare(w) * Rng.between(r, 0.97, 1.0));
      }
      s.fbUsed[g] = used;
      s.fbFree[g] = fbTotal - used - 512;
      double watts = idleW + (700 - idleW - 30) * Math.pow(l, 0.9) + Rng.between(r, -6, 6);
      s.power[g] = Math.max(idleW - 3, Math.min(700, watts));
      s.energy[g] = energy;
      s.xid[g] = sinceXid == 0 ? XID : 0;
    }
  }

  /** One scrape's values for every GPU of a host. */
  private static final class GpuSample {
    final int[] util;
    final int[] fbUsed;
    final int[] fbFree;
    final double[] power;
    final long[] energy;
    final int[] xid;
    final double[] gr;
    final double[] tensor;

    GpuSample(int gpus) {
      util = new int[gpus];
      fbUsed = new int[gpus];
      fbFree = new int[gpus];
      power = new double[gpus];
      energy = new long[gpus];
      xid = new int[gpus];
      gr = new double[gpus];
      tensor = new double[gpus];
    }

    void value(StringBuilder sb, Metric m, int g) {
      switch (m) {
        case DCGM_FI_DEV_POWER_USAGE -> fixed(sb, Math.round(power[g] * 1000) * 1000L);
        case DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION -> sb.append(energy[g]);
        case DCGM_FI_DEV_GPU_UTIL -> sb.append(util[g]);
        case DCGM_FI_DEV_FB_FREE -> sb.append(fbFree[g]);
        case DCGM_FI_DEV_FB_USED -> sb.append(fbUsed[g]);
        case DCGM_FI_DEV_XID_ERRORS -> sb.append(xid[g]);
        case DCGM_FI_PROF_GR_ENGINE_ACTIVE -> fixed(sb, Math.round(gr[g] * 1e6));
        case DCGM_FI_PROF_PIPE_TENSOR_ACTIVE -> fixed(sb, Math.round(tensor[g] * 1e6));
      }
    }

    /** Appends micros / 1e6 with six decimals, as dcgm-exporter prints floats (%f). */
    private static void fixed(StringBuilder sb, long micros) {
      sb.append(micros / 1_000_000).append('.');
      String frac = Long.toString(micros % 1_000_000);
      for (int i = frac.length(); i < 6; i++) {
        sb.append('0');
      }
      sb.append(frac);
    }
  }

  /** The node's load (0..1) at an hour of the UTC day. */
  static double load(Workload w, double hour, int scrape, int checkpointPhase, SplittableRandom r) {
    return switch (w) {
      case PRETRAIN -> {
        // a long pretraining run: near-saturated, a little lower at night (shared power caps),
        // and a checkpoint every four hours stalls the GPUs for a scrape
        double l = 0.90 + 0.06 * Math.cos(2 * Math.PI * (hour - 14) / 24);
        yield scrape % 16 == checkpointPhase ? l * 0.35 : l;
      }
      case FINETUNE -> 0.12 + 0.75 * Math.max(0, Math.cos(2 * Math.PI * (hour - 17) / 24));
      case INFERENCE ->
          0.40 + 0.30 * Math.cos(2 * Math.PI * (hour - 18) / 24) + Rng.between(r, -0.05, 0.05);
      case IDLE -> 0;
    };
  }

  private static double tensorShare(Workload w) {
    return switch (w) {
      case PRETRAIN -> 0.55;
      case FINETUNE -> 0.45;
      case INFERENCE -> 0.30;
      case IDLE -> 0.10;
    };
  }

  private static double memoryShare(Workload w) {
    return switch (w) {
      case PRETRAIN -> 0.93;
      case FINETUNE -> 0.80;
      case INFERENCE -> 0.62;
      case IDLE -> 0;
    };
  }

  private static String driver(String slug) {
    return switch (slug) {
      case "aws" -> "570.133.20";
      case "azure" -> "550.144.03";
      case "gcp" -> "570.124.06";
      case "oci" -> "560.35.03";
      default -> "570.148.08";
    };
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }
}
