-- The days the PDF's GPU page covers (rpt_gpu_efficiency, rpt_gpu_telemetry_unmatched), one row:
-- the 7 days ending on the as-of day, narrowed to the first to the last of them on which a billed
-- GPU sent telemetry (fct_gpu_efficiency_daily.telemetry_gpu_hours > 0). When none of them has any (an
-- as-of day before telemetry began, or a collector that stopped), all 7 days: the GPU-hours billed
-- in them are then told as unobserved, not left out. Never a day after the as-of day.
with daily as (

    select * from fct_gpu_efficiency_daily

),

params as (

    select as_of_date from stg_build_params

),

telemetry_days as (

    select daily.day
    from daily, params
    where daily.telemetry_gpu_hours > 0
        and daily.day between params.as_of_date - 6 and params.as_of_date

),

final as (

    select
        cast(coalesce(min(telemetry_days.day), params.as_of_date - 6) as date) as window_start,
        cast(coalesce(max(telemetry_days.day), params.as_of_date) as date) as window_end,
        count(distinct telemetry_days.day) > 0 as has_telemetry

    from params
    left join telemetry_days on true
    group by params.as_of_date

)

select * from final
