package dev.burnrate.etl.ingest;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The local file system with one fault: once armed, the next rename into a given folder fails as a
 * full or failing disk would make it fail. Installed as {@code fs.file.impl} (uncached) on a Hadoop
 * configuration, so that the code under test opens it as its ordinary file system.
 */
public final class FailingRenameFileSystem extends LocalFileSystem {
  private static volatile String failInto;

  /** Makes the next rename whose destination is below {@code dir} throw. */
  static void armFor(java.nio.file.Path dir) {
    failInto = dir.toUri().getPath();
  }

  static void install(Configuration conf) {
    conf.set("fs.file.impl", FailingRenameFileSystem.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
  }

  static void uninstall(Configuration conf) {
    failInto = null;
    conf.unset("fs.file.impl");
    conf.unset("fs.file.impl.disable.cache");
  }

  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    String prefix = failInto;
    if (prefix != null && dst.toUri().getPath().startsWith(prefix)) {
      failInto = null;
      throw new IOException("injected fault: cannot rename " + src + " to " + dst);
    }
    return super.rename(src, dst);
  }
}
