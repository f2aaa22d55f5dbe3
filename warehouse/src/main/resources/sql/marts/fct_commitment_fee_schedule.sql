-- The Recurring fees (monthly RI and Savings Plan fees) the forecast expects, one row per
-- commitment and projected fee. Rule: each Recurring burn of the contract (same category and unit)
-- in the month up to the run-rate window's end, (W - 1 month, W], recurs on the same day of each
-- later month (the month's last day when it is shorter) from forecast_from until period_end. A
-- fee that stopped last month is not projected; one first billed this month is. One-Time
-- purchases are never repeated.
with commitments as (

    select * from dim_contract_commitments

),

forecast_window as (

    select * from int_commitment_forecast_window

),

burn_daily as (

    select * from fct_commitment_burn_daily

),

recent_fees as (

    select
        commitments.commitment_id,
        forecast_window.forecast_from,
        commitments.period_end,
        burn_daily.charge_date as fee_date,
        sum(burn_daily.burned) as amount

    from commitments
    inner join forecast_window
        on commitments.commitment_id = forecast_window.commitment_id
    inner join burn_daily
        on burn_daily.contract_id = commitments.contract_id
        and burn_daily.category = commitments.category
        and burn_daily.unit = commitments.unit
        and burn_daily.charge_frequency = 'Recurring'
        and burn_daily.charge_date > forecast_window.run_rate_window_end - interval 1 month
        and burn_daily.charge_date <= forecast_window.run_rate_window_end
    where forecast_window.forecast_days > 0
    group by all

),

repeated as (

    select
        commitment_id,
        forecast_from,
        period_end,
        fee_date,
        amount,
        cast(fee_date + to_months(cast(unnest(
            generate_series(1, date_diff('month', fee_date, period_end) + 1)
        ) as integer)) as date) as projected_date

    from recent_fees

),

final as (

    select
        commitment_id,
        fee_date,
        projected_date,
        cast(amount as decimal(38, 10)) as amount

    from repeated
    where projected_date >= forecast_from
        and projected_date < period_end

)

select * from final
