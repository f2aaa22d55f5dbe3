-- Billed GPU instances, per day, of which some or all GPUs sent no telemetry, from the fleet's
-- first day with any telemetry on (any provider's, so a provider that sends none at all is listed):
-- days before telemetry collection began are not "missing". Their cost is unobserved either way
-- (fct_gpu_instance_daily).
with instances as (

    select * from fct_gpu_instance_daily

),

telemetry_start as (

    select min(cast(hour as date)) as first_day from fct_gpu_hourly

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
        unobserved_gpu_hours,
        cast(gpu_cost as decimal(18, 2)) as gpu_cost,
        cast(unobserved_cost as decimal(18, 2)) as unobserved_cost

    from instances, telemetry_start
    where instances.gpus_without_telemetry > 0
        and instances.day >= telemetry_start.first_day

)

select * from final
