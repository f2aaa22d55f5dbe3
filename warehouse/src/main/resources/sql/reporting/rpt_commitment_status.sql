-- fct_commitment_status in the report's types: amounts DECIMAL(18,2) in the commitment's unit (the
-- contract currency for Spend) and, for Spend, in the reporting currency; burn_pct DOUBLE, days
-- INTEGER. status 'upcoming' marks periods that have not started, 'no_data' started periods without
-- any charge of the provider up to the as-of day (neither has a shortfall or is ever red).
-- projected_shortfall_cost (contract currency) and projected_shortfall_reporting value the
-- shortfall in money for Usage commitments too, at the contract's rate (null without one).
with commitment_status_rows as (

    select * from fct_commitment_status

),

final as (

    select
        contract_id,
        commitment_id,
        provider,
        category,
        unit,
        period_start,
        period_end,
        cast(committed as decimal(18, 2)) as committed,
        cast(burned as decimal(18, 2)) as burned,
        cast(expected_to_date as decimal(18, 2)) as expected_to_date,
        cast(pace_delta as decimal(18, 2)) as pace_delta,
        cast(forecast_at_period_end as decimal(18, 2)) as forecast_at_period_end,
        cast(projected_shortfall as decimal(18, 2)) as projected_shortfall,
        cast(burn_pct as double) as burn_pct,
        cast(days_ahead_or_behind as integer) as days_ahead_or_behind,
        status,
        is_current,
        cast(forecast_low as decimal(18, 2)) as forecast_low,
        cast(forecast_high as decimal(18, 2)) as forecast_high,
        cast(run_rate_daily as decimal(18, 2)) as run_rate_daily,
        currency,
        reporting_currency,
        cast(committed_reporting as decimal(18, 2)) as committed_reporting,
        cast(burned_reporting as decimal(18, 2)) as burned_reporting,
        cast(forecast_at_period_end_reporting as decimal(18, 2)) as forecast_at_period_end_reporting,
        cast(projected_shortfall_reporting as decimal(18, 2)) as projected_shortfall_reporting,
        cast(usage_rate as decimal(18, 4)) as usage_rate,
        cast(projected_shortfall_cost as decimal(18, 2)) as projected_shortfall_cost

    from commitment_status_rows

)

select * from final
