-- fct_spend_daily totals equal focus_cost totals per provider, billing currency and day.
with cost_totals as (

    select
        ProviderName as provider,
        BillingCurrency as billing_currency,
        x_ChargeDate as charge_date,
        sum(BilledCost) as billed_cost,
        sum(EffectiveCost) as effective_cost,
        sum(x_BilledCostReporting) as billed_cost_reporting,
        sum(x_EffectiveCostReporting) as effective_cost_reporting

    from focus_cost
    group by all

),

daily_totals as (

    select
        provider,
        billing_currency,
        charge_date,
        sum(billed_cost) as billed_cost,
        sum(effective_cost) as effective_cost,
        sum(billed_cost_reporting) as billed_cost_reporting,
        sum(effective_cost_reporting) as effective_cost_reporting

    from fct_spend_daily
    group by all

),

final as (

    select
        coalesce(cost_totals.provider, daily_totals.provider) as provider,
        coalesce(cost_totals.billing_currency, daily_totals.billing_currency) as billing_currency,
        coalesce(cost_totals.charge_date, daily_totals.charge_date) as charge_date,
        cost_totals.billed_cost as focus_cost_billed_cost,
        daily_totals.billed_cost as spend_daily_billed_cost,
        cost_totals.effective_cost_reporting as focus_cost_effective_cost_reporting,
        daily_totals.effective_cost_reporting as spend_daily_effective_cost_reporting

    from cost_totals
    full outer join daily_totals
        on cost_totals.provider is not distinct from daily_totals.provider
        and cost_totals.billing_currency is not distinct from daily_totals.billing_currency
        and cost_totals.charge_date is not distinct from daily_totals.charge_date
    where cost_totals.billed_cost is distinct from daily_totals.billed_cost
        or cost_totals.effective_cost is distinct from daily_totals.effective_cost
        or cost_totals.billed_cost_reporting is distinct from daily_totals.billed_cost_reporting
        or cost_totals.effective_cost_reporting is distinct from daily_totals.effective_cost_reporting

)

select * from final
