package dev.burnrate.storage;

import java.nio.file.Path;
import java.util.List;

/**
 * The three calls the pull step makes of an S3 bucket or an Azure container. Implementations turn
 * every failure into a {@link dev.burnrate.core.BurnrateException} whose message names the store
 * and the reason and never a credential.
 */
interface ObjectStore extends AutoCloseable {

  /** Every object whose key starts with {@code prefix}, in key order. */
  List<StoredObject> list(String prefix);

  /**
   * Writes the object to {@code target} (which must not exist), failing when its entity tag is no
   * longer {@code o.etag()} (it changed since the listing: the next pull takes the new version).
   */
  void download(StoredObject o, Path target);

  /** A small object's content (delivery manifests). */
  byte[] read(StoredObject o);

  /** HTTP requests sent so far, retries included. */
  long requests();

  @Override
  void close();
}
