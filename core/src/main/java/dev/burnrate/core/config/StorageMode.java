package dev.burnrate.core.config;

/**
 * How the jobs read an object-store source (option {@code storage.mode}, per source or in
 * pipeline.yaml's top-level {@code storage:} block).
 *
 * <ul>
 *   <li>{@code copy}: the pull step downloads the current delivery into {@code
 *       data_dir/landing/<source>/}; the ingest reads that copy.
 *   <li>{@code direct}: the pull step only lists and decides which objects are the current delivery
 *       and writes their URIs to a {@link PullPlan}; Spark reads those objects from the store
 *       itself ({@code s3a://}). S3 sources only, and not OCI's reports ({@link OciReports}: they
 *       outlive the bucket's retention only as copies).
 *   <li>{@code auto} (default): {@code copy} when Spark runs in local mode, {@code direct} on a
 *       cluster ({@code spark.master} not {@code local...}), where executors do not share the
 *       driver's disk. Azure sources and OCI's reports stay {@code copy}.
 * </ul>
 */
public enum StorageMode implements Keyed {
  COPY,
  DIRECT,
  AUTO
}
