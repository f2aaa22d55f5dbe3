package dev.burnrate.etl.telemetry;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes staged lake/gpu day folders the way the cost lake is published: the list of folder
 * moves is journaled in the run's staging folder first ({@code publish-journal.json}, the same
 * format the billing ingest writes and recovers), then carried out. The day folder a re-delivery
 * replaces is moved into the run's staging folder and removed with it.
 */
final class TelemetryPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(TelemetryPublisher.class);
  static final String JOURNAL = "publish-journal.json";

  private final Configuration conf;
  private final ObjectMapper json = new ObjectMapper();

  TelemetryPublisher(Configuration conf) {
    this.conf = conf;
  }

  /** One folder move. */
  record Move(@JsonProperty("from") String from, @JsonProperty("to") String to) {}

  void publish(Path stagingRun, List<Move> moves) {
    write(new Path(stagingRun, JOURNAL), moves);
    apply(moves);
  }

  /** Finishes the moves of journals an interrupted run left, then removes stale staging. */
  void recover(Path stagingRoot) {
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

  boolean exists(Path p) {
    try {
      return p.getFileSystem(conf).exists(p);
    } catch (IOException e) {
      throw new BurnrateException(ExitCode.FAILURE, "cannot read " + p + ": " + e, e);
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

  void write(Path file, Object value) {
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

  /** The text of a small file, or null when it does not exist. */
  String readText(Path file) {
    try {
      FileSystem fs = file.getFileSystem(conf);
      if (!fs.exists(file)) {
        return null;
      }
      try (InputStream in = fs.open(file)) {
        return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
      }
    } catch (IOException e) {
      throw new BurnrateException(ExitCode.FAILURE, "cannot read " + file + ": " + e, e);
    }
  }

  void writeText(Path file, String text) {
    try {
      FileSystem fs = file.getFileSystem(conf);
      fs.setWriteChecksum(false);
      fs.mkdirs(file.getParent());
      try (OutputStream out = fs.create(file, true)) {
        out.write((text + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new BurnrateException(ExitCode.FAILURE, "cannot write " + file + ": " + e, e);
    }
  }

  void deleteQuietly(Path p) {
    try {
      p.getFileSystem(conf).delete(p, true);
    } catch (IOException e) {
      LOG.warn("could not remove {}: {}", p, e.getMessage());
    }
  }
}
