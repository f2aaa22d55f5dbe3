package dev.burnrate.storage;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One object as a store lists it.
 *
 * @param key the full key (S3) or blob name (Azure)
 * @param etag the entity tag without quotes: changes whenever the content does
 * @param size bytes
 * @param lastModified when the store last wrote it; the landing copy gets this modification time,
 *     so the ingest's "newest delivery wins" sees the store's order
 */
public record StoredObject(
    @JsonProperty("key") String key,
    @JsonProperty("etag") String etag,
    @JsonProperty("size") long size,
    @JsonProperty("last_modified") Instant lastModified) {

  /** The entity tag as stores return it, in quotes or not; kept without them. */
  static String etag(String raw) {
    return raw == null ? "" : raw.replace("\"", "");
  }
}
