-- commitment_status in the report's types: amounts DECIMAL(18,2) in the commitment's unit (the
-- contract currency for Spend), burn_pct DOUBLE, days INTEGER.
with commitment_status_rows as (

    select * from commitment_status

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
        burn_method,
        is_current

    from commitment_status_rows

)

select * from final
