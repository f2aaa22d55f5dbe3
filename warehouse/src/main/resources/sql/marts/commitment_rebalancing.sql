-- How much daily spend would have to move between providers, from the day after the as-of day to
-- each period's end, for every current Spend minimum to be met. Assumptions:
--   * only GPU compute moves (cost rows whose SkuId is a GPU instance of the catalog, x_GpuModel
--     known); storage, network, support and marketplace spend stay where they are;
--   * a moved GPU workload costs the same per day on the provider it moves to, in the reporting
--     currency (contract currencies converted at the as-of rate);
--   * today's trailing 30-day run rate continues where nothing moves;
--   * Usage (GPU-hour) commitments are not rebalanced in money; they appear in commitment_status.
-- Per current Spend commitment: required_daily = (committed - burned) / remaining_days; behind
-- when the run rate is below it (the gap must move in), ahead when above (the surplus may move
-- out, at most the provider's GPU compute run rate). Per provider the commitments add up; the
-- suggested moves share the smaller of total gap and total movable surplus pro rata.
with commitments as (

    select * from commitment_status

),

burn_daily as (

    select * from fct_commitment_burn_daily

),

gpu_run_rate as (

    -- GPU compute share of each commitment's run rate: its Usage-Based burn over the same trailing
    -- 30 days up to the run-rate window's end, per day (contract currency)
    select
        commitments.commitment_id,
        sum(burn_daily.burned_gpu_compute) / max(commitments.run_rate_days) as gpu_run_rate_daily

    from commitments
    inner join burn_daily
        on burn_daily.contract_id = commitments.contract_id
        and burn_daily.category = commitments.category
        and burn_daily.unit = commitments.unit
        and burn_daily.charge_frequency = 'Usage-Based'
        and burn_daily.charge_date > commitments.run_rate_window_end - 30
        and burn_daily.charge_date <= commitments.run_rate_window_end
    where commitments.run_rate_days > 0
    group by commitments.commitment_id

),

current_spend as (

    select
        commitments.provider,
        commitments.commitment_id,
        commitments.period_end,
        commitments.remaining_days,
        commitments.reporting_currency,
        commitments.as_of_date,
        commitments.fx_rate_to_reporting as fx_rate,
        greatest(0, commitments.committed - commitments.burned) as still_due,
        coalesce(commitments.run_rate_daily, 0) as run_rate_daily,
        coalesce(gpu_run_rate.gpu_run_rate_daily, 0) as gpu_run_rate_daily

    from commitments
    left join gpu_run_rate
        on commitments.commitment_id = gpu_run_rate.commitment_id
    where commitments.category = 'Spend'
        and commitments.is_current
        and commitments.remaining_days > 0

),

per_commitment as (

    select
        *,
        still_due / remaining_days as required_daily,
        greatest(0, still_due / remaining_days - run_rate_daily) as gap_daily,
        least(
            greatest(0, run_rate_daily - still_due / remaining_days),
            gpu_run_rate_daily
        ) as movable_surplus_daily

    from current_spend

),

per_provider as (

    select
        provider,
        any_value(reporting_currency) as reporting_currency,
        any_value(as_of_date) as as_of_date,
        list(commitment_id order by commitment_id) as commitment_ids,
        min(period_end) as first_period_end,
        min(remaining_days) as remaining_days,
        sum(still_due * fx_rate) as still_due_reporting,
        sum(required_daily * fx_rate) as required_daily_reporting,
        sum(run_rate_daily * fx_rate) as run_rate_daily_reporting,
        sum(gpu_run_rate_daily * fx_rate) as gpu_run_rate_daily_reporting,
        sum(gap_daily * fx_rate) as gap_daily_reporting,
        sum(movable_surplus_daily * fx_rate) as movable_surplus_daily_reporting,
        sum(gap_daily * fx_rate * remaining_days) as gap_to_period_end_reporting

    from per_commitment
    group by provider

),

totals as (

    select
        sum(gap_daily_reporting) as total_gap_daily,
        sum(movable_surplus_daily_reporting) as total_surplus_daily

    from per_provider

),

final as (

    select
        per_provider.provider,
        case
            when per_provider.gap_daily_reporting > 0 then 'behind'
            when per_provider.run_rate_daily_reporting > per_provider.required_daily_reporting then 'ahead'
            else 'on pace'
        end as position,
        per_provider.commitment_ids,
        per_provider.first_period_end,
        per_provider.remaining_days,
        per_provider.reporting_currency,
        cast(per_provider.still_due_reporting as decimal(38, 10)) as still_due_reporting,
        cast(per_provider.required_daily_reporting as decimal(38, 10)) as required_daily_reporting,
        cast(per_provider.run_rate_daily_reporting as decimal(38, 10)) as run_rate_daily_reporting,
        cast(per_provider.gpu_run_rate_daily_reporting as decimal(38, 10)) as gpu_run_rate_daily_reporting,
        cast(per_provider.gap_daily_reporting as decimal(38, 10)) as move_in_needed_daily_reporting,
        cast(per_provider.movable_surplus_daily_reporting as decimal(38, 10)) as move_out_possible_daily_reporting,
        cast(
            case
                when totals.total_gap_daily > 0
                    then per_provider.gap_daily_reporting
                        * least(1, totals.total_surplus_daily / totals.total_gap_daily)
                else 0
            end as decimal(38, 10)
        ) as move_in_daily_reporting,
        cast(
            case
                when totals.total_surplus_daily > 0
                    then per_provider.movable_surplus_daily_reporting
                        * least(1, totals.total_gap_daily / totals.total_surplus_daily)
                else 0
            end as decimal(38, 10)
        ) as move_out_daily_reporting,
        cast(per_provider.gap_to_period_end_reporting as decimal(38, 10)) as move_in_needed_to_period_end_reporting,
        cast(totals.total_gap_daily as decimal(38, 10)) as total_move_in_needed_daily_reporting,
        cast(totals.total_surplus_daily as decimal(38, 10)) as total_move_out_possible_daily_reporting,
        totals.total_surplus_daily >= totals.total_gap_daily as every_minimum_reachable,
        per_provider.as_of_date

    from per_provider
    cross join totals

)

select * from final
