-- A restated unit's rows in focus_cost, of every charge day (fct_restatements compares only those up to
-- the as-of day), are the rows its newest restating run's manifest published.
with restated_units as (

    select
        x_SourceName as source,
        ProviderName as provider,
        BillingAccountId as billing_account_id,
        strftime(BillingPeriodStart, '%Y-%m') as billing_period,
        max(restated_by_run_id) as restated_by_run_id

    from stg_replaced_cost
    group by all

),

current_rows as (

    select
        restated_units.source,
        restated_units.provider,
        restated_units.billing_account_id,
        restated_units.billing_period,
        restated_units.restated_by_run_id,
        count(focus_cost.x_SourceName) as current_rows

    from restated_units
    left join focus_cost
        on focus_cost.x_SourceName = restated_units.source
        and focus_cost.ProviderName = restated_units.provider
        and focus_cost.BillingAccountId = restated_units.billing_account_id
        and strftime(focus_cost.BillingPeriodStart, '%Y-%m') = restated_units.billing_period
    group by all

),

run_units as (

    select * from stg_ingest_run_units

),

final as (

    select
        current_rows.*,
        run_units.unit_rows as manifest_rows

    from current_rows
    inner join run_units
        on run_units.run_id = current_rows.restated_by_run_id
        and run_units.source = current_rows.source
        and run_units.provider = current_rows.provider
        and run_units.billing_account_id = current_rows.billing_account_id
        and run_units.billing_period = current_rows.billing_period
    where run_units.unit_rows is distinct from current_rows.current_rows

)

select * from final
