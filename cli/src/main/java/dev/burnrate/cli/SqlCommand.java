package dev.burnrate.cli;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.warehouse.SqlQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "Run one read-only SQL statement against the warehouse and print the result.",
      "Settings cannot be changed; control characters in values are printed escaped (\\x1b)."
    })
final class SqlCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "QUERY",
      description = "The SQL to run: one statement (a trailing ';' is fine).")
  String query;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table or csv (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "" + SqlQuery.DEFAULT_TIMEOUT_SECONDS,
      description =
          "Stop the query after this many seconds, exit 2 (default: ${DEFAULT-VALUE}; 0: no"
              + " limit).")
  int timeout;

  @Option(
      names = "--conf",
      paramLabel = "DIR",
      defaultValue = "conf",
      description = "Configuration folder holding pipeline.yaml (default: ${DEFAULT-VALUE}).")
  Path conf;

  @Override
  public Integer call() {
    SqlQuery.Format fmt =
        switch (format) {
          case "table" -> SqlQuery.Format.TABLE;
          case "csv" -> SqlQuery.Format.CSV;
          default -> throw BurnrateException.config("--format must be table or csv, not " + format);
        };
    PipelineConfig cfg = PipelineConfig.load(conf);
    Path db = cfg.layout().warehouseFile();
    if (!Files.exists(db)) {
      throw BurnrateException.config("no warehouse at " + db + ": run 'burnrate warehouse' first");
    }
    SqlQuery.run(db, query, fmt, timeout, System.out);
    return 0;
  }
}
