-- rpt_spend_monthly equals focus_cost up to the as-of day (charge day <= as-of) per provider and
-- month (to the cent).
with cost_totals as (

    select
        cast(date_trunc('month', x_ChargeDate) as date) as month,
        ProviderName as provider,
        cast(sum(x_BilledCostReporting) as decimal(18, 2)) as billed_cost_reporting

    from focus_cost
    cross join stg_build_params as build_params
    where focus_cost.x_ChargeDate <= build_params.as_of_date
    group by all

),

report_rows as (

    select * from rpt_spend_monthly

),

final as (

    select
        coalesce(cost_totals.month, report_rows.month) as month,
        coalesce(cost_totals.provider, report_rows.provider) as provider,
        cost_totals.billed_cost_reporting as focus_cost_billed_cost_reporting,
        report_rows.billed_cost_reporting as report_billed_cost_reporting

    from cost_totals
    full outer join report_rows
        on cost_totals.month = report_rows.month
        and cost_totals.provider is not distinct from report_rows.provider
    where coalesce(cost_totals.billed_cost_reporting, 0)
        is distinct from coalesce(report_rows.billed_cost_reporting, 0)

)

select * from final
