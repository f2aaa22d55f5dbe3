-- Billed GPU instances, per day, of which some or all GPUs sent no telemetry.
with instances as (

    select * from gpu_instance_daily

),

final as (

    select
        provider,
        gpu_model,
        day,
        resource_id,
        resource_name,
        instance_type,
        gpu_count,
        gpus_reporting,
        gpus_without_telemetry,
        billed_gpu_hours,
        cast(gpu_cost as decimal(18, 2)) as gpu_cost

    from instances
    where gpus_without_telemetry > 0

)

select * from final
