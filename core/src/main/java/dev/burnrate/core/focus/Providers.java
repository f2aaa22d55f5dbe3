package dev.burnrate.core.focus;

import java.util.List;

/** Provider names as they appear in ProviderName / ServiceProviderName. */
public final class Providers {
  public static final String AWS = "AWS";
  public static final String AZURE = "Microsoft";
  public static final String GCP = "Google Cloud";
  public static final String OCI = "Oracle";
  public static final String COREWEAVE = "CoreWeave";

  /**
   * The hyperscalers plus neo-clouds whose usage-only FOCUS exports are priced from a rate card.
   */
  private static final List<String> KNOWN =
      List.of(AWS, AZURE, GCP, OCI, COREWEAVE, "Lambda", "Nebius", "Crusoe");

  private Providers() {}

  public static boolean isKnown(String name) {
    return KNOWN.contains(name);
  }
}
