-- Every row or line an ingest run rejected, with where it came from and why: the lake's quarantine
-- files, which `burnrate sql` cannot read. A row belongs to the run that rejected it; is_current_run
-- says whether that run is still the one that counts for the file (fct_ingest_run_files): a file read again
-- later by a successful run has that run's quarantine, so filter on is_current_run for "what is
-- quarantined now". billed_cost is null for telemetry lines and for rows whose cost did not parse.
with quarantined as (

    select * from stg_quarantine

),

runs as (

    select distinct
        run_id,
        source,
        file,
        run_kind,
        is_current_run

    from fct_ingest_run_files

),

final as (

    select
        quarantined.run_id,
        quarantined.source,
        runs.run_kind,
        coalesce(runs.is_current_run, false) as is_current_run,
        quarantined.file,
        quarantined.line,
        quarantined.column_name,
        quarantined.reason,
        quarantined.raw,
        cast(quarantined.billed_cost as decimal(38, 10)) as billed_cost,
        quarantined.billing_currency,
        quarantined.quarantine_file

    from quarantined
    left join runs
        on runs.run_id = quarantined.run_id
        and runs.source = quarantined.source
        and runs.file = quarantined.file

)

select * from final
