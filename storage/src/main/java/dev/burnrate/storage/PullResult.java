package dev.burnrate.storage;

/**
 * What one source's pull did.
 *
 * @param source the source name
 * @param location the store location pulled, without credentials ({@code s3://bucket/prefix/})
 * @param mode {@code copy} (current objects downloaded to landing) or {@code direct} (their URIs
 *     written to the source's plan, read by Spark from the store)
 * @param listed objects listed under the prefix
 * @param skipped listed objects skipped because their key is not a safe relative path below the
 *     prefix (it could land outside landing/ or collide with another), or because another key needs
 *     it as a folder ({@code a} beside {@code a/b}): each one is logged
 * @param current objects of the current deliveries that the glob matches (what landing mirrors, or
 *     the plan names)
 * @param downloaded objects downloaded by this run (new, changed or restated; 0 in direct mode)
 * @param bytes bytes downloaded by this run
 * @param resumed objects a previous, interrupted run had already staged (not downloaded again)
 * @param removed landing copies (plan entries) removed: deleted in the store or replaced by a new
 *     delivery
 * @param unchanged current objects whose landing copy (plan entry) was already up to date
 * @param restated periods whose manifest names a new delivery (assembly, execution or run id)
 * @param requests HTTP requests sent to the store, retries included
 * @param millis wall-clock time of the pull
 */
public record PullResult(
    String source,
    String location,
    String mode,
    int listed,
    int skipped,
    int current,
    int downloaded,
    long bytes,
    int resumed,
    int removed,
    int unchanged,
    int restated,
    long requests,
    long millis) {}
