-- lake/gpu: hourly per-GPU telemetry rollups, one row per telemetry source, GPU and hour; rename
-- and cast only. {{lake_gpu_files}} is filled in by the runner with a list: a zero-row Parquet
-- file typed like lake/gpu, then '<data_dir>/lake/gpu/**/*.parquet' when the lake holds telemetry.
-- Folder names are ignored (hive_partitioning = false): every value is in the file itself.
with lake_gpu as (

    select *
    from read_parquet({{lake_gpu_files}}, hive_partitioning = false, union_by_name = true)

),

final as (

    select
        cast(x_SourceName as varchar) as source_name,
        cast(x_SourceFormat as varchar) as source_format,
        cast(hour as timestamp) as hour,
        cast(cast(hour as timestamp) as date) as day,
        cast(gpu_uuid as varchar) as gpu_uuid,
        cast(gpu_index as integer) as gpu_index,
        cast(hostname as varchar) as hostname,
        cast(instance_id as varchar) as instance_id,
        cast(provider as varchar) as provider,
        cast(gpu_model as varchar) as gpu_model,
        cast(gpu_model_name as varchar) as gpu_model_name,
        cast(mig_enabled as boolean) as mig_enabled,
        cast(k8s_namespace as varchar) as k8s_namespace,
        cast(k8s_pod as varchar) as k8s_pod,
        cast(bill_match as varchar) as bill_match,
        cast(sample_count as bigint) as sample_count,
        cast(sample_interval_s as double) as sample_interval_s,
        cast(sample_coverage as double) as sample_coverage,
        cast(active_ratio as double) as active_ratio,
        cast(active_source as varchar) as active_source,
        cast(tensor_active_ratio as double) as tensor_active_ratio,
        cast(memory_used_mib as double) as memory_used_mib,
        cast(memory_used_max_mib as double) as memory_used_max_mib,
        cast(power_avg_w as double) as power_avg_w,
        cast(energy_kwh as double) as energy_kwh,
        cast(energy_source as varchar) as energy_source,
        cast(xid_events as integer) as xid_events,
        cast(last_xid as integer) as last_xid,
        cast(first_sample_at as timestamp) as first_sample_at,
        cast(last_sample_at as timestamp) as last_sample_at,
        cast(x_RunId as varchar) as run_id

    from lake_gpu

)

select * from final
