package dev.burnrate.etl.lake;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes staged lake units with a journal: the list of folder moves is written first, then
 * carried out. A run that dies midway leaves the journal behind, and the next run finishes the
 * moves before it does anything else, so the lake never stays with a unit missing or doubled. The
 * billing ingest publishes cost units with it, the telemetry ingest lake/gpu day folders; both
 * write their run records (lake/_runs) with {@link #write}.
 */
public final class LakePublisher {
  private static final Logger LOG = LoggerFactory.getLogger(LakePublisher.class);
  static final String JOURNAL = "publish-journal.json";
  static final String UNIT_FILE = "_unit.json";

  private final Configuration conf;
  private final ObjectMapper json = new ObjectMapper();

  public LakePublisher(Configuration conf) {
    this.conf = conf;
  }

  /** One folder move. */
  record Move(@JsonProperty("from") String from, @JsonProperty("to") String to) {}

  /** What a published unit folder says about itself. */
  record UnitInfo(
      @JsonProperty("run_id") String runId,
      @JsonProperty("fingerprint") String fingerprint,
      @JsonProperty("files") List<String> files) {}

  UnitInfo readUnit(Path unitDir) {
    try {
      FileSystem fs = unitDir.getFileSystem(conf);
      Path f = new Path(unitDir, UNIT_FILE);
      if (!fs.exists(f)) {
        return null;
      }
      try (InputStream in = fs.open(f)) {
        return json.readValue(in, UnitInfo.class);
      }
    } catch (IOException e) {
      throw new BurnrateException(ExitCode.FAILURE, "cannot read " + unitDir + ": " + e, e);
    }
  }

  void writeUnit(Path unitDir, UnitInfo info) {
    write(new Path(unitDir, UNIT_FILE), info);
  }

  /** Writes the journal, then carries out every move in order. */
  void publish(Path stagingRun, List<Move> moves) {
    write(new Path(stagingRun, JOURNAL), moves);
    apply(moves);
  }

  /** Finishes the moves of any journal an earlier run left, then removes stale staging. */
  public void recover(Path stagingRoot) {
    try {
      FileSystem fs = stagingRoot.getFileSystem(conf);
      if (!fs.exists(stagingRoot)) {
        return;
      }
      for (FileStatus run : fs.listStatus(stagingRoot)) {
        Path journal = new Path(run.getPath(), JOURNAL);
        if (fs.exists(journal)) {
          List<Move> moves;
          try (InputStream in = fs.open(journal)) {
            moves = List.of(json.readValue(in, Move[].class));
          }
          LOG.warn(
              "finishing the publish of interrupted run {} ({} moves)",
              run.getPath().getName(),
              moves.size());
          apply(moves);
        }
        fs.delete(run.getPath(), true);
      }
    } catch (IOException e) {
      throw new BurnrateException(ExitCode.FAILURE, "cannot recover " + stagingRoot + ": " + e, e);
    }
  }

  /** Throws unless every unit folder a run published holds data files. */
  void verifyPublished(List<Move> moves, Path costRoot) {
    String root = costRoot.toUri().getPath();
    for (Move m : moves) {
      Path to = new Path(m.to());
      if (to.toUri().getPath().startsWith(root + "/") && leaves(to).isEmpty()) {
        throw new BurnrateException(
            ExitCode.FAILURE,
            "published unit " + to + " holds no Parquet file: the publish is broken");
      }
    }
  }

  private void apply(List<Move> moves) {
    try {
      for (Move m : moves) {
        Path from = new Path(m.from());
        Path to = new Path(m.to());
        FileSystem fs = from.getFileSystem(conf);
        if (!fs.exists(from)) {
          continue; // done before an interruption
        }
        if (fs.exists(to)) {
          throw new BurnrateException(
              ExitCode.FAILURE, "cannot publish " + from + ": " + to + " already exists");
        }
        fs.mkdirs(to.getParent());
        if (!fs.rename(from, to)) {
          throw new BurnrateException(ExitCode.FAILURE, "cannot move " + from + " to " + to);
        }
      }
    } catch (IOException e) {
      throw new BurnrateException(ExitCode.FAILURE, "publish failed: " + e.getMessage(), e);
    }
  }

  /** Leaf folders (those holding data files) below {@code root}. */
  List<Path> leaves(Path root) {
    List<Path> out = new ArrayList<>();
    try {
      FileSystem fs = root.getFileSystem(conf);
      if (fs.exists(root)) {
        collect(fs, root, out);
      }
    } catch (IOException e) {
      throw new BurnrateException(ExitCode.FAILURE, "cannot list " + root + ": " + e, e);
    }
    return out;
  }

  private static void collect(FileSystem fs, Path dir, List<Path> out) throws IOException {
    boolean hasFiles = false;
    for (FileStatus st : fs.listStatus(dir)) {
      if (st.isDirectory()) {
        collect(fs, st.getPath(), out);
      } else if (st.getPath().getName().endsWith(".parquet")) {
        hasFiles = true;
      }
    }
    if (hasFiles) {
      out.add(dir);
    }
  }

  /**
   * Writes {@code value} as JSON to {@code file}, creating its folder, through a temporary file.
   */
  public void write(Path file, Object value) {
    try {
      FileSystem fs = file.getFileSystem(conf);
      fs.setWriteChecksum(false);
      fs.mkdirs(file.getParent());
      Path tmp = new Path(file.getParent(), "." + file.getName() + ".tmp");
      try (OutputStream out = fs.create(tmp, true)) {
        json.writerWithDefaultPrettyPrinter().writeValue(out, value);
      }
      fs.delete(file, false);
      if (!fs.rename(tmp, file)) {
        throw new IOException("rename to " + file + " failed");
      }
    } catch (IOException e) {
      throw new BurnrateException(ExitCode.FAILURE, "cannot write " + file + ": " + e, e);
    }
  }

  public boolean exists(Path p) {
    try {
      return p.getFileSystem(conf).exists(p);
    } catch (IOException e) {
      throw new BurnrateException(ExitCode.FAILURE, "cannot read " + p + ": " + e, e);
    }
  }

  /** The text of a small file, or null when it does not exist. */
  public String readText(Path file) {
    try {
      FileSystem fs = file.getFileSystem(conf);
      if (!fs.exists(file)) {
        return null;
      }
      try (InputStream in = fs.open(file)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      }
    } catch (IOException e) {
      throw new BurnrateException(ExitCode.FAILURE, "cannot read " + file + ": " + e, e);
    }
  }

  public void writeText(Path file, String text) {
    try {
      FileSystem fs = file.getFileSystem(conf);
      fs.setWriteChecksum(false);
      fs.mkdirs(file.getParent());
      try (OutputStream out = fs.create(file, true)) {
        out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new BurnrateException(ExitCode.FAILURE, "cannot write " + file + ": " + e, e);
    }
  }

  public void deleteQuietly(Path p) {
    try {
      p.getFileSystem(conf).delete(p, true);
    } catch (IOException e) {
      LOG.warn("could not remove {}: {}", p, e.getMessage());
    }
  }
}
