-- Per commitment, where measured burn ends and forecast begins. The run-rate window ends at the
-- provider's last complete data day (int_provider_data_days), capped at the as-of day, because a
-- provider two days late has not burned nothing on those two days. A provider silent for more
-- than 7 days has stopped rather than lagged: its window ends 7 days before the as-of day and the
-- silence counts as no burn. Without any data of the provider the window ends at the as-of day.
--   run_rate_window_end = W = greatest(as_of - 7, least(as_of, last_complete_day))
--   forecast_from       = the first forecast day, greatest(period_start, W + 1)
--   forecast_days       = days of the period from forecast_from on (the days after W, including
--                         any days between W and the as-of day, are forecast, not counted as 0)
with commitments as (

    select * from int_contract_commitments

),

provider_data_days as (

    select * from int_provider_data_days

),

windowed as (

    select
        commitments.commitment_id,
        commitments.period_start,
        commitments.period_end,
        provider_data_days.last_complete_day,
        greatest(
            commitments.as_of_date - 7,
            least(
                commitments.as_of_date,
                coalesce(provider_data_days.last_complete_day, commitments.as_of_date)
            )
        ) as run_rate_window_end

    from commitments
    left join provider_data_days
        on commitments.provider = provider_data_days.provider

),

final as (

    select
        commitment_id,
        last_complete_day,
        run_rate_window_end,
        greatest(period_start, run_rate_window_end + 1) as forecast_from,
        greatest(0, period_end - greatest(period_start, run_rate_window_end + 1)) as forecast_days

    from windowed

)

select * from final
