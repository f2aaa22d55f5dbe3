package dev.burnrate.pipeline;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.SourceFormat;
import dev.burnrate.warehouse.SourceFreshness;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Source freshness after the ingest, for each source that declares {@code freshness:}: the hours
 * between the end of the as-of day and the end of the newest data in the lake, judged by the
 * warehouse's rule ({@link SourceFreshness}, the model that rpt_data_quality and the PDF show).
 * Late past {@code warn_after_hours}: a warning in the log and the run record; past {@code
 * error_after_hours}: exit 3 naming the source. A retired source (a newer source of its provider
 * carries on every billing account it delivered: the provider moved to a new export) is neither,
 * whatever its age: an info line names the source that replaced it.
 */
public final class Freshness {
  private static final Logger LOG = LoggerFactory.getLogger(Freshness.class);

  private Freshness() {}

  /** Returns one entry per checked source (for the run record); throws when one is too late. */
  static List<Map<String, Object>> check(PipelineConfig cfg, LocalDate asOf) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (cfg.sources().stream().noneMatch(s -> s.freshness() != null)) {
      return out;
    }
    List<String> errors = new ArrayList<>();
    for (SourceFreshness.Result r : SourceFreshness.evaluate(cfg, asOf)) {
      if (r.warnAfterHours() == null && r.errorAfterHours() == null) {
        continue;
      }
      String what =
          "source '"
              + r.source()
              + "': "
              + (r.newestDataEnd() == null
                  ? "no data in the lake"
                  : "newest "
                      + (SourceFormat.fromKey(r.format()).orElseThrow().isBilling()
                          ? "charge"
                          : "telemetry hour")
                      + " ends "
                      + r.newestDataEnd()
                      + "Z, "
                      + r.hoursLate()
                      + " h before the end of "
                      + asOf);
      if ("error".equals(r.status())) {
        errors.add(what + " (error after " + r.errorAfterHours() + " h)");
      } else if ("late".equals(r.status())) {
        LOG.warn("{} (warn after {} h): the delivery is late", what, r.warnAfterHours());
      } else if ("retired".equals(r.status())) {
        LOG.info(
            "{}: retired, not late: source '{}' carries on every billing account it delivered",
            what,
            r.retiredBySource());
      }
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("source", r.source());
      e.put("newest_charge_end", r.newestDataEnd() == null ? null : r.newestDataEnd() + "Z");
      e.put("hours_late", r.hoursLate());
      e.put("status", r.status());
      e.put("retired_by_source", r.retiredBySource());
      out.add(e);
    }
    if (!errors.isEmpty()) {
      throw BurnrateException.input("late delivery: " + String.join("; ", errors));
    }
    return out;
  }
}
