-- Source freshness, the one place its rule lives: per configured source, the whole hours between
-- the end of the newest data the lake holds for it (a billing source's newest ChargePeriodEnd over
-- its usage-based rows, since a monthly fee or a purchase can end weeks or years ahead; over all its
-- rows when it has only those; a telemetry source's newest hour + 1 h) and the end of the as-of day, and the verdict against its
-- thresholds: error past error_after_hours, late past warn_after_hours, unknown without thresholds
-- or data to judge, else ok. A source with thresholds and no data at all is as late as can be.
-- Only data dated on or before the as-of day counts (a charge day, a telemetry hour), so a report
-- for a past day judges freshness as that day's report would have.
--
-- A retired feed is not late: a billing source is retired when another billing source of the same
-- provider holds newer data for every billing account the first one delivered, i.e. the provider
-- moved those accounts to a new export (a CUR replaced by CUR 2.0 or FOCUS, a new Azure export).
-- Its status is 'retired' whatever its age; hours_late still says how old its data is. A feed that
-- stops while no other feed of its provider carries its accounts on is late, as before.
-- provider is the feed's ProviderName (the most frequent one, should a feed hold several); null for
-- telemetry sources and sources without data.
--
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

account_data as (

    select
        lake_cost.x_SourceName as source,
        lake_cost.BillingAccountId as billing_account_id,
        max(lake_cost.ChargePeriodEnd) as newest_data_end

    from lake_cost
    cross join build_params
    where coalesce(lake_cost.ChargeFrequency, 'Usage-Based') not in ('One-Time', 'Recurring')
        and cast(lake_cost.ChargePeriodStart as date) <= build_params.as_of_date
    group by all

),

newest_charge as (

    select
        lake_cost.x_SourceName as source,
        mode(lake_cost.ProviderName) as provider,
        coalesce(
            max(lake_cost.ChargePeriodEnd) filter (
                where coalesce(lake_cost.ChargeFrequency, 'Usage-Based')
                    not in ('One-Time', 'Recurring')
            ),
            max(lake_cost.ChargePeriodEnd)
        ) as newest_data_end,
        count(distinct lake_cost.BillingAccountId) filter (
            where coalesce(lake_cost.ChargeFrequency, 'Usage-Based') not in ('One-Time', 'Recurring')
        ) as billing_accounts

    from lake_cost
    cross join build_params
    where cast(lake_cost.ChargePeriodStart as date) <= build_params.as_of_date
    group by lake_cost.x_SourceName

),

newest_telemetry as (

    select
        lake_gpu.source_name as source,
        cast(null as varchar) as provider,
        max(lake_gpu.hour) + interval 1 hour as newest_data_end,
        0 as billing_accounts

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
        any_value(provider) filter (where provider is not null) as provider,
        max(newest_data_end) as newest_data_end,
        max(billing_accounts) as billing_accounts

    from newest_data
    group by source

),

-- per (feed, later feed of the same provider): how many of the feed's accounts the later one
-- carries on past the feed's newest data
carried_on as (

    select
        feed.source,
        later.source as later_source,
        count(distinct feed_accounts.billing_account_id) as accounts_carried

    from newest as feed
    inner join newest as later
        on later.provider = feed.provider
        and later.source <> feed.source
        and later.newest_data_end > feed.newest_data_end
    inner join account_data as feed_accounts
        on feed_accounts.source = feed.source
    inner join account_data as later_accounts
        on later_accounts.source = later.source
        and later_accounts.billing_account_id is not distinct from feed_accounts.billing_account_id
        and later_accounts.newest_data_end > feed.newest_data_end
    group by all

),

retired as (

    select
        carried_on.source,
        min(carried_on.later_source) as retired_by_source

    from carried_on
    inner join newest
        on newest.source = carried_on.source
    where carried_on.accounts_carried = newest.billing_accounts
    group by carried_on.source

),

measured as (

    select
        sources.source,
        sources.format,
        sources.kind,
        sources.source_order,
        sources.warn_after_hours,
        sources.error_after_hours,
        newest.provider,
        newest.newest_data_end,
        retired.retired_by_source,
        date_sub('hour', newest.newest_data_end, cast(build_params.as_of_date + 1 as timestamp))
            as hours_before_day_end

    from sources
    cross join build_params
    left join newest
        on newest.source = sources.source
    left join retired
        on retired.source = sources.source

),

final as (

    select
        source,
        format,
        kind,
        source_order,
        provider,
        newest_data_end,
        -- greatest() skips nulls: without data there is no lateness to show
        cast(case when newest_data_end is not null then greatest(0, hours_before_day_end) end as integer)
            as hours_late,
        warn_after_hours,
        error_after_hours,
        retired_by_source,
        case
            when retired_by_source is not null then 'retired'
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
