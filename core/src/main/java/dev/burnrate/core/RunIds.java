package dev.burnrate.core;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The one format of every run id's start: the UTC second a run began ({@code 20261203T051203Z}),
 * followed by what the run adds to it. The run records, the lake's runs (their folders below
 * replaced/, retired/ and quarantine/) and retention, which dates them by it, share it.
 */
public final class RunIds {
  private static final DateTimeFormatter START =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final int START_LENGTH = "yyyyMMddTHHmmssZ".length();

  private RunIds() {}

  /** The start of a run id begun at {@code started}. */
  public static String start(Instant started) {
    return START.format(started);
  }

  /** The start time a run id begins with, if it does. */
  public static Optional<Instant> startOf(String runId) {
    if (runId.length() < START_LENGTH) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          LocalDateTime.parse(runId.substring(0, START_LENGTH), START).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
