-- forecast_low <= forecast_at_period_end <= forecast_high, and burn never exceeds what the burn
-- days hold.
with status_rows as (

    select * from fct_commitment_status

),

daily_burn as (

    select
        commitment_id,
        sum(burned) as burned

    from fct_commitment_burn_daily
    group by commitment_id

),

final as (

    select
        status_rows.commitment_id,
        status_rows.forecast_low,
        status_rows.forecast_at_period_end,
        status_rows.forecast_high,
        status_rows.burned,
        daily_burn.burned as daily_burned

    from status_rows
    left join daily_burn
        on status_rows.commitment_id = daily_burn.commitment_id
    where status_rows.forecast_low > status_rows.forecast_at_period_end
        or status_rows.forecast_at_period_end > status_rows.forecast_high
        or status_rows.burned <> coalesce(daily_burn.burned, 0)

)

select * from final
