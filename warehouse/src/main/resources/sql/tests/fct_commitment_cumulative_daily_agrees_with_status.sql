-- The burn-down ends where fct_commitment_status does: cumulative burn on the as-of day equals burned,
-- the last day's required pace equals committed, and the last day's forecast and band equal the
-- status's forecast and band.
with status_rows as (

    select * from fct_commitment_status

),

as_of_day as (

    select
        commitment_id,
        burned_cumulative

    from fct_commitment_cumulative_daily
    where is_as_of_day

),

last_day as (

    select
        commitment_id,
        required_cumulative,
        forecast,
        forecast_low,
        forecast_high

    from fct_commitment_cumulative_daily
    where day = period_end - 1

),

final as (

    select
        status_rows.commitment_id,
        status_rows.burned,
        as_of_day.burned_cumulative,
        status_rows.committed,
        last_day.required_cumulative,
        status_rows.forecast_at_period_end,
        last_day.forecast,
        status_rows.forecast_low,
        last_day.forecast_low as last_day_forecast_low,
        status_rows.forecast_high,
        last_day.forecast_high as last_day_forecast_high

    from status_rows
    left join as_of_day
        on status_rows.commitment_id = as_of_day.commitment_id
    left join last_day
        on status_rows.commitment_id = last_day.commitment_id
    where (as_of_day.commitment_id is not null and as_of_day.burned_cumulative <> status_rows.burned)
        or last_day.required_cumulative <> status_rows.committed
        or abs(last_day.forecast - status_rows.forecast_at_period_end) > 0.01
        or abs(last_day.forecast_low - status_rows.forecast_low) > 0.01
        or abs(last_day.forecast_high - status_rows.forecast_high) > 0.01

)

select * from final
