package dev.burnrate.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Files that must survive a power cut whole: journals, ledgers, plans, run records and metrics. A
 * file is written to a temporary file in the same folder, forced to disk, renamed over the target
 * in one step, and then the folder itself is forced, so that after a crash a reader finds either
 * the old content or the new one, never an empty or truncated file.
 */
public final class DurableFiles {
  private DurableFiles() {}

  /** Replaces {@code target} with {@code content}, creating its folder. */
  public static void write(Path target, byte[] content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(dir);
  }

  /**
   * Forces a folder's entries (files created, renamed or deleted in it) to disk: a folder opened
   * for reading and forced, as on Linux and macOS, where burnrate runs.
   */
  public static void syncDirectory(Path dir) throws IOException {
    force(dir);
  }

  /**
   * Forces every file and folder below {@code root} (itself included) to disk: for a tree written
   * by a library that does not (Spark's Parquet output) before it is published by a rename.
   */
  public static void syncTree(Path root) throws IOException {
    List<Path> all;
    try (Stream<Path> walk = Files.walk(root)) {
      all = walk.toList();
    }
    for (Path p : all) {
      if (Files.isDirectory(p) || Files.isRegularFile(p)) {
        force(p);
      }
    }
  }

  private static void force(Path p) throws IOException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
