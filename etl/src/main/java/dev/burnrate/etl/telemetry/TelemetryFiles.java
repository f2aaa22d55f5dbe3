package dev.burnrate.etl.telemetry;

import dev.burnrate.core.BurnrateException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * The files behind a telemetry source's glob, listed through Hadoop's FileSystem (local, HDFS or
 * object store) with java.nio glob rules ({@code **} crosses folders), as the billing ingest does.
 */
final class TelemetryFiles {
  private TelemetryFiles() {}

  /** One input file. */
  record InputFile(String path, long bytes, String sha256) {}

  static List<InputFile> list(Configuration conf, String glob) {
    int firstGlob = indexOfGlob(glob);
    String base = firstGlob < 0 ? glob : glob.substring(0, glob.lastIndexOf('/', firstGlob) + 1);
    Path basePath = new Path(base.isEmpty() ? "." : base);
    try {
      FileSystem fs = basePath.getFileSystem(conf);
      List<InputFile> out = new ArrayList<>();
      if (!fs.exists(basePath)) {
        return out;
      }
      String pattern =
          fs.makeQualified(new Path(glob.endsWith("/") ? glob + "**" : glob)).toUri().getPath();
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(fs.makeQualified(basePath), true);
      while (it.hasNext()) {
        LocatedFileStatus st = it.next();
        String name = st.getPath().getName();
        if (name.startsWith(".") || name.startsWith("_") || name.endsWith(".crc")) {
          continue;
        }
        String p = st.getPath().toUri().getPath();
        if (firstGlob >= 0 && !matcher.matches(java.nio.file.Path.of(p))) {
          continue;
        }
        out.add(new InputFile(st.getPath().toString(), st.getLen(), sha256(fs, st.getPath())));
      }
      out.sort((a, b) -> a.path().compareTo(b.path()));
      return out;
    } catch (IOException e) {
      throw BurnrateException.input("cannot list " + glob + ": " + e.getMessage());
    }
  }

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

  private static int indexOfGlob(String s) {
    for (int i = 0; i < s.length(); i++) {
      if ("*?[{".indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static String sha256(FileSystem fs, Path path) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buf = new byte[1 << 16];
    try (InputStream in = fs.open(path)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** A path as the lake and the manifest show it: no file: scheme, no URL escapes. */
  static String clean(String uriOrPath) {
    if (uriOrPath.startsWith("file:")) {
      return java.net.URI.create(uriOrPath.replace(" ", "%20")).getPath();
    }
    return uriOrPath;
  }
}
