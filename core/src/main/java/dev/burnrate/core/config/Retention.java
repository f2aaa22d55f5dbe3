package dev.burnrate.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * pipeline.yaml's {@code retention:} block: how long {@code burnrate gc} keeps superseded material
 * (earlier versions of restated or retired units, the quarantine and run manifests of runs whose
 * units are no longer live, old run records). Live units and what they need are kept whatever their
 * age.
 *
 * @param keepDays superseded material younger than this many days is kept ({@code keep_days},
 *     default {@value #DEFAULT_KEEP_DAYS}: a replaced unit is the evidence of what a restatement
 *     changed, and a finance audit looks back over a closed fiscal year plus its closing months)
 */
public record Retention(@JsonProperty("keep_days") Integer keepDays) {

  /** Thirteen months and a margin: a whole fiscal year after its close. */
  public static final int DEFAULT_KEEP_DAYS = 400;

  /** The setting when pipeline.yaml has no {@code retention:} block. */
  public static final Retention DEFAULT = new Retention(DEFAULT_KEEP_DAYS);

  public Retention {
    keepDays = keepDays == null ? DEFAULT_KEEP_DAYS : keepDays;
  }
}
