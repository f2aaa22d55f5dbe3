package dev.burnrate.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** A [start, end) date range, as FOCUS periods are. */
public record Period(
    @JsonProperty(value = "start", required = true) LocalDate start,
    @JsonProperty(value = "end", required = true) LocalDate end) {

  public long days() {
    return ChronoUnit.DAYS.between(start, end);
  }

  public boolean overlaps(Period other) {
    return start.isBefore(other.end) && other.start.isBefore(end);
  }

  public boolean within(Period outer) {
    return !start.isBefore(outer.start) && !end.isAfter(outer.end);
  }

  @Override
  public String toString() {
    return "[" + start + ", " + end + ")";
  }
}
