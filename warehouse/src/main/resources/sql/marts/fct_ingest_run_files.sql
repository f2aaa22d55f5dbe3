-- What each ingest run read and wrote: one row per run, input file and currency, from the run
-- manifests in lake/_runs/. Rows are per input file (repeated on each of its currency rows); costs
-- are per currency, in that currency.
--
-- The run that counts (is_current_run): for each (source, file), the newest successful run that
-- listed it. Its figures are what the lake holds for that file; failed runs published nothing and
-- older successful runs were followed by a newer read. Summing the current rows counts each file
-- once.
--
-- Unchanged telemetry: when a telemetry source's files are the same as the run that published its
-- days, the run keeps lake/gpu and parses nothing (detected_format 'unchanged', zero counts in the
-- manifest). Its row carries the counts of the newest successful run that parsed the same file
-- content (same sha256), named in counted_in_run_id, so the current row still says what the lake
-- holds for the file; counted_in_run_id is the row's own run_id otherwise.
with runs as (

    select
        *,
        -- the content whose counts an unchanged file borrows; null (never joins) for the others
        case when detected_format = 'unchanged' then file_sha256 end as unchanged_sha256

    from stg_ingest_runs

),

parsed as (

    select * from runs
    where run_status = 'ok'
        and detected_format is distinct from 'unchanged'

),

counted as (

    select
        runs.* exclude (unchanged_sha256) replace (
            coalesce(parsed.rows_in, runs.rows_in) as rows_in,
            coalesce(parsed.rows_written, runs.rows_written) as rows_written,
            coalesce(parsed.rows_quarantined, runs.rows_quarantined) as rows_quarantined,
            coalesce(parsed.rows_ignored, runs.rows_ignored) as rows_ignored,
            coalesce(parsed.rows_ignored_no_gpu, runs.rows_ignored_no_gpu) as rows_ignored_no_gpu
        ),
        coalesce(parsed.run_id, runs.run_id) as counted_in_run_id

    from runs
    asof left join parsed
        on runs.unchanged_sha256 = parsed.file_sha256
        and runs.source = parsed.source
        and runs.file = parsed.file
        and runs.started_at > parsed.started_at

),

ranked as (

    select
        *,
        run_status = 'ok' and file is not null
        and started_at = max(started_at) filter (where run_status = 'ok') over (
            partition by source, file
        ) as is_current_run

    from counted

),

final as (

    select
        run_id,
        started_at,
        finished_at,
        as_of_date,
        run_status,
        run_kind,
        coalesce(is_current_run, false) as is_current_run,
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
        rows_ignored,
        rows_ignored_no_gpu,
        counted_in_run_id,
        cost_in,
        cost_written,
        cost_quarantined,
        cost_superseded,
        manifest_file

    from ranked

)

select * from final
