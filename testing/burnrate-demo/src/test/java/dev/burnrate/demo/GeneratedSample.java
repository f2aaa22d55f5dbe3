package dev.burnrate.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One small generated data set shared by the test classes (generated once per JVM): 40 days ending
 * 2026-03-10, so the window holds a partial January, a closed February (restated) and an open
 * March; one day of telemetry.
 */
final class GeneratedSample {
  static final LocalDate END = LocalDate.of(2026, 3, 10);
  static final int DAYS = 40;
  static final long SEED = 7;

  private static Path out;
  private static Totals totals;

  private GeneratedSample() {}

  /** Every provider as native FOCUS files (the FOCUS dialect tests read them). */
  static Generator.Options options(Path dir) {
    return nativeOptions(dir).focusOnly();
  }

  /** The same fleet and window in the providers' native export formats. */
  static Generator.Options nativeOptions(Path dir) {
    return new Generator.Options(dir, 1, SEED, END, DAYS, 1);
  }

  static synchronized Path out() {
    if (out == null) {
      try {
        Path root = Files.createTempDirectory("burnrate-generate-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
        out = root.resolve("out");
        totals = Generator.generate(options(out));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  static Totals totals() {
    out();
    return totals;
  }

  static void delete(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp folder
    }
  }
}
