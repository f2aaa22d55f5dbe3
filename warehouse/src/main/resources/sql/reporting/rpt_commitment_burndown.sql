-- fct_commitment_cumulative_daily for the report's burn-down charts: the current commitment periods only,
-- amounts DECIMAL(18,2) in the commitment's unit.
with burndown_rows as (

    select * from fct_commitment_cumulative_daily

),

current_commitments as (

    select commitment_id

    from fct_commitment_status
    where is_current

),

final as (

    select
        burndown_rows.contract_id,
        burndown_rows.commitment_id,
        burndown_rows.provider,
        burndown_rows.category,
        burndown_rows.unit,
        burndown_rows.period_start,
        burndown_rows.period_end,
        burndown_rows.day,
        cast(burndown_rows.committed as decimal(18, 2)) as committed,
        cast(burndown_rows.burned_cumulative as decimal(18, 2)) as burned_cumulative,
        cast(burndown_rows.required_cumulative as decimal(18, 2)) as required_cumulative,
        cast(burndown_rows.forecast as decimal(18, 2)) as forecast,
        cast(burndown_rows.forecast_low as decimal(18, 2)) as forecast_low,
        cast(burndown_rows.forecast_high as decimal(18, 2)) as forecast_high

    from burndown_rows
    inner join current_commitments
        on burndown_rows.commitment_id = current_commitments.commitment_id

)

select * from final
