-- Per restated unit (provider, billing period, source, billing account) and billing currency: what
-- changed between its last two versions, in amount, rows and services, and which ingest run
-- restated it when (from that run's manifest, lake/_runs/).
with services as (

    select * from fct_restatement_services

),

run_units as (

    select * from stg_ingest_run_units

),

per_unit as (

    select
        provider,
        billing_period,
        source,
        billing_account_id,
        billing_currency,
        restated_by_run_id,
        sum(previous_cost) as previous_cost,
        sum(current_cost) as current_cost,
        sum(delta_cost) as delta_cost,
        sum(previous_cost_reporting) as previous_cost_reporting,
        sum(current_cost_reporting) as current_cost_reporting,
        sum(delta_reporting) as delta_reporting,
        sum(previous_rows) as previous_rows,
        sum(current_rows) as current_rows,
        list(coalesce(service_name, '(no service)') order by service_name)
            filter (where change <> 'unchanged') as services_changed,
        list(coalesce(service_name, '(no service)') order by service_name)
            filter (where change = 'added') as services_added,
        list(coalesce(service_name, '(no service)') order by service_name)
            filter (where change = 'removed') as services_removed

    from services
    group by all

),

final as (

    select
        per_unit.provider,
        per_unit.billing_period,
        cast(strptime(per_unit.billing_period, '%Y-%m') as date) as billing_period_start,
        per_unit.source,
        per_unit.billing_account_id,
        per_unit.billing_currency,
        run_units.previous_run_id,
        per_unit.restated_by_run_id,
        run_units.finished_at as restated_at,
        run_units.as_of_date as restated_as_of_date,
        cast(per_unit.previous_cost as decimal(38, 10)) as previous_cost,
        cast(per_unit.current_cost as decimal(38, 10)) as current_cost,
        cast(per_unit.delta_cost as decimal(38, 10)) as delta_cost,
        cast(per_unit.previous_cost_reporting as decimal(38, 10)) as previous_cost_reporting,
        cast(per_unit.current_cost_reporting as decimal(38, 10)) as current_cost_reporting,
        cast(per_unit.delta_reporting as decimal(38, 10)) as delta_reporting,
        cast(per_unit.previous_rows as bigint) as previous_rows,
        cast(per_unit.current_rows as bigint) as current_rows,
        cast(per_unit.current_rows - per_unit.previous_rows as bigint) as rows_delta,
        coalesce(per_unit.services_changed, []) as services_changed,
        coalesce(per_unit.services_added, []) as services_added,
        coalesce(per_unit.services_removed, []) as services_removed

    from per_unit
    left join run_units
        on run_units.run_id = per_unit.restated_by_run_id
        and run_units.source = per_unit.source
        and run_units.provider = per_unit.provider
        and run_units.billing_account_id = per_unit.billing_account_id
        and run_units.billing_period = per_unit.billing_period

)

select * from final
