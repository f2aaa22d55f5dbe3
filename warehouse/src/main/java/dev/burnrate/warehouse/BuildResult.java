package dev.burnrate.warehouse;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@link WarehouseBuilder#build} published.
 *
 * @param warehouseFile the live warehouse file, now holding this build
 * @param models SQL models built (views and tables)
 * @param testsRun data tests run, all of which passed
 * @param rowsFocusCost rows in {@code focus_cost}
 * @param elapsed wall-clock time of the whole build
 */
public record BuildResult(
    Path warehouseFile, int models, int testsRun, long rowsFocusCost, Duration elapsed) {}
