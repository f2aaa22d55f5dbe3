-- rpt_provider_spend equals focus_cost up to the as-of day (charge day <= as-of) per provider and
-- billing currency (to the cent).
with cost_totals as (

    select
        ProviderName as provider,
        BillingCurrency as billing_currency,
        cast(sum(BilledCost) as decimal(18, 2)) as billed_cost,
        cast(sum(EffectiveCost) as decimal(18, 2)) as effective_cost,
        cast(sum(x_BilledCostReporting) as decimal(18, 2)) as billed_cost_reporting,
        cast(sum(x_EffectiveCostReporting) as decimal(18, 2)) as effective_cost_reporting,
        count(*) as row_count

    from focus_cost
    cross join stg_build_params as build_params
    where focus_cost.x_ChargeDate <= build_params.as_of_date
    group by ProviderName, BillingCurrency

),

report_rows as (

    select * from rpt_provider_spend

),

final as (

    select
        coalesce(cost_totals.provider, report_rows.provider) as provider,
        coalesce(cost_totals.billing_currency, report_rows.billing_currency) as billing_currency,
        cost_totals.billed_cost as focus_cost_billed_cost,
        report_rows.billed_cost as report_billed_cost,
        cost_totals.row_count as focus_cost_rows,
        report_rows.row_count as report_rows

    from cost_totals
    full outer join report_rows
        on cost_totals.provider is not distinct from report_rows.provider
        and cost_totals.billing_currency is not distinct from report_rows.billing_currency
    where cost_totals.billed_cost is distinct from report_rows.billed_cost
        or cost_totals.effective_cost is distinct from report_rows.effective_cost
        or cost_totals.billed_cost_reporting is distinct from report_rows.billed_cost_reporting
        or cost_totals.effective_cost_reporting is distinct from report_rows.effective_cost_reporting
        or cost_totals.row_count is distinct from report_rows.row_count

)

select * from final
