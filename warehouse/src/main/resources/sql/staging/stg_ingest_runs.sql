-- The ingest run manifests (lake/_runs/*.json), flattened to one row per run, input file and
-- currency. An input without cost entries (telemetry) keeps one row with a null currency; a run
-- without inputs keeps one row with a null file. A manifest without "kind" is a billing run's.
with manifests as (

    select * from src.ingest_run_manifests

),

inputs as (

    select
        run_id,
        started_at,
        finished_at,
        as_of,
        status,
        kind,
        manifest_file,
        unnest(coalesce(nullif(inputs, []), [null])) as input

    from manifests

),

input_costs as (

    select
        *,
        unnest(coalesce(nullif(input.cost, []), [null])) as input_cost

    from inputs

),

final as (

    select
        cast(run_id as varchar) as run_id,
        cast(cast(started_at as timestamptz) as timestamp) as started_at,
        cast(cast(finished_at as timestamptz) as timestamp) as finished_at,
        cast(as_of as date) as as_of_date,
        cast(status as varchar) as run_status,
        cast(coalesce(kind, 'billing') as varchar) as run_kind,
        cast(input.source as varchar) as source,
        cast(input.format as varchar) as format,
        cast(input.detected as varchar) as detected_format,
        cast(input.file as varchar) as file,
        cast(input.sha256 as varchar) as file_sha256,
        cast(input.bytes as bigint) as file_bytes,
        cast(input_cost.currency as varchar) as currency,
        cast(input.rows_in as bigint) as rows_in,
        cast(input.rows_written as bigint) as rows_written,
        cast(input.rows_quarantined as bigint) as rows_quarantined,
        coalesce(cast(input.rows_superseded as bigint), 0) as rows_superseded,
        coalesce(cast(input.rows_ignored as bigint), 0) as rows_ignored,
        coalesce(cast(input.rows_ignored_no_gpu as bigint), 0) as rows_ignored_no_gpu,
        cast(input_cost.cost_in as decimal(28, 10)) as cost_in,
        cast(input_cost.cost_written as decimal(28, 10)) as cost_written,
        cast(input_cost.cost_quarantined as decimal(28, 10)) as cost_quarantined,
        coalesce(cast(input_cost.cost_superseded as decimal(28, 10)), 0) as cost_superseded,
        cast(manifest_file as varchar) as manifest_file

    from input_costs

)

select * from final
