package dev.burnrate.storage;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;

/**
 * Store failures as operator errors. Access and missing-bucket problems are the operator's to fix
 * (exit 2); anything else (the server unreachable or failing, an object changed mid-pull) is worth
 * a retry (exit 1). Messages are built from the HTTP status and the store's error code only, never
 * from a request, so no credential, signature or SAS token can reach a log or run record.
 */
final class StoreErrors {
  private StoreErrors() {}

  /**
   * An error answer of the store.
   *
   * @param head "where: what: "
   * @param code the store's error code, or null
   * @param credentials where the credentials come from, for the access-denied hint
   */
  static BurnrateException http(String head, int status, String code, String credentials) {
    String c = code == null ? "" : " " + code;
    if (status == 401 || status == 403) {
      return new BurnrateException(
          ExitCode.USAGE, head + "access denied (HTTP " + status + c + "): check " + credentials);
    }
    if (status == 404) {
      return new BurnrateException(
          ExitCode.USAGE, head + "not found (HTTP 404" + c + "): check the source's path");
    }
    if (status == 412) {
      return new BurnrateException(
          ExitCode.FAILURE, head + "the object changed during the pull; run it again");
    }
    return new BurnrateException(
        ExitCode.FAILURE, head + "the store answered HTTP " + status + c + "; retry later");
  }

  /** No answer at all: named by the innermost cause (connection refused, timeout, ...). */
  static BurnrateException unreachable(String head, Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String cause =
        t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    return new BurnrateException(
        ExitCode.FAILURE, head + "the store is unreachable (" + cause + "); retry later");
  }
}
