package dev.burnrate.storage;

import dev.burnrate.core.manifest.ExportManifest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which objects of one listing are the current export, as the source's {@link ExportLayout} and the
 * manifests it reads say, and what the ledger's delivery bookkeeping becomes. A period whose
 * manifest lists a file the store does not hold yet is <em>held</em>: a delivery still being
 * written, it keeps its previous copy and delivery id until a later pull. A period whose manifest
 * names another delivery than the ledger's is <em>restated</em>.
 *
 * @param byKey every listed object, by key
 * @param current the current objects the glob matches, by key (manifests never among them)
 * @param held the scopes of the held periods
 * @param manifests every manifest read or reused, by key (the ledger's {@code manifests})
 * @param deliveries the delivery id of each period scope after this pull (the ledger's {@code
 *     deliveries}: a held period keeps its previous one)
 * @param restated how many periods are restated
 */
record Selection(
    Map<String, StoredObject> byKey,
    Map<String, StoredObject> current,
    Set<String> held,
    Map<String, ExportLayout.Manifest> manifests,
    Map<String, String> deliveries,
    int restated) {

  private static final Logger LOG = LoggerFactory.getLogger(Selection.class);

  /**
   * Selects from {@code listed} (safe keys only, {@link ObjectKeys#safe}); {@code read} fetches a
   * manifest the ledger ({@code state}) does not hold in the listed version.
   */
  static Selection of(
      String source,
      ExportLayout layout,
      ObjectKeys keys,
      List<StoredObject> listed,
      PullLedger.State state,
      Function<StoredObject, byte[]> read) {
    ExportLayout.Manifests found = layout.manifests(listed, state.manifests(), read);
    Map<String, ExportLayout.Manifest> periods = found.current();
    Map<String, StoredObject> byKey = new HashMap<>();
    listed.forEach(o -> byKey.put(o.key(), o));
    Set<String> held = held(source, periods, byKey);

    Map<String, StoredObject> current = new TreeMap<>();
    for (StoredObject o : listed) {
      if (ExportManifest.isManifestName(o.key())
          || o.key().endsWith("/")
          || !keys.matches(o.key())) {
        continue;
      }
      String scope = scopeOf(o.key(), periods);
      if (scope == null || (!held.contains(scope) && periods.get(scope).keys().contains(o.key()))) {
        current.put(o.key(), o);
      }
    }

    Map<String, String> deliveries = new TreeMap<>(state.deliveries());
    int restated = 0;
    for (ExportLayout.Manifest m : periods.values()) {
      if (held.contains(m.scope())) {
        continue;
      }
      String before = deliveries.put(m.scope(), m.id());
      if (before != null && !before.equals(m.id())) {
        restated++;
        LOG.info(
            "pull {}: {} was re-delivered (delivery {} replaces {}): the period is restated,"
                + " its earlier files are no longer read",
            source,
            m.scope(),
            m.id(),
            before);
      }
    }
    return new Selection(byKey, current, held, found.byKey(), deliveries, restated);
  }

  /** True when the key lies in a held period. */
  boolean isHeld(String key) {
    return held.stream().anyMatch(key::startsWith);
  }

  /** Periods whose manifest lists a file the store does not hold yet: still being delivered. */
  private static Set<String> held(
      String source, Map<String, ExportLayout.Manifest> periods, Map<String, StoredObject> byKey) {
    Set<String> held = new HashSet<>();
    periods.forEach(
        (scope, m) -> {
          List<String> missing = m.keys().stream().filter(k -> !byKey.containsKey(k)).toList();
          if (!missing.isEmpty()) {
            held.add(scope);
            LOG.warn(
                "pull {}: delivery {} of {} lists {} file(s) not in the store yet (e.g. {});"
                    + " keeping the period's previous copy until the next pull",
                source,
                m.id(),
                scope,
                missing.size(),
                missing.get(0));
          }
        });
    return held;
  }

  /** The period scope a key falls in (the longest), or null. */
  private static String scopeOf(String key, Map<String, ExportLayout.Manifest> periods) {
    String best = null;
    for (String scope : periods.keySet()) {
      if (key.startsWith(scope) && (best == null || scope.length() > best.length())) {
        best = scope;
      }
    }
    return best;
  }
}
