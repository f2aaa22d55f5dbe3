-- The PDF's GPU efficiency table: per provider and GPU model, over the GPU window (rpt_gpu_window:
-- the 7 days ending on the as-of day, narrowed to the days with telemetry of a billed GPU, all 7
-- when none has any, so GPU-hours billed before telemetry began show with coverage 0, no active
-- share and all their cost unobserved). No rows when no GPU-hours were billed in the window.
-- The sums of fct_gpu_efficiency_daily over the window, with its formulas: coverage = observed /
-- billed GPU-hours (how much of the fleet the telemetry sees), active share = active / (observed -
-- unknown activity), null when nothing of known activity was observed, cost per active GPU-hour =
-- (active cost + idle cost) / active GPU-hours. Unobserved GPU-hours are neither active nor idle:
-- their cost is unobserved_cost.
with daily as (

    select * from fct_gpu_efficiency_daily

),

window_days as (

    select * from rpt_gpu_window

),

in_window as (

    select daily.*, window_days.window_start, window_days.window_end
    from daily, window_days
    where daily.day between window_days.window_start and window_days.window_end

),

grouped as (

    select
        provider,
        gpu_model,
        min(window_start) as window_start,
        min(window_end) as window_end,
        sum(billed_gpu_hours) as billed_gpu_hours,
        sum(observed_gpu_hours) as observed_gpu_hours,
        sum(active_gpu_hours) as active_gpu_hours,
        sum(unknown_activity_gpu_hours) as unknown_activity_gpu_hours,
        sum(gpu_cost) as gpu_cost,
        sum(active_cost) as active_cost,
        sum(idle_cost) as idle_cost,
        sum(unobserved_cost) as unobserved_cost,
        sum(energy_kwh) as energy_kwh,
        max(gpus_billed) as gpus_billed,
        max(gpus_without_telemetry) as gpus_without_telemetry

    from in_window
    group by provider, gpu_model

),

final as (

    select
        cast(provider as varchar) as provider,
        cast(gpu_model as varchar) as gpu_model,
        cast(window_start as date) as window_start,
        cast(window_end as date) as window_end,
        cast(billed_gpu_hours as double) as billed_gpu_hours,
        cast(observed_gpu_hours as double) as observed_gpu_hours,
        cast(active_gpu_hours as double) as active_gpu_hours,
        cast(100 * observed_gpu_hours / nullif(billed_gpu_hours, 0) as double) as coverage_pct,
        cast(
            100 * active_gpu_hours / nullif(observed_gpu_hours - unknown_activity_gpu_hours, 0)
            as double
        ) as active_pct,
        cast(gpu_cost as decimal(18, 2)) as gpu_cost,
        cast(gpu_cost / nullif(billed_gpu_hours, 0) as decimal(18, 2)) as cost_per_gpu_hour,
        cast(
            (active_cost + idle_cost) / nullif(active_gpu_hours, 0) as decimal(18, 2)
        ) as cost_per_active_gpu_hour,
        cast(idle_cost as decimal(18, 2)) as idle_cost,
        cast(unobserved_cost as decimal(18, 2)) as unobserved_cost,
        cast(energy_kwh as double) as energy_kwh,
        cast(gpus_billed as integer) as gpus_billed,
        cast(gpus_without_telemetry as integer) as gpus_without_telemetry

    from grouped

)

select * from final
