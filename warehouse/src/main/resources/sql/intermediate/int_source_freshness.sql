-- Source freshness, the one place its rule lives: per configured source, the whole hours between
-- the end of the newest data the lake holds for it (a billing source's newest ChargePeriodEnd, a
-- telemetry source's newest hour + 1 h) and the end of the as-of day, and the verdict against its
-- thresholds: error past error_after_hours, late past warn_after_hours, unknown without thresholds
-- or data to judge, else ok. A source with thresholds and no data at all is as late as can be.
-- Only data dated on or before the as-of day counts (a charge day, a telemetry hour), so a report
-- for a past day judges freshness as that day's report would have.
-- The ingest stage evaluates this same model (dev.burnrate.warehouse.SourceFreshness) right after
-- ingesting: it warns for late and fails with exit 3 for error.
with sources as (

    select * from stg_pipeline_sources

),

build_params as (

    select * from stg_build_params

),

lake_cost as (

    select * from stg_focus_cost

),

lake_gpu as (

    select * from stg_gpu_hourly

),

newest_charge as (

    select
        lake_cost.x_SourceName as source,
        max(lake_cost.ChargePeriodEnd) as newest_data_end

    from lake_cost
    cross join build_params
    where cast(lake_cost.ChargePeriodStart as date) <= build_params.as_of_date
    group by lake_cost.x_SourceName

),

newest_telemetry as (

    select
        lake_gpu.source_name as source,
        max(lake_gpu.hour) + interval 1 hour as newest_data_end

    from lake_gpu
    cross join build_params
    where lake_gpu.hour < cast(build_params.as_of_date + 1 as timestamp)
    group by lake_gpu.source_name

),

newest_data as (

    select * from newest_charge
    union all
    select * from newest_telemetry

),

newest as (

    select
        source,
        max(newest_data_end) as newest_data_end

    from newest_data
    group by source

),

measured as (

    select
        sources.source,
        sources.format,
        sources.source_order,
        sources.warn_after_hours,
        sources.error_after_hours,
        newest.newest_data_end,
        date_sub('hour', newest.newest_data_end, cast(build_params.as_of_date + 1 as timestamp))
            as hours_before_day_end

    from sources
    cross join build_params
    left join newest
        on newest.source = sources.source

),

final as (

    select
        source,
        format,
        source_order,
        newest_data_end,
        -- greatest() skips nulls: without data there is no lateness to show
        cast(case when newest_data_end is not null then greatest(0, hours_before_day_end) end as integer)
            as hours_late,
        warn_after_hours,
        error_after_hours,
        case
            when error_after_hours is not null
                and (newest_data_end is null or hours_before_day_end > error_after_hours)
                then 'error'
            when warn_after_hours is not null
                and (newest_data_end is null or hours_before_day_end > warn_after_hours)
                then 'late'
            when warn_after_hours is null and error_after_hours is null then 'unknown'
            else 'ok'
        end as freshness_status

    from measured

)

select * from final
