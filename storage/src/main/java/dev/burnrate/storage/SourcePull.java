package dev.burnrate.storage;

import dev.burnrate.core.config.ObjectStorePath;
import dev.burnrate.core.io.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One source's pull: list the store, pick the current deliveries ({@link Selection}), download what
 * landing lacks or holds in an older version (by entity tag) to staging, then commit staging into
 * {@code landing/<source>/} in one journaled step ({@link PullLedger}). In direct mode the current
 * objects become the source's plan instead ({@link DirectPlan}).
 */
final class SourcePull {
  private static final Logger LOG = LoggerFactory.getLogger(SourcePull.class);
  private static final long PROGRESS_MILLIS = 5_000;

  private final String source;
  private final ObjectStorePath path;
  private final ExportLayout layout;
  private final ObjectKeys keys;
  private final Path landing;
  private final Path staging;
  private final Path parts;
  private final PullLedger ledger;
  private final Path plan;

  /** What a pull did to landing (or the plan), for its {@link PullResult}. */
  record Outcome(
      int current, int downloaded, long bytes, int resumed, int removed, int unchanged) {}

  /**
   * A pull into {@code landing} ({@code plan} null), or in direct mode a plan written to {@code
   * plan} (nothing downloaded; the ledger is then {@code <source>.direct.json}, so that switching
   * modes never mistakes one mode's bookkeeping for the other's).
   */
  SourcePull(
      String source,
      ObjectStorePath path,
      ExportLayout layout,
      Path landing,
      Path pullDir,
      Path plan) {
    this.source = source;
    this.path = path;
    this.layout = layout;
    this.keys = new ObjectKeys(source, path);
    this.landing = landing;
    this.staging = pullDir.resolve("staging").resolve(source);
    this.parts = pullDir.resolve("parts").resolve(source);
    this.ledger = new PullLedger(pullDir, plan == null ? source : source + ".direct");
    this.plan = plan;
  }

  PullResult run(ObjectStore store) {
    long start = System.currentTimeMillis();
    if (ledger.recover()) {
      LOG.info("pull {}: completed the commit an interrupted run left", source);
    }
    PullLedger.State state = ledger.load(path.location());
    List<StoredObject> all = store.list(path.prefix());
    List<StoredObject> listed = keys.safe(all);
    Selection selection = Selection.of(source, layout, keys, listed, state, store::read);
    Outcome done =
        plan == null
            ? copy(store, state, selection)
            : new DirectPlan(source, path, layout, plan, ledger).write(state, selection);
    PullResult r =
        new PullResult(
            source,
            path.location(),
            plan == null ? "copy" : "direct",
            all.size(),
            all.size() - listed.size(),
            done.current(),
            done.downloaded(),
            done.bytes(),
            done.resumed(),
            done.removed(),
            done.unchanged(),
            selection.restated(),
            store.requests(),
            System.currentTimeMillis() - start);
    LOG.info(
        "pull {} ({}): {} listed ({} unsafe key(s) skipped), {} current: {} downloaded ({} bytes),"
            + " {} resumed, {} unchanged, {} removed, {} restated period(s); {} requests in {} ms",
        source,
        r.mode(),
        r.listed(),
        r.skipped(),
        r.current(),
        r.downloaded(),
        r.bytes(),
        r.resumed(),
        r.unchanged(),
        r.removed(),
        r.restated(),
        r.requests(),
        r.millis());
    return r;
  }

  /**
   * Copy mode: downloads the current objects landing lacks (or has in another version) to staging,
   * then commits staging into landing; a held period's copies and an incremental report the store
   * no longer holds stay, any other landing copy that is not current leaves.
   */
  private Outcome copy(ObjectStore store, PullLedger.State state, Selection selection) {
    Map<String, StoredObject> current = selection.current();
    List<StoredObject> toFetch = new ArrayList<>();
    int unchanged = 0;
    int resumed = 0;
    for (StoredObject o : current.values()) {
      StoredObject landed = state.landed().get(o.key());
      StoredObject staged = state.staged().get(o.key());
      if (landed != null && landed.etag().equals(o.etag())) {
        unchanged++;
      } else if (staged != null
          && staged.etag().equals(o.etag())
          && Files.exists(stagedFile(o.key()))) {
        resumed++;
      } else {
        toFetch.add(o);
      }
    }
    long bytes = fetch(store, toFetch, state);

    Map<String, String> moves = new LinkedHashMap<>();
    Map<String, StoredObject> after = new TreeMap<>();
    for (StoredObject o : current.values()) {
      StoredObject landed = state.landed().get(o.key());
      if (landed == null || !landed.etag().equals(o.etag())) {
        moves.put(stagedFile(o.key()).toString(), landingFile(o.key()).toString());
      }
      after.put(o.key(), o);
    }
    List<String> deletes = new ArrayList<>();
    int keptDeleted = 0;
    for (StoredObject o : state.landed().values()) {
      if (after.containsKey(o.key())) {
        continue;
      }
      boolean incremental =
          layout.keepsDeleted(o.key())
              && !selection.byKey().containsKey(o.key())
              && keys.matches(o.key());
      if (selection.isHeld(o.key()) || incremental) {
        after.put(o.key(), o);
        keptDeleted += incremental ? 1 : 0;
      } else {
        deletes.add(landingFile(o.key()).toString());
      }
    }
    if (keptDeleted > 0) {
      LOG.info(
          "pull {}: {} incremental report(s) no longer in the store keep their landing copy",
          source,
          keptDeleted);
    }
    Map<String, String> deliveries = selection.deliveries();
    if (!moves.isEmpty() || !deletes.isEmpty() || !deliveries.equals(state.deliveries())) {
      ledger.commit(
          new PullLedger.Commit(
              moves,
              deletes,
              new PullLedger.State(
                  path.location(), after, null, deliveries, selection.manifests())));
    } else if (!state.staged().isEmpty() || !selection.manifests().equals(state.manifests())) {
      ledger.save(
          new PullLedger.State(
              path.location(), state.landed(), null, deliveries, selection.manifests()));
    }
    clearStaging();
    return new Outcome(current.size(), toFetch.size(), bytes, resumed, deletes.size(), unchanged);
  }

  private long fetch(ObjectStore store, List<StoredObject> toFetch, PullLedger.State state) {
    long total = toFetch.stream().mapToLong(StoredObject::size).sum();
    long bytes = 0;
    long lastLog = System.currentTimeMillis();
    int done = 0;
    clear(parts);
    for (StoredObject o : toFetch) {
      Path target = stagedFile(o.key());
      // the download's temp file lies outside the staging tree, named by its place in this run's
      // list: no key can collide with it (a key x.part beside x)
      Path part = parts.resolve(done + ".part");
      try {
        Files.createDirectories(parts);
        LandingPaths.clearWay(staging, target);
        store.download(o, part);
        // the landing copy carries the store's time: the ingest's newest-delivery rule reads it
        Files.setLastModifiedTime(part, FileTime.from(o.lastModified()));
        Files.move(
            part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot stage " + o.key() + " in " + staging, e);
      }
      state.staged().put(o.key(), o);
      ledger.save(state);
      bytes += o.size();
      done++;
      long now = System.currentTimeMillis();
      if (now - lastLog >= PROGRESS_MILLIS || done == toFetch.size()) {
        LOG.info(
            "pull {}: {}/{} objects, {}/{} bytes downloaded",
            source,
            done,
            toFetch.size(),
            bytes,
            total);
        lastLog = now;
      }
    }
    return bytes;
  }

  /** Staged files not committed are no delivery's current version any more. */
  private void clearStaging() {
    clear(staging);
    clear(parts);
  }

  private static void clear(Path dir) {
    try {
      FileTrees.delete(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + dir, e);
    }
  }

  private Path stagedFile(String key) {
    return staging.resolve(keys.relative(key));
  }

  private Path landingFile(String key) {
    return landing.resolve(keys.relative(key));
  }
}
