-- One row per contract commitment period: burn, pace, trailing run rate and the forecast at period
-- end with its band, as of the build's as-of day.
--   expected_to_date = committed x the share due by the end of the as-of day: the contract's ramp
--                      curve when it has one, else straight-line (int_commitment_days)
--   days_ahead_or_behind = pace_delta in days of the required pace on the as-of day
--   run_rate_daily   = burn of the same contract, category and unit over the 30 days up to the
--                      as-of day (fewer when the contract started less than 30 days ago), per day
--   forecast         = burned + run_rate_daily x remaining_days
--   forecast band    = forecast -/+ 1.645 x s x sqrt(R + R^2 / n): a 90 % prediction interval for
--                      the sum of R more days, with s the standard deviation of the n trailing
--                      daily burns (days without burn count as 0); the low end never below burned
--   status           = upcoming before the period starts (no shortfall: nothing is due yet);
--                      closed periods green when burned >= committed, else red; open periods
--                      green when the forecast meets committed, amber when >= 90 %, else red,
--                      green while the contract has no run rate yet
-- *_reporting amounts convert the contract currency at its rate on the as-of day.
with commitments as (

    select * from dim_contract_commitments

),

burn_daily as (

    select * from fct_commitment_burn_daily

),

commitment_days as (

    select * from int_commitment_days

),

burned_to_date as (

    select
        commitment_id,
        sum(burned) as burned

    from burn_daily
    group by commitment_id

),

contract_burn_daily as (

    -- one row per contract, category, unit and day with burn, across billing currencies
    select
        contract_id,
        category,
        unit,
        charge_date,
        sum(burned) as burned

    from burn_daily
    group by all

),

trailing_burn as (

    -- across period boundaries: the previous period's commitment of the same contract, category
    -- and unit carries the days before period_start
    select
        commitments.commitment_id,
        sum(contract_burn_daily.burned) as burned_trailing_30d,
        sum(contract_burn_daily.burned * contract_burn_daily.burned) as burned_squares_30d,
        sum(contract_burn_daily.burned) filter (
            where contract_burn_daily.charge_date > commitments.as_of_date - 7
        ) as burned_trailing_7d

    from commitments
    inner join contract_burn_daily
        on contract_burn_daily.contract_id = commitments.contract_id
        and contract_burn_daily.category = commitments.category
        and contract_burn_daily.unit = commitments.unit
        and contract_burn_daily.charge_date > commitments.as_of_date - 30
        and contract_burn_daily.charge_date <= commitments.as_of_date
    group by commitments.commitment_id

),

pace_day as (

    -- the required pace on the as-of day (on the last day for closed periods)
    select
        commitments.commitment_id,
        commitment_days.required_share,
        commitment_days.required_share_daily

    from commitments
    inner join commitment_days
        on commitments.commitment_id = commitment_days.commitment_id
        and commitment_days.day = least(commitments.as_of_date, commitments.period_end - 1)
    where commitments.as_of_date >= commitments.period_start

),

measured as (

    select
        commitments.*,
        cast(coalesce(burned_to_date.burned, 0) as decimal(38, 10)) as burned,
        coalesce(trailing_burn.burned_trailing_30d, 0) as burned_trailing_30d,
        coalesce(trailing_burn.burned_squares_30d, 0) as burned_squares_30d,
        coalesce(trailing_burn.burned_trailing_7d, 0) as burned_trailing_7d,
        least(30, greatest(0, commitments.as_of_date - commitments.measure_start + 1)) as trailing_days_30d,
        least(7, greatest(0, commitments.as_of_date - commitments.measure_start + 1)) as trailing_days_7d,
        coalesce(pace_day.required_share, 0) as required_share,
        pace_day.required_share_daily

    from commitments
    left join burned_to_date
        on commitments.commitment_id = burned_to_date.commitment_id
    left join trailing_burn
        on commitments.commitment_id = trailing_burn.commitment_id
    left join pace_day
        on commitments.commitment_id = pace_day.commitment_id

),

paced as (

    select
        *,
        cast(committed * required_share as decimal(38, 10)) as expected_to_date,
        case
            when trailing_days_30d > 0
                then cast(burned_trailing_30d / trailing_days_30d as decimal(38, 10))
        end as run_rate_daily,
        case
            when trailing_days_7d > 0
                then cast(burned_trailing_7d / trailing_days_7d as decimal(38, 10))
        end as run_rate_daily_7d,
        -- sample standard deviation of the trailing daily burns, zeros included
        case
            when trailing_days_30d > 1
                then sqrt(greatest(0,
                    (cast(burned_squares_30d as double)
                        - cast(burned_trailing_30d as double) * cast(burned_trailing_30d as double)
                        / trailing_days_30d)
                    / (trailing_days_30d - 1)))
            when trailing_days_30d = 1 then 0
        end as burn_daily_stddev

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
            when remaining_days > 0 and run_rate_daily is not null
                then 1.645 * burn_daily_stddev
                    * sqrt(remaining_days + remaining_days * remaining_days / trailing_days_30d)
            else 0
        end as forecast_margin

    from paced

),

banded as (

    select
        *,
        case
            when forecast_at_period_end is not null
                then greatest(
                    burned,
                    cast(forecast_at_period_end - forecast_margin as decimal(38, 10))
                )
        end as forecast_low,
        case
            when forecast_at_period_end is not null
                then cast(forecast_at_period_end + forecast_margin as decimal(38, 10))
        end as forecast_high,
        as_of_date < period_start as is_upcoming

    from forecast

),

shortfall as (

    -- no forecast, or a period not started yet, means no shortfall figure (null), not 0
    select
        *,
        case
            when forecast_at_period_end is not null and not is_upcoming
                then greatest(cast(0 as decimal(38, 10)), committed - forecast_at_period_end)
        end as projected_shortfall

    from banded

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
        case
            when required_share_daily > 0
                then cast(round((burned - expected_to_date) / (committed * required_share_daily)) as integer)
            else 0
        end as days_ahead_or_behind,
        run_rate_daily,
        run_rate_daily_7d,
        cast(trailing_days_30d as integer) as run_rate_days,
        burn_daily_stddev,
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
            when category = 'Spend' then cast(expected_to_date * fx_rate_as_of as decimal(38, 10))
        end as expected_to_date_reporting,
        case
            when category = 'Spend' then cast(run_rate_daily * fx_rate_as_of as decimal(38, 10))
        end as run_rate_daily_reporting,
        case
            when category = 'Spend'
                then cast(forecast_at_period_end * fx_rate_as_of as decimal(38, 10))
        end as forecast_at_period_end_reporting,
        case
            when category = 'Spend'
                then cast(projected_shortfall * fx_rate_as_of as decimal(38, 10))
        end as projected_shortfall_reporting,
        reporting_currency,
        case when category = 'Spend' then fx_rate_as_of end as fx_rate_to_reporting,
        discount_pct,
        burn_method,
        case
            when is_upcoming then 'upcoming'
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
