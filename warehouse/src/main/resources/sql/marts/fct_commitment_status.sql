-- One row per contract commitment period: burn, pace, trailing run rate and the forecast at period
-- end with its band, as of the build's as-of day.
--   expected_to_date = committed x the share due by the end of the as-of day: the contract's ramp
--                      curve when it has one, else straight-line (int_commitment_days)
--   days_ahead_or_behind = pace_delta in days of the required pace on the as-of day
--   W                = run_rate_window_end, the provider's last complete data day (at most the
--                      as-of day, at least 7 days before it: int_commitment_forecast_window)
--   run_rate_daily   = Usage-Based burn (ChargeFrequency null counts as Usage-Based) of the same
--                      contract, category and unit over the 30 days up to W (fewer when the
--                      contract started less than 30 days before), per day; run_rate_daily_7d the
--                      same over 7 days. One-Time purchases and Recurring fees are not a rate.
--   forecast         = burned, less the Usage-Based and Recurring burn after W (a partial day),
--                      + run_rate_daily x R for the R = forecast_days after W to period end
--                      + projected_fees (Recurring fees on their monthly schedule:
--                      fct_commitment_fee_schedule); never below burned. One-Time purchases burn
--                      once, on their day, and are never projected.
--   forecast band    = forecast -/+ 1.645 x s x sqrt(R + R^2 / n): a 90 % prediction interval for
--                      the sum of R more days, with s the standard deviation of the n trailing
--                      daily Usage-Based burns (days without burn count as 0); the low end never
--                      below burned. A trend widens it on its side: with b = burn_daily_trend,
--                      the least-squares slope of those n daily burns where n >= 7 and it is
--                      significant at 90 % (else 0), the band reaches b x (R(R+1)/2 + R(n-1)/2)
--                      further (up for a growing burn, down for a shrinking one), what the burn
--                      adds if it keeps growing; the forecast itself stays the flat run rate
--   status           = upcoming before the period starts (no shortfall: nothing is due yet);
--                      no_data when the period has started, burned nothing and the lake holds no
--                      charge of its provider (ProviderName or ServiceProviderName) dated in it up
--                      to the as-of day: nothing can be judged, so no shortfall and never red;
--                      closed periods green when burned >= committed, else red; open periods
--                      green when the forecast meets committed, amber when >= 90 %, else red,
--                      green while the contract has no run rate yet
-- projected_shortfall_cost = the shortfall in money, contract currency: projected_shortfall for
--                      Spend; projected_shortfall x usage_rate (contracts.yaml rate or rates) for
--                      Usage, null when the contract gives no rate
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

forecast_window as (

    select * from int_commitment_forecast_window

),

fee_schedule as (

    select * from fct_commitment_fee_schedule

),

projected_fees as (

    select
        commitment_id,
        sum(amount) as projected_fees

    from fee_schedule
    group by commitment_id

),

burned_to_date as (

    select
        burn_daily.commitment_id,
        sum(burn_daily.burned) as burned,
        -- the burn the forecast replaces with its projection: days after W, One-Time excepted
        coalesce(sum(burn_daily.burned) filter (
            where burn_daily.charge_date > forecast_window.run_rate_window_end
                and burn_daily.charge_frequency <> 'One-Time'
        ), 0) as burned_after_window

    from burn_daily
    inner join forecast_window
        on burn_daily.commitment_id = forecast_window.commitment_id
    group by burn_daily.commitment_id

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
    where charge_frequency = 'Usage-Based'
    group by all

),

trailing_burn as (

    -- across period boundaries: the previous period's commitment of the same contract, category
    -- and unit carries the days before period_start
    select
        commitments.commitment_id,
        sum(contract_burn_daily.burned) as burned_trailing_30d,
        sum(contract_burn_daily.burned * contract_burn_daily.burned) as burned_squares_30d,
        -- x = the day's offset from W (0 on W, -29 thirty days before), for the trend's slope
        sum(
            (contract_burn_daily.charge_date - forecast_window.run_rate_window_end)
                * contract_burn_daily.burned
        ) as burned_x_30d,
        sum(contract_burn_daily.burned) filter (
            where contract_burn_daily.charge_date > forecast_window.run_rate_window_end - 7
        ) as burned_trailing_7d

    from commitments
    inner join forecast_window
        on commitments.commitment_id = forecast_window.commitment_id
    inner join contract_burn_daily
        on contract_burn_daily.contract_id = commitments.contract_id
        and contract_burn_daily.category = commitments.category
        and contract_burn_daily.unit = commitments.unit
        and contract_burn_daily.charge_date > forecast_window.run_rate_window_end - 30
        and contract_burn_daily.charge_date <= forecast_window.run_rate_window_end
    group by commitments.commitment_id

),

provider_days as (

    select distinct provider, charge_date
    from (
        select ProviderName as provider, x_ChargeDate as charge_date from focus_cost
        union all
        select ServiceProviderName as provider, x_ChargeDate as charge_date
        from focus_cost
        where ServiceProviderName is not null
    )

),

period_data as (

    select
        commitments.commitment_id,
        count(provider_days.charge_date) > 0 as has_data

    from commitments
    left join provider_days
        on provider_days.provider = commitments.provider
        and provider_days.charge_date >= commitments.period_start
        and provider_days.charge_date < commitments.burn_window_end
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
        coalesce(burned_to_date.burned_after_window, 0) as burned_after_window,
        forecast_window.run_rate_window_end,
        forecast_window.forecast_days,
        cast(coalesce(projected_fees.projected_fees, 0) as decimal(38, 10)) as projected_fees,
        coalesce(trailing_burn.burned_trailing_30d, 0) as burned_trailing_30d,
        coalesce(trailing_burn.burned_squares_30d, 0) as burned_squares_30d,
        coalesce(trailing_burn.burned_x_30d, 0) as burned_x_30d,
        coalesce(trailing_burn.burned_trailing_7d, 0) as burned_trailing_7d,
        least(30, greatest(0, forecast_window.run_rate_window_end - commitments.measure_start + 1))
            as trailing_days_30d,
        least(7, greatest(0, forecast_window.run_rate_window_end - commitments.measure_start + 1))
            as trailing_days_7d,
        coalesce(pace_day.required_share, 0) as required_share,
        pace_day.required_share_daily,
        period_data.has_data

    from commitments
    inner join forecast_window
        on commitments.commitment_id = forecast_window.commitment_id
    left join burned_to_date
        on commitments.commitment_id = burned_to_date.commitment_id
    left join projected_fees
        on commitments.commitment_id = projected_fees.commitment_id
    left join trailing_burn
        on commitments.commitment_id = trailing_burn.commitment_id
    left join pace_day
        on commitments.commitment_id = pace_day.commitment_id
    left join period_data
        on commitments.commitment_id = period_data.commitment_id

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

trended as (

    -- least-squares slope of the n trailing daily burns on x (zeros included: sum x and sum x^2
    -- over x = -(n-1)..0 have closed forms), kept only where n >= 7 and it is significant at 90 %
    -- (|slope| > 1.645 x its standard error); 0 otherwise
    select
        * exclude (sxx, sxy, syy, slope),
        case
            when slope * slope * sxx
                > 2.706 * greatest(0, (syy - slope * sxy) / (trailing_days_30d - 2))
                then slope
            else 0
        end as burn_daily_trend

    from (
        select
            *,
            case when trailing_days_30d >= 7 then sxy / sxx end as slope

        from (
            select
                *,
                trailing_days_30d * (trailing_days_30d * trailing_days_30d - 1) / 12.0 as sxx,
                cast(burned_x_30d as double)
                    + (trailing_days_30d - 1) / 2.0 * cast(burned_trailing_30d as double) as sxy,
                cast(burned_squares_30d as double)
                    - cast(burned_trailing_30d as double) * cast(burned_trailing_30d as double)
                        / greatest(trailing_days_30d, 1) as syy

            from paced
        )
    )

),

forecast as (

    select
        *,
        case
            when forecast_days = 0 then burned
            when run_rate_daily is not null
                then greatest(
                    burned,
                    cast(
                        burned - burned_after_window + run_rate_daily * forecast_days
                            + projected_fees
                        as decimal(38, 10)
                    )
                )
        end as forecast_at_period_end,
        -- decimal, so forecast -/+ margin is exact: in double, a margin of 1e-10 on 693,971.712
        -- put forecast_low above the forecast
        cast(
            case
                when forecast_days > 0 and run_rate_daily is not null
                    then 1.645 * burn_daily_stddev
                        * sqrt(forecast_days + forecast_days * forecast_days / trailing_days_30d)
                else 0
            end as decimal(38, 10)
        ) as forecast_margin,
        -- what the trend adds over the R forecast days beyond the flat run rate (the mean of the
        -- window, at x = -(n-1)/2): slope x sum over j = 1..R of (j + (n-1)/2)
        cast(
            case
                when forecast_days > 0 and run_rate_daily is not null
                    then burn_daily_trend
                        * (forecast_days * (forecast_days + 1) / 2.0
                            + forecast_days * (trailing_days_30d - 1) / 2.0)
                else 0
            end as decimal(38, 10)
        ) as forecast_trend

    from trended

),

banded as (

    select
        *,
        case
            when forecast_at_period_end is not null
                then greatest(
                    burned,
                    cast(
                        forecast_at_period_end - forecast_margin + least(0, forecast_trend)
                        as decimal(38, 10)
                    )
                )
        end as forecast_low,
        case
            when forecast_at_period_end is not null
                then cast(
                    forecast_at_period_end + forecast_margin + greatest(0, forecast_trend)
                    as decimal(38, 10)
                )
        end as forecast_high,
        as_of_date < period_start as is_upcoming,
        as_of_date >= period_start and burned = 0 and not has_data as is_without_data

    from forecast

),

shortfall as (

    -- no forecast, a period not started yet or one without data means no shortfall figure
    -- (null), not 0
    select
        *,
        case
            when forecast_at_period_end is not null and not is_upcoming and not is_without_data
                then greatest(cast(0 as decimal(38, 10)), committed - forecast_at_period_end)
        end as projected_shortfall

    from banded

),

valued as (

    -- the shortfall in money, contract currency: a Spend shortfall is money already; a Usage
    -- shortfall is paid at the contract's rate (null without one: not valued, never guessed)
    select
        *,
        cast(
            case
                when category = 'Spend' then projected_shortfall
                else projected_shortfall * usage_rate
            end
            as decimal(38, 10)
        ) as projected_shortfall_cost

    from shortfall

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
        run_rate_window_end,
        burn_daily_stddev,
        burn_daily_trend,
        cast(forecast_days as integer) as forecast_days,
        projected_fees,
        forecast_at_period_end,
        forecast_low,
        forecast_high,
        projected_shortfall,
        usage_rate,
        projected_shortfall_cost,
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
        cast(projected_shortfall_cost * fx_rate_as_of as decimal(38, 10))
            as projected_shortfall_reporting,
        reporting_currency,
        case
            when category = 'Spend' or projected_shortfall_cost is not null then fx_rate_as_of
        end as fx_rate_to_reporting,
        discount_pct,
        case
            when is_upcoming then 'upcoming'
            when is_without_data then 'no_data'
            when remaining_days = 0 and burned >= committed then 'green'
            when remaining_days = 0 then 'red'
            when forecast_at_period_end is null then 'green'
            when forecast_at_period_end >= committed then 'green'
            when forecast_at_period_end >= 0.9 * committed then 'amber'
            else 'red'
        end as status,
        as_of_date

    from valued

)

select * from final
