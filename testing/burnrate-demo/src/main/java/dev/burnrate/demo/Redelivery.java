package dev.burnrate.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The restated month's re-delivery, as a bucket sync leaves it: the generator writes the restated
 * exports under {@code restated/}, and a re-delivery copies them over the data folder, beside (not
 * over) the first delivery's files where the provider names each delivery apart.
 */
public final class Redelivery {
  /** The folder of a generated data folder that holds the restated month's exports. */
  public static final String FOLDER = "restated";

  private Redelivery() {}

  /** Copies every file below {@code data/restated} to the same place below {@code data}. */
  public static void apply(Path data) throws IOException {
    Path from = data.resolve(FOLDER);
    if (!Files.isDirectory(from)) {
      return;
    }
    try (Stream<Path> s = Files.walk(from)) {
      for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
        Path target = data.resolve(from.relativize(f));
        Files.createDirectories(target.getParent());
        Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
