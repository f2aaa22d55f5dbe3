package dev.burnrate.core.config;

import dev.burnrate.core.BurnrateException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * A source path in an object store: {@code s3://bucket/prefix/glob}, {@code
 * abfss://container@account.dfs.core.windows.net/prefix/glob} (also {@code wasbs://} with {@code
 * .blob.}), {@code https://account.blob.core.windows.net/container/prefix/glob}, or an emulator's
 * path-style URL {@code http://host:port/account/container/prefix/glob}. The pull step copies the
 * matching objects to {@code data_dir/landing/<source>/} and the ingest reads that copy, or in
 * {@link StorageMode#DIRECT} mode the ingest reads them from the store ({@link #hadoopUri}).
 *
 * @param kind which API serves it
 * @param account the Azure storage account (null for S3)
 * @param container the S3 bucket or Azure container
 * @param prefix the key prefix up to the last '/' before the first glob character ("" or ending in
 *     '/')
 * @param glob the rest: a java.nio glob over the key below {@code prefix} ("**" when none)
 * @param endpoint for the path-style Azure form, the URL before the account (else null)
 */
public record ObjectStorePath(
    Kind kind, String account, String container, String prefix, String glob, String endpoint) {

  /** The two object-store APIs burnrate speaks. */
  public enum Kind {
    S3,
    AZURE_BLOB
  }

  /** True when {@code path} names an object store rather than a local or Hadoop path. */
  public static boolean isObjectStore(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    return p.startsWith("s3://")
        || p.startsWith("abfss://")
        || p.startsWith("abfs://")
        || p.startsWith("wasbs://")
        || p.startsWith("wasb://")
        || ((p.startsWith("https://") || p.startsWith("http://")) && !p.contains("?"));
  }

  /** Parses an object-store source path, or returns empty for a local or Hadoop path. */
  public static Optional<ObjectStorePath> parse(String path) {
    if (!isObjectStore(path)) {
      return Optional.empty();
    }
    int schemeEnd = path.indexOf("://");
    String scheme = path.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    String rest = path.substring(schemeEnd + 3);
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String keyPart = slash < 0 ? "" : rest.substring(slash + 1);
    if (authority.isEmpty()) {
      throw bad(path, "no bucket or host");
    }
    return Optional.of(
        switch (scheme) {
          case "s3" -> of(Kind.S3, null, authority, keyPart, null);
          case "abfss", "abfs", "wasbs", "wasb" -> {
            int at = authority.indexOf('@');
            if (at <= 0) {
              throw bad(path, "expected container@account.dfs.core.windows.net");
            }
            String host = authority.substring(at + 1);
            yield of(
                Kind.AZURE_BLOB, host.split("\\.")[0], authority.substring(0, at), keyPart, null);
          }
          default -> https(path, scheme, authority, keyPart);
        });
  }

  private static ObjectStorePath https(
      String path, String scheme, String authority, String keyPart) {
    String[] parts = keyPart.split("/", 3);
    if (authority.toLowerCase(Locale.ROOT).contains(".blob.core.windows.net")) {
      if (parts[0].isEmpty()) {
        throw bad(path, "no container after the account's host");
      }
      return of(
          Kind.AZURE_BLOB,
          authority.split("\\.")[0],
          parts[0],
          parts.length > 1 ? keyPart.substring(parts[0].length() + 1) : "",
          null);
    }
    // an emulator (Azurite) or a private endpoint: http(s)://host:port/account/container/prefix
    if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw bad(path, "expected http(s)://host[:port]/account/container/prefix");
    }
    return of(
        Kind.AZURE_BLOB,
        parts[0],
        parts[1],
        parts.length > 2 ? parts[2] : "",
        URI.create(scheme + "://" + authority + "/" + parts[0]).toString());
  }

  private static ObjectStorePath of(
      Kind kind, String account, String container, String key, String endpoint) {
    int firstGlob = -1;
    for (int i = 0; i < key.length() && firstGlob < 0; i++) {
      if ("*?[{".indexOf(key.charAt(i)) >= 0) {
        firstGlob = i;
      }
    }
    String prefix;
    String glob;
    if (firstGlob < 0) {
      prefix = key.isEmpty() || key.endsWith("/") ? key : key + "/";
      glob = "**";
    } else {
      int cut = key.lastIndexOf('/', firstGlob) + 1;
      prefix = key.substring(0, cut);
      glob = key.substring(cut);
    }
    return new ObjectStorePath(kind, account, container, prefix, glob, endpoint);
  }

  private static BurnrateException bad(String path, String why) {
    return BurnrateException.config("source path " + path + ": " + why);
  }

  /**
   * The Hadoop URI Spark reads an object of this store by: {@code s3a://bucket/key} (S3 only; the
   * direct mode does not read Azure).
   */
  public String hadoopUri(String key) {
    if (kind != Kind.S3) {
      throw new IllegalStateException("no Hadoop URI for " + location());
    }
    return "s3a://" + container + "/" + key;
  }

  /** The store location without the glob, for messages: {@code s3://bucket/prefix/}. */
  public String location() {
    return switch (kind) {
      case S3 -> "s3://" + container + "/" + prefix;
      case AZURE_BLOB -> "azure://" + account + "/" + container + "/" + prefix;
    };
  }
}
