-- Per provider, the last complete day of data the lake holds: the run-rate window of a commitment
-- ends there (fct_commitment_status), not at the as-of day, because bills arrive 1-3 days late and
-- differently per provider. "Newest data" means what int_source_freshness means by it, the newest
-- ChargePeriodEnd, here over the provider's usage-based rows only (a one-time purchase or a
-- monthly fee can carry a ChargePeriodEnd weeks or years ahead). A day is complete when that end
-- reaches the day's end: hourly rows ending at 14:00 leave their day partial, so the day before is
-- the last complete one. Rows are keyed by both ProviderName and ServiceProviderName, so a
-- contract naming either finds its provider.
with cost_rows as (

    select * from stg_focus_cost

),

usage_rows as (

    select
        ProviderName,
        ServiceProviderName,
        ChargePeriodEnd

    from cost_rows
    where coalesce(ChargeFrequency, 'Usage-Based') not in ('One-Time', 'Recurring')
        and ChargePeriodEnd is not null

),

provider_names as (

    select ProviderName as provider, ChargePeriodEnd from usage_rows where ProviderName is not null
    union all
    select ServiceProviderName as provider, ChargePeriodEnd
    from usage_rows
    where ServiceProviderName is not null and ServiceProviderName <> coalesce(ProviderName, '')

),

final as (

    select
        provider,
        max(ChargePeriodEnd) as newest_data_end,
        cast(date_trunc('day', max(ChargePeriodEnd)) as date) - 1 as last_complete_day

    from provider_names
    group by provider

)

select * from final
