-- Spend per provider and billing currency over all data up to the as-of day (charge day <= as-of,
-- so a report for a past day shows what that day's report would have), for the report's provider
-- table.
with cost_rows as (

    select focus_cost.*

    from focus_cost
    cross join stg_build_params as build_params
    where focus_cost.x_ChargeDate <= build_params.as_of_date

),

final as (

    select
        ProviderName as provider,
        BillingCurrency as billing_currency,
        cast(sum(BilledCost) as decimal(18, 2)) as billed_cost,
        cast(sum(EffectiveCost) as decimal(18, 2)) as effective_cost,
        cast(sum(x_BilledCostReporting) as decimal(18, 2)) as billed_cost_reporting,
        cast(sum(x_EffectiveCostReporting) as decimal(18, 2)) as effective_cost_reporting,
        cast(count(*) as bigint) as row_count

    from cost_rows
    group by
        ProviderName,
        BillingCurrency

)

select * from final
