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
        any_value(commitments.period_start) as period_start,
        any_value(commitments.period_end) as period_end,
        max(provider_data_days.last_complete_day) as last_complete_day,
        greatest(
            any_value(commitments.as_of_date) - 7,
            least(
                any_value(commitments.as_of_date),
                coalesce(
                    max(provider_data_days.last_complete_day), any_value(commitments.as_of_date)
                )
            )
        ) as run_rate_window_end

    from commitments
    -- the contract's provider or any of its aliases, as the burn matches them
    left join provider_data_days
        on list_contains(commitments.provider_names, provider_data_days.provider)
    group by commitments.commitment_id

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
