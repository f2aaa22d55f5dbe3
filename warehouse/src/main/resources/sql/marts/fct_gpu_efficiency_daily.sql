-- What a GPU-hour really costs, per provider, GPU model and day, and how much of the fleet the
-- telemetry sees: the sums of fct_gpu_instance_daily (cost split into active, idle, unknown activity
-- and unobserved; see there), with
--   coverage_share           = observed_gpu_hours / billed_gpu_hours
--   cost_per_gpu_hour        = gpu_cost / billed_gpu_hours
--   active_share             = active / (observed - unknown activity): the busy share of the
--                              hours whose activity is known; null when none is
--   cost_per_active_gpu_hour = (active_cost + idle_cost) / active_gpu_hours: the cost of the
--                              hours whose activity is known, per active hour among them; null
--                              when nothing was active. It is cost_per_gpu_hour / active_share.
-- Unobserved GPU-hours (no telemetry) are neither active nor idle: they are not guessed at.
with instances as (

    select * from fct_gpu_instance_daily

),

grouped as (

    select
        provider,
        gpu_model,
        day,
        sum(billed_gpu_hours) as billed_gpu_hours,
        sum(telemetry_gpu_hours) as telemetry_gpu_hours,
        sum(observed_gpu_hours) as observed_gpu_hours,
        sum(active_gpu_hours) as active_gpu_hours,
        sum(unknown_activity_gpu_hours) as unknown_activity_gpu_hours,
        sum(unobserved_gpu_hours) as unobserved_gpu_hours,
        sum(gpu_cost) as gpu_cost,
        sum(active_cost) as active_cost,
        sum(idle_cost) as idle_cost,
        sum(unknown_activity_cost) as unknown_activity_cost,
        sum(unobserved_cost) as unobserved_cost,
        sum(energy_kwh) as energy_kwh,
        cast(sum(gpus_billed) as integer) as gpus_billed,
        cast(sum(gpus_without_telemetry) as integer) as gpus_without_telemetry

    from instances
    group by provider, gpu_model, day

),

final as (

    select
        provider,
        gpu_model,
        day,
        billed_gpu_hours,
        telemetry_gpu_hours,
        observed_gpu_hours,
        active_gpu_hours,
        unknown_activity_gpu_hours,
        unobserved_gpu_hours,
        observed_gpu_hours / nullif(billed_gpu_hours, 0) as coverage_share,
        active_gpu_hours / nullif(observed_gpu_hours - unknown_activity_gpu_hours, 0)
            as active_share,
        cast(gpu_cost as decimal(18, 2)) as gpu_cost,
        cast(gpu_cost / nullif(billed_gpu_hours, 0) as decimal(18, 4)) as cost_per_gpu_hour,
        cast(
            (active_cost + idle_cost) / nullif(active_gpu_hours, 0) as decimal(18, 4)
        ) as cost_per_active_gpu_hour,
        cast(active_cost as decimal(18, 2)) as active_cost,
        cast(idle_cost as decimal(18, 2)) as idle_cost,
        cast(unknown_activity_cost as decimal(18, 2)) as unknown_activity_cost,
        cast(unobserved_cost as decimal(18, 2)) as unobserved_cost,
        energy_kwh,
        gpus_billed,
        gpus_without_telemetry

    from grouped

)

select * from final
