package dev.burnrate.etl.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV header is read within bounds: at most 4,096 columns and a first line of at most 1 Mi
 * characters. Beyond them the file is an input error (exit 3) naming the file and the reason, never
 * a parser's stack trace, and the driver never holds more than 1 Mi characters of it.
 */
class SourceFilesHeaderTest {
  private final Configuration conf = new Configuration();

  @TempDir Path dir;

  /** Names c1..cN joined by commas: "c1,c2,...". */
  private static String header(int columns) {
    StringJoiner h = new StringJoiner(",");
    for (int i = 1; i <= columns; i++) {
      h.add("c" + i);
    }
    return h.toString();
  }

  @Test
  void aHeaderOfExactly4096ColumnsIsRead() throws Exception {
    Path file = dir.resolve("wide.csv");
    Files.writeString(file, header(4096) + "\n");

    List<String> h = SourceFiles.csvHeader(conf, file.toString());

    assertEquals(4096, h.size());
    assertEquals("c4096", h.get(4095));
  }

  @Test
  void aHeaderOfMoreThan4096ColumnsIsAnInputErrorNamingTheFile() throws Exception {
    Path file = dir.resolve("too-wide.csv");
    Files.writeString(file, header(4097) + "\n1\n");

    BurnrateException e =
        assertThrows(BurnrateException.class, () -> SourceFiles.csvHeader(conf, file.toString()));

    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertEquals(
        file
            + ": line 1: the header has more than 4,096 columns, more than any export burnrate"
            + " reads",
        e.getMessage());
  }

  /** A single header cell of exactly 1,048,576 characters is the longest first line read. */
  @Test
  void aFirstLineOfExactly1MiCharactersIsRead() throws Exception {
    Path file = dir.resolve("long-name.csv");
    Files.writeString(file, "x".repeat(1 << 20) + "\n");

    List<String> h = SourceFiles.csvHeader(conf, file.toString());

    assertEquals(1, h.size());
    assertEquals(1 << 20, h.get(0).length());
  }

  /** A header cell of 1 MiB and one character: the line is over the bound. */
  @Test
  void aHeaderCellOverOneMebibyteIsAnInputErrorNamingTheFile() throws Exception {
    Path file = dir.resolve("long-cell.csv");
    Files.writeString(file, "BilledCost," + "x".repeat((1 << 20) + 1) + "\n");

    BurnrateException e =
        assertThrows(BurnrateException.class, () -> SourceFiles.csvHeader(conf, file.toString()));

    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertEquals(
        file
            + ": line 1: longer than 1048576 characters (1 MiB), not a header: the file is not an"
            + " export burnrate reads",
        e.getMessage());
  }

  /**
   * A gzip file of about 250 KB whose first line decompresses to 256 MiB without a line break: the
   * read stops after 1 Mi characters, an input error. Read whole (as before the bound), the line
   * took 512 MiB of the driver's heap as a Java string, and then failed in the CSV parser with exit
   * 1.
   */
  @Test
  void aFirstLineThatDecompressesToHundredsOfMebibytesIsNotReadWhole() throws Exception {
    Path gz = dir.resolve("bomb.csv.gz");
    byte[] block = "y".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      for (int i = 0; i < 256; i++) {
        out.write(block);
      }
      out.write('\n');
    }
    assertTrue(Files.size(gz) < 1 << 20, Files.size(gz) + " bytes compressed");

    BurnrateException e =
        assertThrows(BurnrateException.class, () -> SourceFiles.csvHeader(conf, gz.toString()));

    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(e.getMessage().startsWith(gz + ": line 1: longer than 1048576 characters"));
  }
}
