package dev.burnrate.storage;

import dev.burnrate.core.io.FileTrees;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * What stands where a copy is to go, in staging or landing: a key that was a file can become a
 * folder in a later listing ({@code a}, then {@code a/b}) and a folder a file. {@link
 * ObjectKeys#safe} keeps one listing free of such clashes; these clear the remains of an earlier
 * one.
 */
final class LandingPaths {
  private LandingPaths() {}

  /**
   * Makes {@code target}'s folder below {@code root} and removes whatever stands in its way there:
   * a file where a folder has to be, a folder where the file goes. For staging, which holds nothing
   * but this pull's own downloads.
   */
  static void clearWay(Path root, Path target) throws IOException {
    for (Path p = target.getParent(); p != null && p.startsWith(root) && !p.equals(root); ) {
      if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        Files.delete(p);
      }
      p = p.getParent();
    }
    Files.createDirectories(target.getParent());
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      FileTrees.delete(target);
    }
  }

  /**
   * Removes the folder tree at {@code target} when it holds folders only (what deleting the copies
   * of keys {@code a/b...} leaves), so that the file {@code a} can move there. A file in it is
   * nothing the pull landed; it stays, and the move fails naming the folder.
   */
  static void removeEmptyFolders(Path target) throws IOException {
    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var files = Files.walk(target)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          throw new DirectoryNotEmptyException(
              target + " (a folder where a file is to land) holds " + p);
        }
        Files.delete(p);
      }
    }
  }
}
