-- Telemetry that matches no bill row, per day, telemetry source, host and reason: the GPUs the
-- fleet sees but the bill does not show (a host the matching rules of fct_gpu_hourly cannot tie to
-- a bill key, a host billed on other days only, a source with no provider). Every fct_gpu_hourly row
-- without a resource_key is counted here.
with telemetry as (

    select * from fct_gpu_hourly where resource_key is null

),

final as (

    select
        day,
        source_name,
        hostname,
        instance_id,
        provider,
        gpu_model,
        unmatched_reason,
        cast(count(distinct gpu_uuid) as integer) as gpus,
        sum(sample_coverage) as telemetry_gpu_hours,
        coalesce(sum(active_ratio * sample_coverage), 0) as active_gpu_hours

    from telemetry
    group by day, source_name, hostname, instance_id, provider, gpu_model, unmatched_reason

)

select * from final
