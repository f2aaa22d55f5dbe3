package dev.burnrate.storage;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.ObjectStorePath;
import dev.burnrate.core.config.PullPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One source's pull: list the store, pick the current deliveries ({@link DeliveryLayout}), download
 * what landing lacks or holds in an older version (by entity tag) to staging, then commit staging
 * into {@code landing/<source>/} in one journaled step ({@link PullLedger}).
 */
final class SourcePull {
  private static final Logger LOG = LoggerFactory.getLogger(SourcePull.class);
  private static final long PROGRESS_MILLIS = 5_000;

  private final String source;
  private final ObjectStorePath path;
  private final DeliveryLayout layout;
  private final Path landing;
  private final Path staging;
  private final PullLedger ledger;

  private final Path plan;

  /**
   * A pull into {@code landing} ({@code plan} null), or in direct mode a plan written to {@code
   * plan} (nothing downloaded; the ledger is then {@code <source>.direct.json}, so that switching
   * modes never mistakes one mode's bookkeeping for the other's).
   */
  SourcePull(
      String source,
      ObjectStorePath path,
      DeliveryLayout layout,
      Path landing,
      Path pullDir,
      Path plan) {
    this.source = source;
    this.path = path;
    this.layout = layout;
    this.landing = landing;
    this.staging = pullDir.resolve("staging").resolve(source);
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
    List<StoredObject> listed = safe(all);
    int skipped = all.size() - listed.size();
    DeliveryLayout.Manifests read = layout.manifests(listed, state.manifests(), store::read);
    Map<String, DeliveryLayout.Manifest> manifests = read.current();
    Map<String, StoredObject> byKey = DeliveryLayout.byKey(listed);
    Set<String> held = held(manifests, byKey);
    Map<String, StoredObject> current = current(listed, manifests, held);
    int restated = restatements(state, manifests, held);
    if (plan != null) {
      return planned(
          store,
          state,
          all.size(),
          skipped,
          byKey,
          current,
          held,
          read,
          manifests,
          restated,
          start);
    }

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
          layout.keepsDeleted(o.key()) && !byKey.containsKey(o.key()) && matches(o.key());
      if (isHeld(o.key(), held) || incremental) {
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
    Map<String, String> deliveries = new TreeMap<>(state.deliveries());
    manifests.forEach(
        (scope, m) -> {
          if (!held.contains(scope)) {
            deliveries.put(scope, m.id());
          }
        });
    if (!moves.isEmpty() || !deletes.isEmpty() || !deliveries.equals(state.deliveries())) {
      ledger.commit(
          new PullLedger.Commit(
              moves,
              deletes,
              new PullLedger.State(path.location(), after, null, deliveries, read.byKey())));
    } else if (!state.staged().isEmpty() || !read.byKey().equals(state.manifests())) {
      ledger.save(
          new PullLedger.State(path.location(), state.landed(), null, deliveries, read.byKey()));
    }
    clearStaging();
    return logged(
        new PullResult(
            source,
            path.location(),
            "copy",
            all.size(),
            skipped,
            current.size(),
            toFetch.size(),
            bytes,
            resumed,
            deletes.size(),
            unchanged,
            restated,
            store.requests(),
            System.currentTimeMillis() - start));
  }

  /**
   * Direct mode: the current objects (and a held period's previous ones, while the store still has
   * them) become the source's {@link PullPlan}; nothing is downloaded.
   */
  private PullResult planned(
      ObjectStore store,
      PullLedger.State state,
      int listed,
      int skipped,
      Map<String, StoredObject> byKey,
      Map<String, StoredObject> current,
      Set<String> held,
      DeliveryLayout.Manifests read,
      Map<String, DeliveryLayout.Manifest> manifests,
      int restated,
      long start) {
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
      if (isHeld(o.key(), held) && byKey.containsKey(o.key())) {
        after.put(o.key(), byKey.get(o.key()));
      } else {
        removed++;
      }
    }
    Map<String, String> deliveries = new TreeMap<>(state.deliveries());
    manifests.forEach(
        (scope, m) -> {
          if (!held.contains(scope)) {
            deliveries.put(scope, m.id());
          }
        });
    List<PullPlan.Entry> entries = new ArrayList<>();
    for (StoredObject o : after.values()) {
      entries.add(
          new PullPlan.Entry(path.hadoopUri(o.key()), o.etag(), o.size(), o.lastModified()));
    }
    PullPlan next = new PullPlan(source, path.location(), entries);
    boolean changed = !after.equals(state.landed()) || !Files.exists(plan);
    if (changed) {
      next.write(plan);
    }
    if (changed
        || !deliveries.equals(state.deliveries())
        || !read.byKey().equals(state.manifests())) {
      ledger.save(new PullLedger.State(path.location(), after, null, deliveries, read.byKey()));
    }
    return logged(
        new PullResult(
            source,
            path.location(),
            "direct",
            listed,
            skipped,
            after.size(),
            0,
            0,
            0,
            removed,
            unchanged,
            restated,
            store.requests(),
            System.currentTimeMillis() - start));
  }

  private PullResult logged(PullResult r) {
    LOG.info(
        "pull {} ({}): {} listed ({} unsafe key(s) skipped), {} current: {} downloaded ({} bytes), {} resumed, {} unchanged,"
            + " {} removed, {} restated period(s); {} requests in {} ms",
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

  /** Periods whose manifest lists a file the store does not hold yet: still being delivered. */
  private Set<String> held(
      Map<String, DeliveryLayout.Manifest> manifests, Map<String, StoredObject> byKey) {
    Set<String> held = new HashSet<>();
    manifests.forEach(
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

  private static boolean isHeld(String key, Set<String> held) {
    return held.stream().anyMatch(key::startsWith);
  }

  private Map<String, StoredObject> current(
      List<StoredObject> listed, Map<String, DeliveryLayout.Manifest> manifests, Set<String> held) {
    Map<String, StoredObject> out = new TreeMap<>();
    for (StoredObject o : listed) {
      if (DeliveryLayout.isManifest(o) || o.key().endsWith("/") || !matches(o.key())) {
        continue;
      }
      String scope = DeliveryLayout.scopeOf(o.key(), manifests);
      if (scope != null
          && (held.contains(scope) || !manifests.get(scope).keys().contains(o.key()))) {
        continue;
      }
      out.put(o.key(), o);
    }
    return out;
  }

  private int restatements(
      PullLedger.State state, Map<String, DeliveryLayout.Manifest> manifests, Set<String> held) {
    int n = 0;
    for (DeliveryLayout.Manifest m : manifests.values()) {
      String before = state.deliveries().get(m.scope());
      if (before != null && !before.equals(m.id()) && !held.contains(m.scope())) {
        n++;
        LOG.info(
            "pull {}: {} was re-delivered (delivery {} replaces {}): the period is restated,"
                + " its earlier files are no longer read",
            source,
            m.scope(),
            m.id(),
            before);
      }
    }
    return n;
  }

  private long fetch(ObjectStore store, List<StoredObject> toFetch, PullLedger.State state) {
    long total = toFetch.stream().mapToLong(StoredObject::size).sum();
    long bytes = 0;
    long lastLog = System.currentTimeMillis();
    int done = 0;
    for (StoredObject o : toFetch) {
      Path target = stagedFile(o.key());
      Path part = target.resolveSibling(target.getFileName() + ".part");
      try {
        Files.createDirectories(target.getParent());
        Files.deleteIfExists(part);
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
    if (!Files.exists(staging)) {
      return;
    }
    try (var files = Files.walk(staging)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + staging, e);
    }
  }

  private boolean matches(String key) {
    String rel = relative(key);
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + path.glob());
    return m.matches(Path.of(rel));
  }

  /**
   * The listed objects whose key, below the prefix, is a plain relative path. A key that could land
   * outside landing/ (S3 allows {@code prefix//home/user/.bashrc} and {@code prefix/a/../../x}) or
   * collide with another (an empty segment, a backslash, a control character) is skipped, logged
   * and counted; it does not stop the source or the others.
   */
  private List<StoredObject> safe(List<StoredObject> all) {
    List<StoredObject> safe = new ArrayList<>(all.size());
    for (StoredObject o : all) {
      String rel = o.key().substring(path.prefix().length());
      String reason = unsafeReason(rel);
      if (reason == null) {
        safe.add(o);
      } else {
        LOG.warn(
            "pull {}: skipping object {}{}: {}", source, path.location(), printable(rel), reason);
      }
    }
    return safe;
  }

  /** Why a key's part below the prefix is not a safe relative path, or null when it is. */
  static String unsafeReason(String rel) {
    if (rel.startsWith("/")) {
      return "it starts with '/', an absolute path outside landing/";
    }
    if (rel.chars().anyMatch(c -> c == '\\' || Character.isISOControl(c))) {
      return "it holds a backslash or a control character";
    }
    String[] segments = rel.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String seg = segments[i];
      if (seg.equals(".") || seg.equals("..")) {
        return "it has a '" + seg + "' segment, which could leave landing/";
      }
      if (seg.isEmpty() && i < segments.length - 1) {
        return "it has an empty segment ('//')";
      }
    }
    return null;
  }

  /** The key as a log line may show it: control characters as '?'. */
  private static String printable(String key) {
    StringBuilder sb = new StringBuilder(key.length());
    key.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return sb.toString();
  }

  private String relative(String key) {
    String rel = key.substring(path.prefix().length());
    if (unsafeReason(rel) != null) {
      throw new IllegalStateException("unsafe object key reached the pull: " + printable(key));
    }
    return rel;
  }

  private Path stagedFile(String key) {
    return staging.resolve(relative(key));
  }

  private Path landingFile(String key) {
    return landing.resolve(relative(key));
  }
}
