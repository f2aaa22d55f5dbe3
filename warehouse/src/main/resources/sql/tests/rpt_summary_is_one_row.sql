-- rpt_summary holds exactly one row, whose spend_total equals focus_cost's total up to the as-of
-- day (charge day <= as-of), to the cent.
with summary as (

    select
        count(*) as summary_rows,
        max(spend_total) as spend_total

    from rpt_summary

),

cost_total as (

    select cast(coalesce(sum(x_BilledCostReporting), 0) as decimal(18, 2)) as spend_total

    from focus_cost
    cross join stg_build_params as build_params
    where focus_cost.x_ChargeDate <= build_params.as_of_date

),

final as (

    select
        summary.summary_rows,
        summary.spend_total as summary_spend_total,
        cost_total.spend_total as focus_cost_spend_total

    from summary
    cross join cost_total
    where summary.summary_rows <> 1
        or summary.spend_total is distinct from cost_total.spend_total

)

select * from final
