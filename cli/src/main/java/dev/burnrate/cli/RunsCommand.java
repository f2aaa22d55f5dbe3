package dev.burnrate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.pipeline.RunRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = "List the recorded runs (data_dir/runs/*.json), newest last.")
final class RunsCommand implements Callable<Integer> {
  @Option(
      names = "--conf",
      paramLabel = "DIR",
      defaultValue = "conf",
      description = "Configuration folder (default: ${DEFAULT-VALUE}).")
  Path conf;

  @Option(
      names = "--last",
      defaultValue = "20",
      description = "How many runs (default: ${DEFAULT-VALUE}).")
  int last;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() throws Exception {
    PipelineConfig cfg = PipelineConfig.load(conf);
    List<RunRecord.Data> all = RunRecord.all(cfg.dataDir());
    List<RunRecord.Data> shown =
        all.subList(Math.max(0, all.size() - Math.max(1, last)), all.size());
    switch (format) {
      case "json" ->
          System.out.println(
              new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(shown));
      case "table" -> {
        System.out.printf(
            "%-40s %-9s %-23s %5s %9s  %s%n",
            "run_id", "command", "days", "exit", "seconds", "stages");
        for (RunRecord.Data r : shown) {
          String days =
              r.days().isEmpty()
                  ? ""
                  : r.days().size() == 1
                      ? r.days().get(0)
                      : r.days().get(0) + ".." + r.days().get(r.days().size() - 1);
          StringBuilder st = new StringBuilder();
          for (RunRecord.Stage s : r.stages()) {
            st.append(s.stage())
                .append(s.status().equals("ok") ? "" : "(" + s.status() + ")")
                .append(' ');
          }
          System.out.printf(
              "%-40s %-9s %-23s %5d %9.1f  %s%n",
              r.runId(),
              r.command(),
              days,
              r.exitCode(),
              r.durationMs() / 1000.0,
              st.toString().trim());
        }
      }
      default -> throw BurnrateException.config("--format must be table or json, not " + format);
    }
    return 0;
  }
}
