-- One row per day up to the as-of day, with the flags analysts filter on, so that "month to date"
-- and "the same span last month" mean what rpt_summary means by them:
--   mtd: the first of the as-of month through the as-of day; prior_mtd: the same span one month
--   earlier (from the first of the prior month through the as-of day minus one month, which DuckDB
--   clamps to the month's last day: Mar 31 -> Feb 28); qtd / prior_qtd and ytd / prior_ytd alike
--   with three months and one year.
-- Completeness: a provider's data is complete through its last complete day (int_provider_data_days,
-- as fct_provider_freshness shows it: its newest usage-based ChargePeriodEnd reaches the day's end).
-- is_complete says every ProviderName of focus_cost with usage data is complete through the day; incomplete_providers lists those that are not, so
-- the last days of a month-to-date figure can be read with care (bills arrive 1-3 days late).
-- Days run from the first of the year before the as-of year (or the first charge day, if earlier).
with build_params as (

    select * from stg_build_params

),

cost_rows as (

    select * from focus_cost

),

data_days as (

    select * from int_provider_data_days

),

providers as (

    select
        data_days.provider,
        data_days.last_complete_day

    from data_days
    where data_days.provider in (select ProviderName from cost_rows)

),

bounds as (

    select
        build_params.as_of_date,
        cast(date_trunc('month', build_params.as_of_date) as date) as month_start,
        cast(date_trunc('quarter', build_params.as_of_date) as date) as quarter_start,
        cast(date_trunc('year', build_params.as_of_date) as date) as year_start,
        least(
            cast(date_trunc('year', build_params.as_of_date) - interval 1 year as date),
            (select min(x_ChargeDate) from cost_rows)
        ) as first_day

    from build_params

),

days as (

    select
        cast(unnest(generate_series(first_day, as_of_date, interval 1 day)) as date) as day

    from bounds

),

incomplete as (

    select
        days.day,
        list(providers.provider order by providers.provider) as incomplete_providers

    from days
    inner join providers
        on providers.last_complete_day < days.day
    group by days.day

),

final as (

    select
        days.day,
        bounds.as_of_date,
        days.day = bounds.as_of_date as is_as_of_day,
        cast(date_trunc('month', days.day) as date) as month,
        dayname(days.day) as weekday,
        days.day >= bounds.month_start as is_mtd,
        days.day between cast(bounds.month_start - interval 1 month as date)
            and cast(bounds.as_of_date - interval 1 month as date) as is_prior_mtd,
        days.day >= bounds.quarter_start as is_qtd,
        days.day between cast(bounds.quarter_start - interval 3 month as date)
            and cast(bounds.as_of_date - interval 3 month as date) as is_prior_qtd,
        days.day >= bounds.year_start as is_ytd,
        days.day between cast(bounds.year_start - interval 1 year as date)
            and cast(bounds.as_of_date - interval 1 year as date) as is_prior_ytd,
        incomplete.day is null as is_complete,
        coalesce(incomplete.incomplete_providers, []) as incomplete_providers

    from days
    cross join bounds
    left join incomplete
        on incomplete.day = days.day

)

select * from final
