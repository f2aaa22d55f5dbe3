package dev.burnrate.storage;

import dev.burnrate.core.config.ObjectStorePath;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys one source lists below its prefix: which are safe to land, their part below the prefix
 * (where they land in landing/), and which the source's glob matches.
 */
final class ObjectKeys {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectKeys.class);

  private final String source;
  private final ObjectStorePath path;
  private final PathMatcher glob;

  ObjectKeys(String source, ObjectStorePath path) {
    this.source = source;
    this.path = path;
    this.glob = FileSystems.getDefault().getPathMatcher("glob:" + path.glob());
  }

  /**
   * The listed objects whose key, below the prefix, is a plain relative path that can be a file. A
   * key that could land outside landing/ (S3 allows {@code prefix//home/user/.bashrc} and {@code
   * prefix/a/../../x}) or collide with another (an empty segment, a backslash, a control character)
   * is skipped, logged and counted; so is a key that another key needs as a folder ({@code a}
   * beside {@code a/b}: a file system cannot hold both). It does not stop the source or the others.
   */
  List<StoredObject> safe(List<StoredObject> all) {
    List<StoredObject> plain = new ArrayList<>(all.size());
    Set<String> folders = new HashSet<>();
    for (StoredObject o : all) {
      String rel = o.key().substring(path.prefix().length());
      String reason = unsafeReason(rel);
      if (reason == null) {
        plain.add(o);
        for (int slash = rel.indexOf('/'); slash > 0; slash = rel.indexOf('/', slash + 1)) {
          folders.add(rel.substring(0, slash));
        }
      } else {
        skip(rel, reason);
      }
    }
    List<StoredObject> safe = new ArrayList<>(plain.size());
    for (StoredObject o : plain) {
      String rel = o.key().substring(path.prefix().length());
      if (folders.contains(rel)) {
        skip(rel, "another key needs '" + printable(rel) + "' as a folder");
      } else {
        safe.add(o);
      }
    }
    return safe;
  }

  private void skip(String rel, String reason) {
    LOG.warn("pull {}: skipping object {}{}: {}", source, path.location(), printable(rel), reason);
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

  /** True when the source's glob matches the key's part below the prefix. */
  boolean matches(String key) {
    return glob.matches(Path.of(relative(key)));
  }

  /** A safe key's part below the prefix: where its copy lies below landing/ and staging. */
  String relative(String key) {
    String rel = key.substring(path.prefix().length());
    if (unsafeReason(rel) != null) {
      throw new IllegalStateException("unsafe object key reached the pull: " + printable(key));
    }
    return rel;
  }

  /** The key as a log line may show it: control characters as '?'. */
  private static String printable(String key) {
    StringBuilder sb = new StringBuilder(key.length());
    key.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return sb.toString();
  }
}
