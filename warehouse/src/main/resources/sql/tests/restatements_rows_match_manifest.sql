-- A restated unit's current rows are what the restating run's manifest says it published.
with restatement_rows as (

    select
        provider,
        billing_period,
        source,
        billing_account_id,
        restated_by_run_id,
        sum(current_rows) as current_rows

    from restatements
    group by all

),

run_units as (

    select * from stg_ingest_run_units

),

final as (

    select
        restatement_rows.*,
        run_units.unit_rows as manifest_rows

    from restatement_rows
    inner join run_units
        on run_units.run_id = restatement_rows.restated_by_run_id
        and run_units.source = restatement_rows.source
        and run_units.provider = restatement_rows.provider
        and run_units.billing_account_id = restatement_rows.billing_account_id
        and run_units.billing_period = restatement_rows.billing_period
    where run_units.unit_rows is distinct from restatement_rows.current_rows

)

select * from final
