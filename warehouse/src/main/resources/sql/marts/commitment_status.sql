-- One row per contract commitment period: burn, straight-line pace, trailing run rate and the
-- forecast at period end, as of the build's as-of day.
--   expected_to_date = committed x elapsed_days / period_days (straight line)
--   run_rate_daily   = burn of the same contract, category and unit over the 30 days up to the
--                      as-of day (fewer when the contract started less than 30 days ago), per day
--   forecast         = burned + run_rate_daily x remaining_days; low and high use the slower and
--                      the faster of the 7-day and 30-day rates
--   status           = closed periods: green when burned >= committed, else red; open periods:
--                      green when forecast >= committed, amber when >= 90 %, else red; green
--                      while the contract has not started (no run rate, forecast null)
-- *_reporting amounts convert the contract currency at its rate on the as-of day.
with commitments as (

    select * from dim_contract_commitments

),

burn_daily as (

    select * from fct_commitment_burn_daily

),

burned_to_date as (

    select
        commitment_id,
        sum(burned) as burned

    from burn_daily
    group by commitment_id

),

trailing_burn as (

    -- across period boundaries: the previous period's commitment of the same contract, category
    -- and unit carries the days before period_start
    select
        commitments.commitment_id,
        sum(burn_daily.burned) as burned_trailing_30d,
        sum(burn_daily.burned) filter (
            where burn_daily.charge_date > commitments.as_of_date - 7
        ) as burned_trailing_7d

    from commitments
    inner join burn_daily
        on burn_daily.contract_id = commitments.contract_id
        and burn_daily.category = commitments.category
        and burn_daily.unit = commitments.unit
        and burn_daily.charge_date > commitments.as_of_date - 30
        and burn_daily.charge_date <= commitments.as_of_date
    group by commitments.commitment_id

),

measured as (

    select
        commitments.*,
        cast(coalesce(burned_to_date.burned, 0) as decimal(38, 10)) as burned,
        coalesce(trailing_burn.burned_trailing_30d, 0) as burned_trailing_30d,
        coalesce(trailing_burn.burned_trailing_7d, 0) as burned_trailing_7d,
        least(30, greatest(0, commitments.as_of_date - commitments.measure_start + 1)) as trailing_days_30d,
        least(7, greatest(0, commitments.as_of_date - commitments.measure_start + 1)) as trailing_days_7d

    from commitments
    left join burned_to_date
        on commitments.commitment_id = burned_to_date.commitment_id
    left join trailing_burn
        on commitments.commitment_id = trailing_burn.commitment_id

),

paced as (

    select
        *,
        cast(committed * elapsed_days / period_days as decimal(38, 10)) as expected_to_date,
        case
            when trailing_days_30d > 0
                then cast(burned_trailing_30d / trailing_days_30d as decimal(38, 10))
        end as run_rate_daily,
        case
            when trailing_days_7d > 0
                then cast(burned_trailing_7d / trailing_days_7d as decimal(38, 10))
        end as run_rate_daily_7d

    from measured

),

forecast as (

    select
        *,
        case
            when remaining_days = 0 then burned
            when run_rate_daily is not null then burned + run_rate_daily * remaining_days
        end as forecast_at_period_end,
        case
            when remaining_days = 0 then burned
            when run_rate_daily is not null
                then burned + least(run_rate_daily, run_rate_daily_7d) * remaining_days
        end as forecast_low,
        case
            when remaining_days = 0 then burned
            when run_rate_daily is not null
                then burned + greatest(run_rate_daily, run_rate_daily_7d) * remaining_days
        end as forecast_high

    from paced

),

shortfall as (

    -- greatest() skips nulls: no forecast means no shortfall figure, not a shortfall of 0
    select
        *,
        case
            when forecast_at_period_end is not null
                then greatest(cast(0 as decimal(38, 10)), committed - forecast_at_period_end)
        end as projected_shortfall

    from forecast

),

final as (

    select
        contract_id,
        commitment_id,
        provider,
        category,
        unit,
        currency,
        period_start,
        period_end,
        period_days,
        elapsed_days,
        remaining_days,
        is_current,
        committed,
        burned,
        cast(100 * burned / committed as double) as burn_pct,
        expected_to_date,
        burned - expected_to_date as pace_delta,
        cast(round((burned - expected_to_date) * period_days / committed) as integer) as days_ahead_or_behind,
        run_rate_daily,
        run_rate_daily_7d,
        forecast_at_period_end,
        forecast_low,
        forecast_high,
        projected_shortfall,
        case
            when category = 'Spend' then cast(committed * fx_rate_as_of as decimal(38, 10))
        end as committed_reporting,
        case
            when category = 'Spend' then cast(burned * fx_rate_as_of as decimal(38, 10))
        end as burned_reporting,
        case
            when category = 'Spend'
                then cast(projected_shortfall * fx_rate_as_of as decimal(38, 10))
        end as projected_shortfall_reporting,
        reporting_currency,
        case when category = 'Spend' then fx_rate_as_of end as fx_rate_to_reporting,
        burn_method,
        case
            when remaining_days = 0 and burned >= committed then 'green'
            when remaining_days = 0 then 'red'
            when forecast_at_period_end is null then 'green'
            when forecast_at_period_end >= committed then 'green'
            when forecast_at_period_end >= 0.9 * committed then 'amber'
            else 'red'
        end as status,
        as_of_date

    from shortfall

)

select * from final
