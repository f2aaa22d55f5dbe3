package dev.burnrate.warehouse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@link WarehouseBuilder#build} published.
 *
 * @param warehouseFile the live warehouse file, now holding this build
 * @param models SQL models built (views and tables)
 * @param testsRun data tests run, all of which passed
 * @param warnings the messages of the warning input checks (a contract whose provider matches no
 *     cost row), also logged; they do not stop the build
 * @param rowsFocusCost rows in {@code focus_cost}
 * @param elapsed wall-clock time of the whole build
 */
public record BuildResult(
    Path warehouseFile,
    int models,
    int testsRun,
    List<String> warnings,
    long rowsFocusCost,
    Duration elapsed) {

  public BuildResult {
    warnings = List.copyOf(warnings);
  }
}
