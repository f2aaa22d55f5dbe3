package dev.burnrate.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The one mode of the files burnrate publishes for people and tools to read, the warehouse and the
 * PDFs: {@code 0640} ({@value #MODE}). The job's user writes them, its group reads them (an analyst
 * running {@code burnrate sql}, a mailer or a web server given the group), nobody else does.
 *
 * <p>It is set explicitly, before the file is renamed into place, because the umask alone gave two
 * modes: DuckDB creates its file with {@code 0666 & ~umask} (0644 under the usual 022) and {@code
 * Files.createTempFile} with 0600. docs/operations.md, "File modes".
 */
public final class OutputFileMode {
  /** The mode, as {@code ls -l} shows it. */
  public static final String MODE = "rw-r-----";

  private static final Set<PosixFilePermission> PERMISSIONS = PosixFilePermissions.fromString(MODE);

  private OutputFileMode() {}

  /** Gives {@code file} the mode; a file system without POSIX permissions is left alone. */
  public static void apply(Path file) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view != null) {
      view.setPermissions(PERMISSIONS);
    }
  }
}
