package dev.burnrate.storage;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.ObjectStorePath;
import dev.burnrate.core.config.PullPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A source's pull in direct mode: its current objects (and a held period's previous ones, while the
 * store still has them) become its {@link PullPlan}, which the ingest reads from the store; nothing
 * is downloaded. The plan is rewritten only when what it names changes.
 */
final class DirectPlan {
  private final String source;
  private final ObjectStorePath path;
  private final ExportLayout layout;
  private final Path plan;
  private final PullLedger ledger;

  DirectPlan(
      String source, ObjectStorePath path, ExportLayout layout, Path plan, PullLedger ledger) {
    this.source = source;
    this.path = path;
    this.layout = layout;
    this.plan = plan;
    this.ledger = ledger;
  }

  /**
   * Writes the plan and the ledger for {@code selection}.
   *
   * @throws BurnrateException exit 2 when a current object is one of OCI's incremental reports,
   *     which only a copy keeps once the bucket's retention deletes it
   */
  SourcePull.Outcome write(PullLedger.State state, Selection selection) {
    Map<String, StoredObject> current = selection.current();
    current.keySet().stream()
        .filter(layout::keepsDeleted)
        .findFirst()
        .ifPresent(
            key -> {
              throw BurnrateException.config(
                  path.location()
                      + key.substring(path.prefix().length())
                      + " is one of OCI's cost or FOCUS reports: they are incremental and outlive"
                      + " the bucket's retention only as copies, which storage.mode direct does"
                      + " not keep: set storage.mode: copy for this source");
            });
    Map<String, StoredObject> after = new TreeMap<>(current);
    int unchanged = 0;
    for (StoredObject o : current.values()) {
      StoredObject before = state.landed().get(o.key());
      if (before != null && before.etag().equals(o.etag())) {
        unchanged++;
      }
    }
    int removed = 0;
    for (StoredObject o : state.landed().values()) {
      if (after.containsKey(o.key())) {
        continue;
      }
      StoredObject stillListed = selection.byKey().get(o.key());
      if (selection.isHeld(o.key()) && stillListed != null) {
        after.put(o.key(), stillListed);
      } else {
        removed++;
      }
    }
    List<PullPlan.Entry> entries = new ArrayList<>();
    for (StoredObject o : after.values()) {
      entries.add(
          new PullPlan.Entry(path.hadoopUri(o.key()), o.etag(), o.size(), o.lastModified()));
    }
    boolean changed = !after.equals(state.landed()) || !Files.exists(plan);
    if (changed) {
      new PullPlan(source, path.location(), entries).write(plan);
    }
    if (changed
        || !selection.deliveries().equals(state.deliveries())
        || !selection.manifests().equals(state.manifests())) {
      ledger.save(
          new PullLedger.State(
              path.location(), after, null, selection.deliveries(), selection.manifests()));
    }
    return new SourcePull.Outcome(after.size(), 0, 0, 0, removed, unchanged);
  }
}
