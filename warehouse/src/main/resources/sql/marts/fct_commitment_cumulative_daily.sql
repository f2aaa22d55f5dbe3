-- The burn-down chart's data: one row per commitment and day of its period. Up to the as-of day
-- the cumulative burn; every day the required cumulative pace (ramp curve or straight line); from
-- the as-of day on (from the period's start for upcoming periods; never for a period without data)
-- the forecast with its 90 % band, the arithmetic of fct_commitment_status counted back from the
-- period's last day: for a day with k forecast days through it (after the run-rate window's end)
-- and the fees scheduled after it,
--   forecast(day) = forecast_at_period_end - run_rate_daily x (forecast_days - k)
--                   - Recurring fees projected after the day (fct_commitment_fee_schedule)
--   band = -/+ 1.645 x s x sqrt(k + k^2 / n), widened on the trend's side by
--          b x (k(k+1)/2 + k(n-1)/2) (b = burn_daily_trend, see fct_commitment_status)
-- so the period's last day carries fct_commitment_status's forecast and band.
with commitments as (

    select * from fct_commitment_status

),

commitment_days as (

    select * from int_commitment_days

),

fee_schedule as (

    select * from fct_commitment_fee_schedule

),

burn_daily as (

    select
        commitment_id,
        charge_date,
        sum(burned) as burned

    from fct_commitment_burn_daily
    group by all

),

days as (

    select
        commitments.contract_id,
        commitments.commitment_id,
        commitments.provider,
        commitments.category,
        commitments.unit,
        commitments.period_start,
        commitments.period_end,
        commitments.committed,
        commitments.as_of_date,
        commitments.burned as burned_to_date,
        commitments.run_rate_daily,
        commitments.run_rate_days,
        commitments.burn_daily_stddev,
        commitments.burn_daily_trend,
        commitments.forecast_at_period_end,
        commitments.forecast_days as forecast_days_to_end,
        commitment_days.day,
        commitment_days.required_share,
        coalesce(burn_daily.burned, 0) as burned_on_day,
        -- a period without data (no_data) has nothing to forecast: no line, not a flat zero
        commitment_days.day >= greatest(commitments.period_start - 1, commitments.as_of_date)
            and commitments.status <> 'no_data' as is_forecast_day,
        -- forecast days through this day: the period's last day has all of forecast_days
        commitments.forecast_days - (commitments.period_end - 1 - commitment_days.day)
            as forecast_days

    from commitments
    inner join commitment_days
        on commitments.commitment_id = commitment_days.commitment_id
    left join burn_daily
        on commitments.commitment_id = burn_daily.commitment_id
        and commitment_days.day = burn_daily.charge_date

),

fees_after as (

    select
        days.commitment_id,
        days.day,
        sum(fee_schedule.amount) as fees_after_day

    from days
    inner join fee_schedule
        on days.commitment_id = fee_schedule.commitment_id
        and fee_schedule.projected_date > days.day
    where days.is_forecast_day
    group by all

),

projected as (

    select
        days.*,
        sum(days.burned_on_day) over (
            partition by days.commitment_id
            order by days.day
            rows between unbounded preceding and current row
        ) as burned_running,
        case
            when is_forecast_day and run_rate_daily is not null
                then forecast_at_period_end
                    - run_rate_daily * (forecast_days_to_end - greatest(0, forecast_days))
                    - coalesce(fees_after.fees_after_day, 0)
        end as forecast_raw,
        -- decimal, so forecast -/+ margin stays ordered (see fct_commitment_status)
        cast(
            case
                when is_forecast_day and run_rate_daily is not null
                    then 1.645 * burn_daily_stddev
                        * sqrt(greatest(0, forecast_days)
                            + greatest(0, forecast_days) * greatest(0, forecast_days) / run_rate_days)
            end as decimal(38, 10)
        ) as forecast_margin,
        cast(
            case
                when is_forecast_day and run_rate_daily is not null
                    then burn_daily_trend
                        * (greatest(0, forecast_days) * (greatest(0, forecast_days) + 1) / 2.0
                            + greatest(0, forecast_days) * (run_rate_days - 1) / 2.0)
            end as decimal(38, 10)
        ) as forecast_trend

    from days
    left join fees_after
        on days.commitment_id = fees_after.commitment_id
        and days.day = fees_after.day

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
        day,
        committed,
        case when day <= as_of_date then cast(burned_on_day as decimal(38, 10)) end as burned_on_day,
        case when day <= as_of_date then cast(burned_running as decimal(38, 10)) end as burned_cumulative,
        cast(committed * required_share as decimal(38, 10)) as required_cumulative,
        cast(forecast_raw as decimal(38, 10)) as forecast,
        case
            when forecast_raw is not null
                then greatest(
                    burned_to_date,
                    cast(forecast_raw - forecast_margin + least(0, forecast_trend) as decimal(38, 10))
                )
        end as forecast_low,
        cast(forecast_raw + forecast_margin + greatest(0, forecast_trend) as decimal(38, 10))
            as forecast_high,
        day = as_of_date as is_as_of_day

    from projected

)

select * from final
