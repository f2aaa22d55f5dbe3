-- Freshness per provider, beside the per-feed verdicts of int_source_freshness (which
-- rpt_data_quality shows): one row per provider that a billing source delivers. A provider is as
-- fresh as its least fresh active feed; retired feeds (the provider moved their accounts to a newer
-- export, see int_source_freshness) are listed but never make it late.
--   last_complete_day: the last day whose usage data has fully arrived (int_provider_data_days: the
--   newest usage-based ChargePeriodEnd reaches the day's end), at most the as-of day.
with feeds as (

    select * from int_source_freshness

),

data_days as (

    select * from int_provider_data_days

),

build_params as (

    select * from stg_build_params

),

ranked as (

    select
        *,
        case freshness_status
            when 'error' then 4
            when 'late' then 3
            when 'ok' then 2
            when 'unknown' then 1
        end as severity

    from feeds
    where provider is not null

),

per_provider as (

    select
        provider,
        list(source order by source_order) filter (where freshness_status <> 'retired')
            as active_sources,
        list(source order by source_order) filter (where freshness_status = 'retired')
            as retired_sources,
        max(newest_data_end) as newest_data_end,
        max(hours_late) filter (where freshness_status <> 'retired') as hours_late,
        arg_max(freshness_status, severity) filter (where freshness_status <> 'retired')
            as freshness_status

    from ranked
    group by provider

),

final as (

    select
        per_provider.provider,
        coalesce(per_provider.active_sources, []) as active_sources,
        coalesce(per_provider.retired_sources, []) as retired_sources,
        per_provider.newest_data_end,
        least(data_days.last_complete_day, build_params.as_of_date) as last_complete_day,
        per_provider.hours_late,
        per_provider.freshness_status

    from per_provider
    cross join build_params
    left join data_days
        on data_days.provider = per_provider.provider

)

select * from final
