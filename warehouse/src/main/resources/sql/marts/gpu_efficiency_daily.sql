-- What a GPU-hour really costs, per provider, GPU model and day: billed GPU-hours and their cost
-- against the hours the GPUs were observed and busy.
--   known_gpu_hours          = billed_gpu_hours - unknown_activity_gpu_hours
--   cost_per_gpu_hour        = gpu_cost / billed_gpu_hours
--   cost_per_active_gpu_hour = gpu_cost x known / billed / active_gpu_hours (null when nothing
--                              was active): the cost of the hours whose activity is known, per
--                              active hour among them
--   idle_cost                = gpu_cost x (known - active_gpu_hours) / billed_gpu_hours
-- A billed GPU without telemetry counts as billed and never active. A GPU-hour whose telemetry
-- has no activity metric (unknown_activity_gpu_hours) is unknown, neither active nor idle; without
-- such hours the formulas are gpu_cost / active and gpu_cost x (1 - active / billed).
with instances as (

    select * from gpu_instance_daily

),

grouped as (

    select
        provider,
        gpu_model,
        day,
        sum(billed_gpu_hours) as billed_gpu_hours,
        sum(telemetry_gpu_hours) as telemetry_gpu_hours,
        sum(active_gpu_hours) as active_gpu_hours,
        sum(unknown_activity_gpu_hours) as unknown_activity_gpu_hours,
        sum(gpu_cost) as gpu_cost,
        sum(energy_kwh) as energy_kwh,
        cast(sum(gpu_count) as integer) as gpus_billed,
        cast(sum(gpus_without_telemetry) as integer) as gpus_without_telemetry

    from instances
    group by provider, gpu_model, day

),

known as (

    select
        *,
        least(greatest(billed_gpu_hours - unknown_activity_gpu_hours, 0), billed_gpu_hours)
            / nullif(billed_gpu_hours, 0) as known_share

    from grouped

),

final as (

    select
        provider,
        gpu_model,
        day,
        billed_gpu_hours,
        telemetry_gpu_hours,
        active_gpu_hours,
        unknown_activity_gpu_hours,
        cast(gpu_cost as decimal(18, 2)) as gpu_cost,
        cast(gpu_cost / nullif(billed_gpu_hours, 0) as decimal(18, 4)) as cost_per_gpu_hour,
        cast(
            gpu_cost * known_share / nullif(active_gpu_hours, 0) as decimal(18, 4)
        ) as cost_per_active_gpu_hour,
        cast(
            gpu_cost * greatest(
                coalesce(known_share, 1)
                    - coalesce(active_gpu_hours / nullif(billed_gpu_hours, 0), 0),
                0
            )
            as decimal(18, 2)
        ) as idle_cost,
        energy_kwh,
        gpus_billed,
        gpus_without_telemetry

    from known

)

select * from final
