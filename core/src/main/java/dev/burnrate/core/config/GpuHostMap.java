package dev.burnrate.core.config;

import dev.burnrate.core.BurnrateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A telemetry source's host-to-instance map ({@code options.host_map} in pipeline.yaml): a CSV with
 * the header {@code hostname,instance_id}, one host a line. It joins telemetry whose host name the
 * bill does not carry: an OCI host to its instance OCID, an AWS {@code ip-10-0-1-2} host to its
 * instance id. The warehouse reads it on every build (src.gpu_host_map), so an edit applies without
 * re-ingesting telemetry. Read and checked when the configuration loads: a malformed line is an
 * exit-2 error naming the file and line.
 */
public final class GpuHostMap {
  /** The source option that names the file (relative to the conf folder unless absolute). */
  public static final String OPTION = "host_map";

  static final String HEADER = "hostname,instance_id";

  /** One mapped host. */
  public record Entry(String hostname, String instanceId) {}

  private GpuHostMap() {}

  /** The telemetry source's map file, if it names one. */
  public static Optional<Path> file(Path confDir, SourceConfig s) {
    return s.telemetryOptions().hostMap().map(v -> confDir.resolve(v).normalize());
  }

  /** Reads and checks the map; hosts compare case-insensitively, so each is named once. */
  public static List<Entry> read(Path file, String sourceName) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw BurnrateException.config(
          file
              + ": cannot read the host map of source '"
              + sourceName
              + "' (options."
              + OPTION
              + ")");
    }
    String header = lines.isEmpty() ? "" : lines.get(0).replace("\uFEFF", "").strip();
    if (!header.equalsIgnoreCase(HEADER)) {
      throw BurnrateException.config(file + ":1: the header must be '" + HEADER + "'");
    }
    List<Entry> entries = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(",", -1);
      int no = i + 1;
      if (f.length != 2 || f[0].isBlank() || f[1].isBlank()) {
        throw BurnrateException.config(
            file + ":" + no + ": expected 'hostname,instance_id', both non-empty: '" + line + "'");
      }
      String host = f[0].strip();
      Integer before = seen.put(host.toLowerCase(Locale.ROOT), no);
      if (before != null) {
        throw BurnrateException.config(
            file + ":" + no + ": host '" + host + "' is already mapped on line " + before);
      }
      entries.add(new Entry(host, f[1].strip()));
    }
    return entries;
  }
}
