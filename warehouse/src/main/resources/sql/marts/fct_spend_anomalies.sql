-- Days on which a provider's usage spend on a service lay far from its trailing 28-day behaviour.
-- Weekly seasonality: a day is compared with the same weekday of the four weeks before it only.
--   expected  = median of those four days' spend (days without spend count as 0)
--   MAD       = median absolute deviation of those four days from expected
--   scale     = max(1.4826 x MAD, 5 % of |expected|, 1 reporting-currency unit): the floor keeps a
--               perfectly regular series from flagging cents
--   score     = (actual - expected) / scale, a robust z-score, bounded to [-20, 20]: past 20 the
--               series hardly varies and the score only says "far"; deviation_reporting says how far
-- An anomaly needs |score| >= 3.5 and |actual - expected| >= anomalies.min_deviation (pipeline.yaml,
-- reporting currency, default 100), so a steady series never flags a few dollars.
-- Behaviour only: usage charges (ChargeCategory Usage) that are usage-based (ChargeFrequency neither
-- Recurring nor One-Time). Purchases, taxes, credits and adjustments follow the billing calendar, and
-- so do scheduled charges billed as usage: a monthly support fee or commitment fee (Recurring) lands
-- on its day every month, as fct_commitment_fee_schedule projects it, and is not behaviour. Series run
-- from a service's first day with usage to the last charge day on or before the as-of day; a day
-- needs four weeks of history to be scored.
with cost_rows as (

    select * from focus_cost

),

build_params as (

    select * from stg_build_params

),

usage_daily as (

    select
        cost_rows.x_ChargeDate as day,
        cost_rows.ProviderName as provider,
        cost_rows.ServiceName as service_name,
        sum(cost_rows.x_BilledCostReporting) as spend

    from cost_rows
    cross join build_params
    where cost_rows.ChargeCategory = 'Usage'
        and coalesce(cost_rows.ChargeFrequency, 'Usage-Based') not in ('Recurring', 'One-Time')
        and cost_rows.x_ChargeDate <= build_params.as_of_date
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

bounded as (

    select
        scaled.*,
        greatest(-20, least(20, deviation / scale)) as score,
        build_params.anomaly_min_deviation

    from scaled
    cross join build_params

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
        cast(score as double) as deviation_score,
        case when deviation > 0 then 'spike' else 'drop' end as direction,
        same_weekday_history as same_weekday_history_reporting

    from bounded
    where abs(score) >= 3.5
        and abs(deviation) >= anomaly_min_deviation

)

select * from final
