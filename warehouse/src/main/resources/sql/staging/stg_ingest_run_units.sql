-- The units (source, billing account, billing period) each ingest run published, from the run
-- manifests (lake/_runs/*.json): new, replaced (a restatement) or unchanged.
with manifests as (

    select * from src.ingest_run_manifests

),

units as (

    select
        run_id,
        started_at,
        finished_at,
        as_of,
        status,
        unnest(units) as unit

    from manifests
    where units is not null

),

final as (

    select
        cast(run_id as varchar) as run_id,
        cast(cast(started_at as timestamptz) as timestamp) as started_at,
        cast(cast(finished_at as timestamptz) as timestamp) as finished_at,
        cast(as_of as date) as as_of_date,
        cast(status as varchar) as run_status,
        cast(unit.source as varchar) as source,
        cast(unit.provider as varchar) as provider,
        cast(unit.billing_account as varchar) as billing_account_id,
        cast(unit.billing_period as varchar) as billing_period,
        cast(unit.action as varchar) as action,
        cast(unit.rows as bigint) as unit_rows,
        cast(unit.previous_run_id as varchar) as previous_run_id

    from units

)

select * from final
