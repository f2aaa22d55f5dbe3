package dev.burnrate.tools;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmarks' one memory and time probe: the process's peak resident set (Linux's VmHWM, reset
 * through /proc/self/clear_refs), the JVM's heap peak (the memory pools' own peak usage), wall
 * seconds and the load average a figure was taken under.
 */
final class PeakMemory {
  private PeakMemory() {}

  /** Resets both peaks, so that the next reading covers only what follows. */
  static void reset() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    } catch (IOException | RuntimeException e) {
      // not Linux: the RSS peak then covers the whole process
    }
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  /** Peak resident set since the last {@link #reset} in KiB; the JVM's committed heap elsewhere. */
  static long rssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall through
    }
    return Runtime.getRuntime().totalMemory() / 1024;
  }

  /** Peak heap used since the last {@link #reset}, in MiB (the sum of the heap pools' peaks). */
  static long heapMb() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum / 1048576;
  }

  /** Seconds since {@code t0}, a {@link System#nanoTime} reading. */
  static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  /** The first three fields of /proc/loadavg (Linux), else "unknown". */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | ArrayIndexOutOfBoundsException e) {
      return "unknown";
    }
  }
}
