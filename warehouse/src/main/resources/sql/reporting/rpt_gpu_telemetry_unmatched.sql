-- The PDF's line on telemetry that matches no bill: per reason, the GPUs and hosts of
-- fct_gpu_telemetry_unmatched_daily's rows (fct_gpu_hourly rows without a bill row) over the GPU window
-- (rpt_gpu_window, as rpt_gpu_efficiency; never after the as-of day), each counted once however
-- many days of the window it sent telemetry. No rows: all telemetry of the window matched a bill.
with unmatched as (

    select * from fct_gpu_hourly where resource_key is null

),

window_days as (

    select * from rpt_gpu_window

),

grouped as (

    select
        window_days.window_start,
        window_days.window_end,
        unmatched.unmatched_reason,
        count(distinct unmatched.gpu_uuid) as gpus,
        count(distinct unmatched.hostname) as hosts,
        sum(unmatched.sample_coverage) as telemetry_gpu_hours

    from unmatched, window_days
    where unmatched.day between window_days.window_start and window_days.window_end
    group by all

),

final as (

    select
        cast(window_start as date) as window_start,
        cast(window_end as date) as window_end,
        cast(unmatched_reason as varchar) as unmatched_reason,
        -- the reason's name, without the remedy after its colon
        cast(split_part(unmatched_reason, ':', 1) as varchar) as reason,
        cast(gpus as integer) as gpus,
        cast(hosts as integer) as hosts,
        cast(telemetry_gpu_hours as double) as telemetry_gpu_hours

    from grouped

)

select * from final
