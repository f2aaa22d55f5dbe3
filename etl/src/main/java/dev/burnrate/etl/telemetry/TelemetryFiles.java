package dev.burnrate.etl.telemetry;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.etl.lake.SourceFiles;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;

/** Reading helpers of the telemetry ingest, beside the lake's {@link SourceFiles}. */
final class TelemetryFiles {
  private TelemetryFiles() {}

  /** The first line of a (possibly compressed) text file, without a byte-order mark. */
  static String firstLine(Configuration conf, String file) {
    try {
      String line = SourceFiles.firstLine(conf, file);
      return line == null ? "" : line;
    } catch (IOException e) {
      throw BurnrateException.input(file + ": line 1: cannot read: " + e.getMessage());
    }
  }

  /** A path as the lake and the manifest show it: no file: scheme, no URL escapes. */
  static String clean(String uriOrPath) {
    if (uriOrPath.startsWith("file:")) {
      return java.net.URI.create(uriOrPath.replace(" ", "%20")).getPath();
    }
    return uriOrPath;
  }
}
