package dev.burnrate.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a durable write leaves: the new content under the target's name and nothing else, whatever a
 * crashed writer left before. (That the data reaches the disk before the rename is the
 * FileChannel.force call, which no test without a power cut can observe.)
 */
class DurableFilesTest {
  @TempDir Path dir;

  @Test
  void replacesTheFileAndLeavesNoTemporaryFile() throws Exception {
    Path target = dir.resolve("pull/aws.json");
    DurableFiles.write(target, "{\"v\":1}".getBytes(StandardCharsets.UTF_8));
    // a writer killed midway left an empty temporary file: the next write replaces it
    Files.write(dir.resolve("pull/.aws.json.tmp"), new byte[0]);
    DurableFiles.write(target, "{\"v\":2}".getBytes(StandardCharsets.UTF_8));

    assertEquals("{\"v\":2}", Files.readString(target));
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertEquals(List.of(target), files.toList());
    }
  }

  @Test
  void forcesATreeOfFilesAndFolders() throws Exception {
    Path unit = Files.createDirectories(dir.resolve("staging/run/cost/x_Source=a"));
    Files.writeString(unit.resolve("part-0.parquet"), "PAR1");
    DurableFiles.syncTree(dir.resolve("staging"));
    assertEquals("PAR1", Files.readString(unit.resolve("part-0.parquet")));
  }
}
