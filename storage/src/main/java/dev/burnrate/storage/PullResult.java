package dev.burnrate.storage;

/**
 * What one source's pull did.
 *
 * @param source the source name
 * @param location the store location pulled, without credentials ({@code s3://bucket/prefix/})
 * @param listed objects listed under the prefix
 * @param current objects of the current deliveries that the glob matches (what landing mirrors)
 * @param downloaded objects downloaded by this run (new, changed or restated)
 * @param bytes bytes downloaded by this run
 * @param resumed objects a previous, interrupted run had already staged (not downloaded again)
 * @param removed landing copies removed (deleted in the store or replaced by a new delivery)
 * @param unchanged current objects whose landing copy was already up to date
 * @param restated periods whose manifest names a new delivery (assembly, execution or run id)
 * @param requests HTTP requests sent to the store, retries included
 * @param millis wall-clock time of the pull
 */
public record PullResult(
    String source,
    String location,
    int listed,
    int current,
    int downloaded,
    long bytes,
    int resumed,
    int removed,
    int unchanged,
    int restated,
    long requests,
    long millis) {}
