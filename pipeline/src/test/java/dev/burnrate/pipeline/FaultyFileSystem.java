package dev.burnrate.pipeline;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system with the faults of the fault suite, set by system properties so that a
 * child process can be given them on its command line. Spark reads {@code spark.hadoop.*} system
 * properties into its Hadoop configuration, so {@link #properties} installs it as the ingest's
 * {@code file:} file system (uncached, so every Spark and publish call opens this one):
 *
 * <ul>
 *   <li>{@value #DISK_BYTES}: the disk is full after this many bytes written through the file
 *       system (summed over every file of the process): the write that passes it throws {@code
 *       IOException("No space left on device")}, as the kernel's ENOSPC reads in Java;
 *   <li>{@value #HALT_RENAME_INTO}: a rename into this folder halts the process at once (exit 137,
 *       no finally block, no shutdown hook), as a power cut or a SIGKILL would.
 * </ul>
 */
public final class FaultyFileSystem extends LocalFileSystem {
  static final String DISK_BYTES = "burnrate.fault.disk-bytes";
  static final String HALT_RENAME_INTO = "burnrate.fault.halt-rename-into";
  static final int HALTED = 137;

  private static final AtomicLong WRITTEN = new AtomicLong();

  /**
   * The system properties that install this file system with {@code fault} set to {@code value}.
   */
  static java.util.Map<String, String> properties(String fault, String value) {
    return java.util.Map.of(
        "spark.hadoop.fs.file.impl",
        FaultyFileSystem.class.getName(),
        "spark.hadoop.fs.file.impl.disable.cache",
        "true",
        fault,
        value);
  }

  /** Starts the byte count of {@link #DISK_BYTES} again. */
  static void resetWritten() {
    WRITTEN.set(0);
  }

  @Override
  public FSDataOutputStream create(
      Path f,
      FsPermission permission,
      boolean overwrite,
      int bufferSize,
      short replication,
      long blockSize,
      Progressable progress)
      throws IOException {
    FSDataOutputStream out =
        super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
    String limit = System.getProperty(DISK_BYTES);
    return limit == null
        ? out
        : new FSDataOutputStream(new Filling(out, Long.parseLong(limit)), null);
  }

  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    String into = System.getProperty(HALT_RENAME_INTO);
    if (into != null && dst.toUri().getPath().startsWith(into)) {
      Runtime.getRuntime().halt(HALTED);
    }
    return super.rename(src, dst);
  }

  /** A stream that fails as a full disk does once the process has written {@code limit} bytes. */
  private static final class Filling extends FilterOutputStream {
    private final long limit;

    Filling(OutputStream out, long limit) {
      super(out);
      this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
      take(1);
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      take(len);
      out.write(b, off, len);
    }

    private void take(int n) throws IOException {
      if (WRITTEN.addAndGet(n) > limit) {
        throw new IOException("No space left on device");
      }
    }
  }
}
