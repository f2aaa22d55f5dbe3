-- Days on which a provider's usage spend on a service lay far from its trailing 28-day behaviour.
-- Weekly seasonality: a day is compared with the same weekday of the four weeks before it only.
--   expected  = median of those four days' spend (days without spend count as 0)
--   MAD       = median absolute deviation of those four days from expected
--   scale     = max(1.4826 x MAD, 5 % of |expected|, 1 reporting-currency unit): the floor keeps a
--               perfectly regular series from flagging cents
--   score     = (actual - expected) / scale, a robust z-score; an anomaly when |score| >= 3.5
-- Usage charges only (ChargeCategory Usage): purchases, taxes, credits and adjustments follow the
-- billing calendar, not behaviour. Series run from a service's first day with usage to the last
-- charge day on or before the as-of day; a day needs four weeks of history to be scored.
with spend_rows as (

    select * from spend_daily

),

build_params as (

    select * from stg_build_params

),

usage_daily as (

    select
        spend_rows.charge_date as day,
        spend_rows.provider,
        spend_rows.service_name,
        sum(spend_rows.billed_cost_reporting) as spend

    from spend_rows
    cross join build_params
    where spend_rows.charge_category = 'Usage'
        and spend_rows.charge_date <= build_params.as_of_date
    group by all

),

series as (

    select
        provider,
        service_name,
        min(day) as first_day

    from usage_daily
    group by all

),

last_day as (

    select max(day) as last_day from usage_daily

),

dense as (

    select
        series.provider,
        series.service_name,
        cast(unnest(generate_series(series.first_day, last_day.last_day, interval 1 day)) as date) as day

    from series
    cross join last_day

),

filled as (

    select
        dense.provider,
        dense.service_name,
        dense.day,
        coalesce(usage_daily.spend, 0) as spend

    from dense
    left join usage_daily
        on dense.provider = usage_daily.provider
        and dense.service_name is not distinct from usage_daily.service_name
        and dense.day = usage_daily.day

),

history as (

    select
        *,
        list(spend) over (
            partition by provider, service_name, dayofweek(day)
            order by day
            rows between 4 preceding and 1 preceding
        ) as same_weekday_history

    from filled

),

expected as (

    select
        *,
        list_aggregate(same_weekday_history, 'median') as expected_spend

    from history
    where len(same_weekday_history) = 4

),

scored as (

    select
        *,
        list_aggregate(
            list_transform(same_weekday_history, lambda x: abs(x - expected_spend)),
            'median'
        ) as mad,
        spend - expected_spend as deviation

    from expected

),

scaled as (

    select
        *,
        greatest(1.4826 * mad, 0.05 * abs(expected_spend), 1) as scale

    from scored

),

final as (

    select
        day,
        provider,
        service_name,
        dayname(day) as weekday,
        cast(spend as decimal(38, 10)) as actual_reporting,
        cast(expected_spend as decimal(38, 10)) as expected_reporting,
        cast(deviation as decimal(38, 10)) as deviation_reporting,
        cast(mad as decimal(38, 10)) as mad_reporting,
        cast(deviation / scale as double) as deviation_score,
        case when deviation > 0 then 'spike' else 'drop' end as direction,
        same_weekday_history as same_weekday_history_reporting

    from scaled
    where abs(deviation / scale) >= 3.5

)

select * from final
