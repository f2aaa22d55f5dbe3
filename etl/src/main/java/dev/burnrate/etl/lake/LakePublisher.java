package dev.burnrate.etl.lake;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import dev.burnrate.core.io.DurableFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes staged lake units with a journal: the list of folder moves is written first, then
 * carried out, then the journal is removed. A run that fails or dies midway leaves the journal
 * behind, and the next run finishes the moves before it does anything else, so the lake never stays
 * with a unit missing or doubled. On a local lake the staged files, the journal and every folder a
 * move touched are forced to disk, so that this holds after a power cut too. The billing ingest
 * publishes cost units with it, the telemetry ingest lake/gpu day folders; both write their run
 * records (lake/_runs) with {@link #write}.
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
      } catch (com.fasterxml.jackson.core.JacksonException e) {
        // left empty by a power cut before unit files were written durably: what the unit holds
        // is unknown, so it is published again from its inputs, its live version moved aside
        LOG.warn("{} is empty or cut short: the unit is published again", f);
        return new UnitInfo(null, "", List.of());
      }
    } catch (IOException e) {
      throw new BurnrateException(ExitCode.FAILURE, "cannot read " + unitDir + ": " + e, e);
    }
  }

  void writeUnit(Path unitDir, UnitInfo info) {
    write(new Path(unitDir, UNIT_FILE), info);
  }

  /**
   * Writes the journal, then carries out every move in order, then removes the journal. A publish
   * that fails or dies midway leaves its journal in {@code stagingRun}, for {@link #recover}.
   */
  void publish(Path stagingRun, List<Move> moves) {
    forceLocalTree(stagingRun); // the staged Parquet files, before any of them is published
    Path journal = new Path(stagingRun, JOURNAL);
    write(journal, moves);
    apply(moves);
    deleteOrFail(journal);
  }

  /** True when a publish started in {@code stagingRun} and did not finish. */
  boolean interrupted(Path stagingRun) {
    return exists(new Path(stagingRun, JOURNAL));
  }

  /**
   * Finishes the moves of any journal an earlier run left, then removes stale staging. Staging
   * folders belong to their run; every caller holds the data folder's lock (pipeline's {@code
   * Runs}), so no other live run owns one of them. A journal that cannot be read (empty or cut
   * short by a power cut before journals were written durably) stops the run with exit 3 and what
   * to do, leaving the folder as it is.
   */
  public void recover(Path stagingRoot) {
    try {
      FileSystem fs = stagingRoot.getFileSystem(conf);
      if (!fs.exists(stagingRoot)) {
        return;
      }
      for (FileStatus run : fs.listStatus(stagingRoot)) {
        Path journal = new Path(run.getPath(), JOURNAL);
        if (fs.exists(journal)) {
          List<Move> moves = readJournal(fs, journal);
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

  private List<Move> readJournal(FileSystem fs, Path journal) throws IOException {
    try (InputStream in = fs.open(journal)) {
      return List.of(json.readValue(in, Move[].class));
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new BurnrateException(
          ExitCode.BAD_INPUT,
          "the publish journal "
              + journal
              + " of an interrupted run is empty or cut short, so which unit folders it moved is"
              + " unknown: compare the run's folders there with lake/cost and lake/replaced"
              + " (docs/operations.md, 'Faults'), then remove "
              + journal.getParent()
              + " and run again");
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
        forceLocalFolder(from.getParent());
        forceLocalFolder(to.getParent());
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
   * Writes {@code value} as JSON to {@code file}, creating its folder, through a temporary file:
   * durably ({@link DurableFiles}) on a local lake.
   */
  public void write(Path file, Object value) {
    try {
      writeBytes(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
    } catch (IOException e) {
      throw new BurnrateException(ExitCode.FAILURE, "cannot write " + file + ": " + e, e);
    }
  }

  private void writeBytes(Path file, byte[] content) throws IOException {
    FileSystem fs = file.getFileSystem(conf);
    java.nio.file.Path local = local(fs, file);
    if (local != null) {
      DurableFiles.write(local, content);
      return;
    }
    fs.setWriteChecksum(false);
    fs.mkdirs(file.getParent());
    Path tmp = new Path(file.getParent(), "." + file.getName() + ".tmp");
    try (OutputStream out = fs.create(tmp, true)) {
      out.write(content);
    }
    fs.delete(file, false);
    if (!fs.rename(tmp, file)) {
      throw new IOException("rename to " + file + " failed");
    }
  }

  /** The local file of a lake path, or null when the lake is on another file system. */
  private static java.nio.file.Path local(FileSystem fs, Path p) {
    return fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem
        ? java.nio.file.Path.of(fs.makeQualified(p).toUri())
        : null;
  }

  private void forceLocalFolder(Path dir) throws IOException {
    java.nio.file.Path local = local(dir.getFileSystem(conf), dir);
    if (local != null && Files.isDirectory(local)) {
      DurableFiles.syncDirectory(local);
    }
  }

  private void forceLocalTree(Path root) {
    try {
      java.nio.file.Path local = local(root.getFileSystem(conf), root);
      if (local != null && Files.isDirectory(local)) {
        DurableFiles.syncTree(local);
      }
    } catch (IOException e) {
      throw new BurnrateException(ExitCode.FAILURE, "cannot force " + root + " to disk: " + e, e);
    }
  }

  private void deleteOrFail(Path p) {
    try {
      FileSystem fs = p.getFileSystem(conf);
      fs.delete(p, false);
      forceLocalFolder(p.getParent());
    } catch (IOException e) {
      throw new BurnrateException(ExitCode.FAILURE, "cannot remove " + p + ": " + e, e);
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
      writeBytes(file, (text + "\n").getBytes(StandardCharsets.UTF_8));
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
