package dev.burnrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burnrate.core.OutputFileMode;
import dev.burnrate.core.testing.ConsoleRun;
import dev.burnrate.core.testing.PipelineYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warehouse and the PDF are published with one deliberate mode, 0640 (docs/operations.md, "File
 * modes"), whatever the umask: before, DuckDB's file followed the umask (0644 under 022) and the
 * PDF was 0600.
 */
class FileModesTest {
  @TempDir Path dir;

  @Test
  void theWarehouseAndThePdfAreBoth0640() throws Exception {
    Path conf = PipelineYaml.dataDir("..").writeTo(dir.resolve("conf"));

    ConsoleRun warehouse =
        ConsoleRun.of(
            Burnrate::execute, "warehouse", "--conf", conf.toString(), "--date", "2026-10-31");
    assertEquals(0, warehouse.exitCode(), warehouse.err());
    ConsoleRun report =
        ConsoleRun.of(
            Burnrate::execute, "report", "--conf", conf.toString(), "--date", "2026-10-31");
    assertEquals(0, report.exitCode(), report.err());

    assertEquals("rw-r-----", OutputFileMode.MODE);
    assertEquals("rw-r-----", mode(dir.resolve("warehouse/burnrate.duckdb")));
    assertEquals("rw-r-----", mode(dir.resolve("reports/executive-summary-2026-10-31.pdf")));
  }

  private static String mode(Path file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }
}
