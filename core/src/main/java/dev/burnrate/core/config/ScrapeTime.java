package dev.burnrate.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * How a DCGM sample without its own timestamp is dated: the {@code scrape_time} option of a {@code
 * dcgm} source (docs/architecture.md, "Samples without a timestamp"). A sample's own timestamp
 * always wins.
 *
 * <ul>
 *   <li>{@code file-name} (the default): the time in the file name. A file whose name holds none
 *       fails the run (exit 3) rather than being dated by a guess.
 *   <li>{@code modified}: the file's modification time. Only when chosen: a copy, a sync or a
 *       restore changes it, and with it every hour of the file.
 *   <li>an ISO-8601 instant with its offset ({@code 2026-11-30T14:00:00Z}): that time for every
 *       undated sample of the source (one scrape saved by hand).
 * </ul>
 *
 * @param mode which rule
 * @param fixed the instant of {@link Mode#FIXED}; else null
 */
public record ScrapeTime(Mode mode, Instant fixed) {
  /** The rules {@code scrape_time} chooses between. */
  public enum Mode {
    FILE_NAME,
    MODIFIED,
    FIXED
  }

  /** The default: the time in the file name. */
  public static final ScrapeTime FILE_NAME = new ScrapeTime(Mode.FILE_NAME, null);

  /**
   * The option's value; blank is {@code file-name}.
   *
   * @throws IllegalArgumentException naming the value and the accepted ones
   */
  @JsonCreator
  public static ScrapeTime of(String value) {
    String v = value == null ? "" : value.strip();
    if (v.isEmpty() || v.equals("file-name")) {
      return FILE_NAME;
    }
    if (v.equals("modified")) {
      return new ScrapeTime(Mode.MODIFIED, null);
    }
    try {
      return new ScrapeTime(Mode.FIXED, OffsetDateTime.parse(v).toInstant());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'"
              + v
              + "' must be file-name, modified or an ISO-8601 instant with its offset, such as"
              + " 2026-11-30T14:00:00Z");
    }
  }
}
