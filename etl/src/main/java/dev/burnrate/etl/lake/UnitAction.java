package dev.burnrate.etl.lake;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a run did with one unit of the lake (a cost unit, a lake/gpu day), as its run record and the
 * warehouse's ingest tables spell it.
 */
public enum UnitAction {
  /** Published for the first time. */
  NEW("new"),
  /** Published over an earlier version, which was moved aside. */
  REPLACED("replaced"),
  /** The live version already holds the same content: left as it is. */
  UNCHANGED("unchanged");

  private final String key;

  UnitAction(String key) {
    this.key = key;
  }

  /** The word in lake/_runs records. */
  @JsonValue
  public String key() {
    return key;
  }
}
