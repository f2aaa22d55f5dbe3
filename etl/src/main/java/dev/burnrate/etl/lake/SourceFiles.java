package dev.burnrate.etl.lake;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.ObjectStorePath;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.PullPlan;
import dev.burnrate.core.config.SourceConfig;
import dev.burnrate.core.config.StorageMode;
import dev.burnrate.core.config.StorageOptions;
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
import java.util.Arrays;
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
 * The files behind a source's glob, through Hadoop's FileSystem so that the same code lists a local
 * folder, HDFS or an object store. Globs follow java.nio rules: {@code **} crosses folders. A
 * source in {@link StorageMode#DIRECT} mode is not listed: its files are the objects its {@link
 * PullPlan} names, read through S3A, each identified by its entity tag instead of a hash of its
 * bytes (so no object is read twice).
 */
public final class SourceFiles {
  private static final String S3A = "fs.s3a.";

  /**
   * S3A's credential chain for a direct source, unless the operator set one: Hadoop's session and
   * static keys (only when set by whoever starts the job, never from conf/), then the AWS SDK's
   * default chain (environment, system properties, web identity, profile files, container and
   * instance roles), as the pull step uses.
   */
  private static final String CREDENTIALS =
      "org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider,"
          + "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider,"
          + "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider";

  private SourceFiles() {}

  /**
   * One input file.
   *
   * @param path what Spark opens
   * @param bytes its size
   * @param sha256 its identity: the SHA-256 of its bytes, or {@code etag:<entity tag>} for an
   *     object read from the store directly
   * @param kind how it is parsed
   * @param modified when it was last written, epoch milliseconds (newest delivery wins)
   */
  public record InputFile(String path, long bytes, String sha256, FileKind kind, long modified) {
    InputFile(String path, long bytes, String sha256, FileKind kind) {
      this(path, bytes, sha256, kind, 0L);
    }
  }

  /** A local file's plain path, or the full URI of a remote one, as x_SourceFile holds it. */
  public static String clean(String hadoopPath) {
    Path p = new Path(hadoopPath);
    String scheme = p.toUri().getScheme();
    return scheme == null || scheme.equals("file") ? p.toUri().getPath() : p.toString();
  }

  /** How a file is parsed. */
  public enum FileKind {
    CSV,
    PARQUET,
    /** Newline-delimited JSON (.json, .jsonl, .ndjson, optionally compressed). */
    JSON
  }

  /**
   * A source's input files: those its plan names in direct mode (S3A set up for its bucket from the
   * source's storage options), else the files its resolved glob matches.
   */
  public static List<InputFile> of(Configuration conf, PipelineConfig cfg, SourceConfig src) {
    if (cfg.storageMode(src) != StorageMode.DIRECT) {
      return list(conf, cfg.resolveSourcePath(src));
    }
    ObjectStorePath store = ObjectStorePath.parse(src.path()).orElseThrow();
    configureS3a(conf, store.container(), cfg.storageOptions(src));
    List<InputFile> out = new ArrayList<>();
    for (PullPlan.Entry e : PullPlan.read(cfg, src).objects()) {
      out.add(
          new InputFile(
              e.uri(),
              e.size(),
              "etag:" + e.etag(),
              kindOf(new Path(e.uri()).getName()),
              e.lastModified().toEpochMilli()));
    }
    out.sort((a, b) -> a.path().compareTo(b.path()));
    return out;
  }

  /**
   * S3A's per-bucket settings ({@code fs.s3a.bucket.<bucket>.*}) from the source's storage options:
   * endpoint, path-style access, region. They travel with the job's Hadoop configuration to the
   * executors. Credentials are never among them.
   */
  static void configureS3a(Configuration conf, String bucket, StorageOptions options) {
    String per = S3A + "bucket." + bucket + ".";
    if (options.endpoint() != null) {
      conf.set(per + "endpoint", options.endpoint());
    }
    conf.set(per + "path.style.access", String.valueOf(options.pathStyle()));
    String region = options.region();
    if (region == null) {
      region = System.getenv().getOrDefault("AWS_REGION", System.getenv("AWS_DEFAULT_REGION"));
    }
    conf.set(per + "endpoint.region", region == null ? "us-east-1" : region);
    String providers = S3A + "aws.credentials.provider";
    if (conf.get(per + "aws.credentials.provider") == null && !setByOperator(conf, providers)) {
      conf.set(per + "aws.credentials.provider", CREDENTIALS);
    }
  }

  private static boolean setByOperator(Configuration conf, String key) {
    String[] sources = conf.getPropertySources(key);
    return sources != null
        && java.util.Arrays.stream(sources).anyMatch(s -> !s.endsWith("-default.xml"));
  }

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
      Path qualifiedBase = fs.makeQualified(basePath);
      String pattern =
          fs.makeQualified(new Path(glob.endsWith("/") ? glob + "**" : glob)).toUri().getPath();
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(qualifiedBase, true);
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
        out.add(
            new InputFile(
                st.getPath().toString(),
                st.getLen(),
                sha256(fs, st.getPath()),
                kindOf(name),
                st.getModificationTime()));
      }
      out.sort((a, b) -> a.path().compareTo(b.path()));
      return out;
    } catch (IOException e) {
      throw BurnrateException.input("cannot list " + glob + ": " + e.getMessage());
    }
  }

  /** The kind a file name shows (compression suffixes aside); CSV unless Parquet or JSON. */
  static FileKind kindOf(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT).replaceFirst("\\.(gz|bz2|zst|deflate)$", "");
    if (n.endsWith(".parquet")) {
      return FileKind.PARQUET;
    }
    if (n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".ndjson")) {
      return FileKind.JSON;
    }
    return FileKind.CSV;
  }

  private static int indexOfGlob(String s) {
    for (int i = 0; i < s.length(); i++) {
      if ("*?[{".indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  static String sha256(FileSystem fs, Path path) throws IOException {
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

  /**
   * The longest first line read, in characters: 1 Mi, room for a header of {@link
   * #MAX_HEADER_COLUMNS} names of 256 characters. A file whose first line is longer is not an
   * export (a header cell over 1 MiB included), and reading on would hold its whole first line,
   * which may decompress to gigabytes, in the driver's memory.
   */
  public static final int MAX_FIRST_LINE_CHARS = 1 << 20;

  /** The most columns a CSV header may have. */
  public static final int MAX_HEADER_COLUMNS = 4096;

  /**
   * The first line of a text file (decompressed when needed), without a byte-order mark; null for
   * an empty file. At most {@link #MAX_FIRST_LINE_CHARS} characters are read: a longer first line
   * is an input error naming the file.
   */
  public static String firstLine(Configuration conf, String file) throws IOException {
    Path path = new Path(file);
    FileSystem fs = path.getFileSystem(conf);
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
    try (InputStream raw = fs.open(path);
        InputStream in = codec == null ? raw : codec.createInputStream(raw);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      StringBuilder line = new StringBuilder();
      int c = r.read();
      if (c < 0) {
        return null;
      }
      for (; c >= 0 && c != '\n' && c != '\r'; c = r.read()) {
        if (line.length() == MAX_FIRST_LINE_CHARS) {
          throw BurnrateException.input(
              clean(file)
                  + ": line 1: longer than "
                  + MAX_FIRST_LINE_CHARS
                  + " characters (1 MiB), not a header: the file is not an export burnrate reads");
        }
        line.append((char) c);
      }
      return line.length() > 0 && line.charAt(0) == '\uFEFF' ? line.substring(1) : line.toString();
    }
  }

  /**
   * The header of a CSV file (decompressed when needed), without a byte-order mark: at most {@link
   * #MAX_HEADER_COLUMNS} columns, its line at most {@link #MAX_FIRST_LINE_CHARS} characters.
   */
  public static List<String> csvHeader(Configuration conf, String file) {
    try {
      String line = firstLine(conf, file);
      if (line == null || line.isBlank()) {
        throw BurnrateException.input(clean(file) + ": line 1: empty file, no header");
      }
      CsvParserSettings settings = new CsvParserSettings();
      settings.setMaxColumns(MAX_HEADER_COLUMNS);
      settings.setMaxCharsPerColumn(MAX_FIRST_LINE_CHARS);
      String[] cols;
      try {
        cols = new CsvParser(settings).parseLine(line);
      } catch (TextParsingException e) {
        // the line is within MAX_FIRST_LINE_CHARS, so no cell can be longer: too many columns
        throw BurnrateException.input(
            clean(file)
                + ": line 1: the header has more than "
                + String.format("%,d", MAX_HEADER_COLUMNS)
                + " columns, more than any export burnrate reads");
      }
      return Arrays.stream(cols).map(c -> c == null ? "" : c.trim()).toList();
    } catch (java.io.EOFException e) {
      throw BurnrateException.input(
          SourceFiles.clean(file)
              + ": cannot read: the compressed file is truncated ("
              + e.getMessage()
              + ")");
    } catch (IOException e) {
      throw BurnrateException.input(
          SourceFiles.clean(file) + ": cannot read the header: " + e.getMessage());
    }
  }
}
