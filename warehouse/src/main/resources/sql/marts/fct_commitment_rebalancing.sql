-- How much daily spend would have to move between providers, from the day after the as-of day to
-- each period's end, for every current Spend minimum to be met. Assumptions:
--   * only GPU compute moves: the provider's GPU cost (int_gpu_billed_instances' gpu_cost, the
--     warehouse's one GPU cost definition: amortized, with its commitment fees and unused
--     commitment and the discounts on its SKUs), per day over the GPU window: the 30 days up to
--     the run-rate window's end W (its latest over the provider's commitments), from the
--     provider's first GPU day if later; storage, network, support and marketplace spend stay
--     where they are;
--   * a moved GPU workload costs the same per day on the provider it moves to, in the reporting
--     currency (contract currencies converted at the as-of rate);
--   * today's trailing 30-day run rate continues where nothing moves;
--   * Usage (GPU-hour) commitments are not rebalanced in money; they appear in fct_commitment_status.
-- Per current Spend commitment: required_daily = (committed - burned) / remaining_days; behind
-- when the run rate is below it (the gap must move in), ahead when above (the surplus may move
-- out). Per provider the commitments add up, the surplus capped at the provider's GPU cost per
-- day; the suggested moves share the smaller of total gap and total movable surplus pro rata.
with commitments as (

    select * from fct_commitment_status

),

dim_commitments as (

    select * from dim_contract_commitments

),

gpu_instances as (

    select * from int_gpu_billed_instances

),

current_spend as (

    select
        provider,
        commitment_id,
        period_end,
        remaining_days,
        reporting_currency,
        as_of_date,
        run_rate_window_end,
        fx_rate_to_reporting as fx_rate,
        greatest(0, committed - burned) as still_due,
        coalesce(run_rate_daily, 0) as run_rate_daily

    from commitments
    where category = 'Spend'
        and is_current
        and remaining_days > 0

),

provider_names as (

    -- the names a provider's cost rows carry (ProviderName: the provider or an alias)
    select distinct
        current_spend.provider,
        unnest(dim_commitments.provider_names) as provider_name

    from current_spend
    inner join dim_commitments
        on dim_commitments.commitment_id = current_spend.commitment_id

),

gpu_days as (

    select
        provider_names.provider,
        gpu_instances.day,
        sum(gpu_instances.gpu_cost) as gpu_cost,
        sum(gpu_instances.billed_gpu_hours) as billed_gpu_hours

    from provider_names
    inner join gpu_instances
        on gpu_instances.provider = provider_names.provider_name
    group by provider_names.provider, gpu_instances.day

),

gpu_first_days as (

    select provider, min(day) as first_day
    from gpu_days
    group by provider

),

gpu_windows as (

    select
        current_spend.provider,
        max(current_spend.run_rate_window_end) as run_rate_window_end,
        greatest(max(current_spend.run_rate_window_end) - 29, max(gpu_first_days.first_day))
            as gpu_window_start

    from current_spend
    inner join gpu_first_days
        on gpu_first_days.provider = current_spend.provider
    group by current_spend.provider

),

gpu_run_rate as (

    select
        gpu_windows.provider,
        gpu_windows.gpu_window_start,
        gpu_windows.run_rate_window_end,
        sum(gpu_days.gpu_cost)
            / (gpu_windows.run_rate_window_end - gpu_windows.gpu_window_start + 1)
            as gpu_run_rate_daily_reporting,
        sum(gpu_days.billed_gpu_hours)
            / (gpu_windows.run_rate_window_end - gpu_windows.gpu_window_start + 1)
            as gpu_hours_daily,
        sum(gpu_days.gpu_cost) / nullif(sum(gpu_days.billed_gpu_hours), 0)
            as gpu_cost_per_gpu_hour_reporting

    from gpu_windows
    inner join gpu_days
        on gpu_days.provider = gpu_windows.provider
        and gpu_days.day between gpu_windows.gpu_window_start and gpu_windows.run_rate_window_end
    group by gpu_windows.provider, gpu_windows.gpu_window_start, gpu_windows.run_rate_window_end

),

per_commitment as (

    select
        *,
        still_due / remaining_days as required_daily,
        greatest(0, still_due / remaining_days - run_rate_daily) as gap_daily,
        greatest(0, run_rate_daily - still_due / remaining_days) as surplus_daily

    from current_spend

),

commitments_by_provider as (

    select
        provider,
        any_value(reporting_currency) as reporting_currency,
        any_value(as_of_date) as as_of_date,
        list(commitment_id order by commitment_id) as commitment_ids,
        min(period_end) as first_period_end,
        min(remaining_days) as remaining_days,
        max(run_rate_window_end) as run_rate_window_end,
        sum(still_due * fx_rate) as still_due_reporting,
        sum(required_daily * fx_rate) as required_daily_reporting,
        sum(run_rate_daily * fx_rate) as run_rate_daily_reporting,
        sum(gap_daily * fx_rate) as gap_daily_reporting,
        sum(surplus_daily * fx_rate) as surplus_daily_reporting,
        sum(gap_daily * fx_rate * remaining_days) as gap_to_period_end_reporting

    from per_commitment
    group by provider

),

per_provider as (

    select
        commitments_by_provider.*,
        coalesce(gpu_run_rate.gpu_run_rate_daily_reporting, 0) as gpu_run_rate_daily_reporting,
        gpu_run_rate.gpu_hours_daily,
        gpu_run_rate.gpu_cost_per_gpu_hour_reporting,
        gpu_run_rate.gpu_window_start,
        -- what may move out: the surplus, at most the provider's GPU cost per day
        least(
            commitments_by_provider.surplus_daily_reporting,
            coalesce(gpu_run_rate.gpu_run_rate_daily_reporting, 0)
        ) as movable_surplus_daily_reporting

    from commitments_by_provider
    left join gpu_run_rate
        on gpu_run_rate.provider = commitments_by_provider.provider

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
        cast(per_provider.gpu_hours_daily as double) as gpu_hours_daily,
        cast(per_provider.gpu_cost_per_gpu_hour_reporting as decimal(38, 10))
            as gpu_cost_per_gpu_hour_reporting,
        per_provider.gpu_window_start,
        per_provider.run_rate_window_end,
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
