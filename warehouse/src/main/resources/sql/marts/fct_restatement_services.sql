-- What each restatement changed, per service: the last replaced version of a unit (source,
-- provider, billing account, billing period) from lake/replaced, against the unit's current rows
-- in focus_cost. "Last" is the newest replacing run of the unit, so a unit restated twice compares
-- its last two versions. Replaced rows are converted at the rates of their own charge days. Both
-- versions are compared over the charges dated up to the as-of day: a backfill's report for a day
-- inside a restated month shows what the restatement changed up to that day, not later charges.
with build_params as (

    select * from stg_build_params

),

replaced_rows as (

    select
        stg_replaced_cost.*,
        strftime(stg_replaced_cost.BillingPeriodStart, '%Y-%m') as billing_period,
        cast(stg_replaced_cost.ChargePeriodStart as date) as charge_date

    from stg_replaced_cost
    cross join build_params
    where cast(stg_replaced_cost.ChargePeriodStart as date) <= build_params.as_of_date

),

current_cost_rows as (

    select focus_cost.*

    from focus_cost
    cross join build_params
    where focus_cost.x_ChargeDate <= build_params.as_of_date

),

fx_rates as (

    select * from int_fx_rates

),

latest_replacement as (

    select
        x_SourceName as source,
        ProviderName as provider,
        BillingAccountId as billing_account_id,
        billing_period,
        max(restated_by_run_id) as restated_by_run_id

    from replaced_rows
    group by all

),

previous_version as (

    select
        replaced_rows.x_SourceName as source,
        replaced_rows.ProviderName as provider,
        replaced_rows.BillingAccountId as billing_account_id,
        replaced_rows.billing_period,
        replaced_rows.BillingCurrency as billing_currency,
        replaced_rows.ServiceName as service_name,
        replaced_rows.charge_date,
        replaced_rows.BilledCost,
        replaced_rows.x_RunId,
        latest_replacement.restated_by_run_id

    from replaced_rows
    inner join latest_replacement
        on replaced_rows.x_SourceName = latest_replacement.source
        and replaced_rows.ProviderName = latest_replacement.provider
        and replaced_rows.BillingAccountId = latest_replacement.billing_account_id
        and replaced_rows.billing_period = latest_replacement.billing_period
        and replaced_rows.restated_by_run_id = latest_replacement.restated_by_run_id

),

previous_converted as (

    select
        previous_version.*,
        fx_rates.rate_to_reporting

    from previous_version
    asof left join fx_rates
        on previous_version.billing_currency = fx_rates.currency
        and previous_version.charge_date >= fx_rates.valid_from

),

previous_by_service as (

    select
        source,
        provider,
        billing_account_id,
        billing_period,
        billing_currency,
        service_name,
        any_value(restated_by_run_id) as restated_by_run_id,
        any_value(x_RunId) as previous_run_id,
        sum(BilledCost) as previous_cost,
        sum(BilledCost * rate_to_reporting) as previous_cost_reporting,
        count(*) as previous_rows

    from previous_converted
    group by all

),

current_by_service as (

    select
        current_cost_rows.x_SourceName as source,
        current_cost_rows.ProviderName as provider,
        current_cost_rows.BillingAccountId as billing_account_id,
        latest_replacement.billing_period,
        current_cost_rows.BillingCurrency as billing_currency,
        current_cost_rows.ServiceName as service_name,
        latest_replacement.restated_by_run_id,
        sum(current_cost_rows.BilledCost) as current_cost,
        sum(current_cost_rows.x_BilledCostReporting) as current_cost_reporting,
        count(*) as current_rows

    from current_cost_rows
    inner join latest_replacement
        on current_cost_rows.x_SourceName = latest_replacement.source
        and current_cost_rows.ProviderName = latest_replacement.provider
        and current_cost_rows.BillingAccountId = latest_replacement.billing_account_id
        and strftime(current_cost_rows.BillingPeriodStart, '%Y-%m') = latest_replacement.billing_period
    group by all

),

final as (

    select
        coalesce(p.provider, c.provider) as provider,
        coalesce(p.billing_period, c.billing_period) as billing_period,
        coalesce(p.source, c.source) as source,
        coalesce(p.billing_account_id, c.billing_account_id) as billing_account_id,
        coalesce(p.billing_currency, c.billing_currency) as billing_currency,
        coalesce(p.service_name, c.service_name) as service_name,
        coalesce(p.restated_by_run_id, c.restated_by_run_id) as restated_by_run_id,
        cast(coalesce(p.previous_cost, 0) as decimal(38, 10)) as previous_cost,
        cast(coalesce(c.current_cost, 0) as decimal(38, 10)) as current_cost,
        cast(coalesce(c.current_cost, 0) - coalesce(p.previous_cost, 0) as decimal(38, 10)) as delta_cost,
        cast(coalesce(p.previous_cost_reporting, 0) as decimal(38, 10)) as previous_cost_reporting,
        cast(coalesce(c.current_cost_reporting, 0) as decimal(38, 10)) as current_cost_reporting,
        cast(coalesce(c.current_cost_reporting, 0) - coalesce(p.previous_cost_reporting, 0) as decimal(38, 10)) as delta_reporting,
        cast(coalesce(p.previous_rows, 0) as bigint) as previous_rows,
        cast(coalesce(c.current_rows, 0) as bigint) as current_rows,
        case
            when p.previous_rows is null then 'added'
            when c.current_rows is null then 'removed'
            when p.previous_cost = c.current_cost and p.previous_rows = c.current_rows then 'unchanged'
            else 'changed'
        end as change

    from previous_by_service as p
    full outer join current_by_service as c
        on p.source = c.source
        and p.provider = c.provider
        and p.billing_account_id = c.billing_account_id
        and p.billing_period = c.billing_period
        and p.billing_currency = c.billing_currency
        and p.service_name is not distinct from c.service_name

)

select * from final
