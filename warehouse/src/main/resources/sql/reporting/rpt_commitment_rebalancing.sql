-- fct_commitment_rebalancing for the report: per provider with a current Spend commitment, whether it
-- is behind or ahead and how much GPU compute spend per day should move in or out until its period
-- end; amounts DECIMAL(18,2) in the reporting currency.
with rebalancing_rows as (

    select * from fct_commitment_rebalancing

),

final as (

    select
        provider,
        position,
        first_period_end,
        cast(remaining_days as integer) as remaining_days,
        reporting_currency,
        cast(still_due_reporting as decimal(18, 2)) as still_due_reporting,
        cast(required_daily_reporting as decimal(18, 2)) as required_daily_reporting,
        cast(run_rate_daily_reporting as decimal(18, 2)) as run_rate_daily_reporting,
        cast(gpu_run_rate_daily_reporting as decimal(18, 2)) as gpu_run_rate_daily_reporting,
        cast(move_in_needed_daily_reporting as decimal(18, 2)) as move_in_needed_daily_reporting,
        cast(move_out_possible_daily_reporting as decimal(18, 2)) as move_out_possible_daily_reporting,
        cast(move_in_daily_reporting as decimal(18, 2)) as move_in_daily_reporting,
        cast(move_out_daily_reporting as decimal(18, 2)) as move_out_daily_reporting,
        every_minimum_reachable

    from rebalancing_rows

)

select * from final
