-- What each ingest run read and wrote: one row per run, input file and currency, from the run
-- manifests in lake/_runs/. Rows are per input file (repeated on each of its currency rows); costs
-- are per currency, in that currency.
with runs as (

    select * from stg_ingest_runs

),

final as (

    select
        run_id,
        started_at,
        finished_at,
        as_of_date,
        run_status,
        source,
        format,
        detected_format,
        file,
        file_sha256,
        file_bytes,
        currency,
        rows_in,
        rows_written,
        rows_quarantined,
        rows_superseded,
        cost_in,
        cost_written,
        cost_quarantined,
        cost_superseded,
        manifest_file

    from runs

)

select * from final
