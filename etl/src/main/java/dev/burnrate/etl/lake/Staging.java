package dev.burnrate.etl.lake;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * A run's staging folder, {@code lake/_staging/<run_id>}: units are written there as Parquet
 * partition folders, read back to be checked, and published from there by {@link UnitPlan}'s moves.
 * The folder belongs to its run; it is removed when the run ends, or, when the run's publish did
 * not finish, by the next run once it has completed that publish ({@link LakePublisher#recover}).
 */
public final class Staging {
  private final Configuration hadoop;
  private final Path root;

  Staging(Configuration hadoop, Path root) {
    this.hadoop = hadoop;
    this.root = root;
  }

  Path root() {
    return root;
  }

  /** A folder of the run's staging. */
  public Path folder(String name) {
    return new Path(root, name);
  }

  /**
   * Writes rows as Parquet below the staging folder {@code name}, one sub-folder per value of each
   * partition column (in order), and returns that folder.
   */
  public Path write(Dataset<Row> rows, String name, SaveMode mode, String... partitions) {
    Path dir = folder(name);
    rows.write().mode(mode).partitionBy(partitions).parquet(dir.toString());
    return dir;
  }

  /** True when a staged folder holds a Parquet file: nothing is staged when no row was left. */
  public boolean holdsParquet(Path dir) {
    try {
      FileSystem fs = dir.getFileSystem(hadoop);
      if (!fs.exists(dir)) {
        return false;
      }
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
      while (it.hasNext()) {
        if (it.next().getPath().getName().endsWith(".parquet")) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new BurnrateException(ExitCode.FAILURE, "cannot list " + dir + ": " + e, e);
    }
  }

  /** The path of a staged leaf folder below the staged folder {@code dir}, as the lake takes it. */
  public String relative(Path dir, Path leaf) {
    String base;
    try {
      base = dir.getFileSystem(hadoop).makeQualified(dir).toUri().getPath();
    } catch (IOException e) {
      throw new BurnrateException(ExitCode.FAILURE, "cannot open " + dir, e);
    }
    String path = leaf.toUri().getPath();
    if (!path.startsWith(base + "/")) {
      throw new IllegalStateException(leaf + " is not below " + dir);
    }
    return path.substring(base.length() + 1);
  }
}
