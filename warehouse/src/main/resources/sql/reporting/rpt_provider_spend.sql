-- Spend per provider and billing currency over all data, for the report's provider table.
with cost_rows as (

    select * from focus_cost

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
