package dev.burnrate.etl.telemetry;

import dev.burnrate.core.BurnrateException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * Reading helpers of the telemetry ingest; its files are listed by the billing ingest's {@link
 * dev.burnrate.etl.lake.SourceFiles}.
 */
final class TelemetryFiles {
  private TelemetryFiles() {}

  /** The first line of a (possibly compressed) text file, without a byte-order mark. */
  static String firstLine(Configuration conf, String file) {
    Path path = new Path(file);
    try {
      FileSystem fs = path.getFileSystem(conf);
      CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
      try (InputStream raw = fs.open(path);
          InputStream in = codec == null ? raw : codec.createInputStream(raw);
          BufferedReader r =
              new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line = r.readLine();
        if (line == null) {
          return "";
        }
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
      }
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
