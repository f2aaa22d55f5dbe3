-- Spend per charge day, provider, billing account, service, charge category and billing currency.
with cost_rows as (

    select * from focus_cost

),

final as (

    select
        x_ChargeDate as charge_date,
        ProviderName as provider,
        BillingAccountId as billing_account_id,
        ServiceName as service_name,
        ChargeCategory as charge_category,
        BillingCurrency as billing_currency,
        sum(BilledCost) as billed_cost,
        sum(EffectiveCost) as effective_cost,
        sum(x_BilledCostReporting) as billed_cost_reporting,
        sum(x_EffectiveCostReporting) as effective_cost_reporting,
        count(*) as row_count

    from cost_rows
    group by
        x_ChargeDate,
        ProviderName,
        BillingAccountId,
        ServiceName,
        ChargeCategory,
        BillingCurrency

)

select * from final
