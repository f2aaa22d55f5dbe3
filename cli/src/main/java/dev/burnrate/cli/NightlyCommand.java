package dev.burnrate.cli;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.pipeline.RunOptions;
import dev.burnrate.pipeline.RunRecord;
import dev.burnrate.pipeline.Runs;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "nightly",
    mixinStandardHelpOptions = true,
    description = {
      "Ingest -> warehouse -> report; prints the path of each PDF.",
      "Without --date or --from/--to it catches up: every day after the last successful",
      "nightly run up to yesterday (UTC), oldest first; only yesterday on a first run."
    })
final class NightlyCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(NightlyCommand.class);
  static final int MAX_DAYS = 366;

  @Mixin RunOptions common;

  @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "Backfill: first day.")
  LocalDate from;

  @Option(
      names = "--to",
      paramLabel = "YYYY-MM-DD",
      description = "Backfill: last day (default: yesterday, UTC).")
  LocalDate to;

  @Override
  public Integer call() {
    PipelineConfig cfg = common.config();
    List<LocalDate> days = days(cfg);
    if (days.isEmpty()) {
      LOG.info("nothing to do: the last successful nightly run already covered yesterday");
      return 0;
    }
    LOG.info(
        "nightly for {} day(s): {} .. {}", days.size(), days.get(0), days.get(days.size() - 1));
    Runs.execute(
        cfg,
        "nightly",
        days,
        stages -> {
          for (Path pdf : stages.nightly(days)) {
            System.out.println(pdf);
          }
        });
    return 0;
  }

  List<LocalDate> days(PipelineConfig cfg) {
    if (common.date != null && (from != null || to != null)) {
      throw BurnrateException.config("give either --date or --from/--to, not both");
    }
    if (common.date != null) {
      return List.of(common.date);
    }
    LocalDate last = to != null ? to : RunOptions.yesterday();
    LocalDate first;
    if (from != null) {
      first = from;
    } else if (to != null) {
      first = to;
    } else {
      first = RunRecord.lastSuccessfulDay(cfg.dataDir()).map(d -> d.plusDays(1)).orElse(last);
    }
    if (first.isAfter(last)) {
      if (from != null) {
        throw BurnrateException.config("--from " + from + " is after --to " + last);
      }
      return List.of();
    }
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      days.add(d);
    }
    if (days.size() > MAX_DAYS) {
      throw BurnrateException.config(
          days.size()
              + " days from "
              + first
              + " to "
              + last
              + ": backfill at most "
              + MAX_DAYS
              + " at a time");
    }
    return days;
  }
}
