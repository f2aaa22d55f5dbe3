package dev.burnrate.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run at a time per data folder. The lock is an operating-system file lock on {@code
 * data_dir/.burnrate.lock}, so the kernel releases it when the holder dies, even by SIGKILL; the
 * file's content names the holder for the error message. A file left by a dead run is stale: the
 * next run finds it unlocked, says so, and takes it over.
 */
public final class RunLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);
  public static final String FILE = ".burnrate.lock";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Who holds the lock. */
  record Holder(
      @JsonProperty("pid") long pid,
      @JsonProperty("host") String host,
      @JsonProperty("started_at") String startedAt,
      @JsonProperty("command") String command) {}

  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock or throws (exit {@link ExitCode#LOCKED}) naming the holder. */
  public static RunLock acquire(Path dataDir, String command) {
    Path file = dataDir.resolve(FILE);
    try {
      Files.createDirectories(dataDir);
      FileChannel ch =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        lock = null; // this JVM already holds it (an in-process caller)
      }
      if (lock == null) {
        Holder h = read(file);
        ch.close();
        throw new BurnrateException(
            ExitCode.LOCKED,
            "another burnrate run holds "
                + file
                + (h == null
                    ? ""
                    : ": pid "
                        + h.pid()
                        + " on "
                        + h.host()
                        + ", '"
                        + h.command()
                        + "' started "
                        + h.startedAt())
                + "; nothing was done");
      }
      Holder previous = ch.size() > 0 ? read(file) : null;
      if (previous != null) {
        LOG.warn(
            "taking over a stale lock left by pid {} on {} ('{}', started {}): that run is gone",
            previous.pid(),
            previous.host(),
            previous.command(),
            previous.startedAt());
      }
      Holder me =
          new Holder(ProcessHandle.current().pid(), host(), Instant.now().toString(), command);
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(JSON.writeValueAsBytes(me)), 0);
      ch.force(true);
      return new RunLock(ch, lock);
    } catch (IOException e) {
      throw new BurnrateException(
          ExitCode.FAILURE, "cannot lock " + file + ": " + e.getMessage(), e);
    }
  }

  private static Holder read(Path file) {
    try {
      String s = Files.readString(file, StandardCharsets.UTF_8).trim();
      return s.isEmpty() ? null : JSON.readValue(s, Holder.class);
    } catch (IOException e) {
      return null;
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }

  /** Releases the lock and empties the file, so the next run sees no stale holder. */
  @Override
  public void close() {
    try {
      channel.truncate(0);
      lock.release();
      channel.close();
    } catch (IOException e) {
      LOG.warn("could not release the run lock: {}", e.getMessage());
    }
  }
}
