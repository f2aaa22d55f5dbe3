-- Can today's numbers be trusted: one row per pipeline.yaml source, in the configured order. What
-- the source's last ingest run (the newest run that listed a file of it) read, quarantined and
-- reconciled, and what a newer delivery of the same unit superseded (rows read but replaced, never
-- written: re-delivered periods, older assemblies or export runs); when its newest file content
-- first arrived; its freshness (int_source_freshness); and what the warehouse left out because
-- another source of the same billing account and period won an overlap (fct_feed_overlaps: written to
-- the lake, not counted). Quarantined, superseded and dropped cost are converted at the rates
-- valid on the as-of day (null when one is missing). source_kind says what its rows are: billing
-- rows or telemetry samples (the telemetry formats of SourceFormat). A file the last run found
-- unchanged since an earlier run (detected 'unchanged': not read again) counts the rows of the
-- newest run that read that content, so an unchanged source shows what it holds, and
-- files_unchanged says how many of its files that was.
with sources as (

    select * from int_source_freshness

),

runs as (

    select * from fct_ingest_run_files

),

build_params as (

    select * from stg_build_params

),

fx_rates as (

    select * from int_fx_rates

),

overlap_losses as (

    select * from fct_feed_overlaps

),

dropped_by_overlap as (

    select
        overlap_losses.losing_source as source,
        sum(overlap_losses.rows_dropped) as rows_dropped,
        sum(overlap_losses.billed_cost_dropped * fx_rates.rate_to_reporting)
            as cost_dropped_reporting,
        bool_and(fx_rates.rate_to_reporting is not null) as every_rate_found

    from (
        select overlap_losses.*, build_params.as_of_date
        from overlap_losses
        cross join build_params
    ) as overlap_losses
    asof left join fx_rates
        on overlap_losses.billing_currency = fx_rates.currency
        and overlap_losses.as_of_date >= fx_rates.valid_from
    group by overlap_losses.losing_source

),

-- a delivery is a file content (sha256) the first time a run read it
deliveries as (

    select
        source,
        file,
        file_sha256,
        min(started_at) as delivered_at

    from runs
    where source is not null
    group by source, file, file_sha256

),

last_delivery as (

    select
        source,
        max(delivered_at) as last_delivery_at

    from deliveries
    group by source

),

source_runs as (

    select
        source,
        run_id,
        run_status,
        row_number() over (partition by source order by started_at desc, run_id desc) as recency

    from runs
    where source is not null
    group by source, run_id, run_status, started_at

),

last_run_rows as (

    select
        runs.*

    from runs
    inner join source_runs
        on source_runs.source = runs.source
        and source_runs.run_id = runs.run_id
        and source_runs.recency = 1

),

-- what a file content held when a run last read it (not 'unchanged')
content_reads as (

    select
        source,
        file_sha256,
        arg_max(rows_in, started_at) as rows_in,
        arg_max(rows_quarantined, started_at) as rows_quarantined

    from runs
    where source is not null
        and coalesce(detected_format, '') <> 'unchanged'
    group by source, file_sha256

),

-- rows are per input file, repeated on each of its currency rows
last_run_files as (

    select
        last_run_rows.source,
        last_run_rows.file,
        any_value(last_run_rows.run_status) as run_status,
        bool_or(last_run_rows.detected_format = 'unchanged') as unchanged,
        any_value(
            case
                when last_run_rows.detected_format = 'unchanged' then content_reads.rows_in
                else last_run_rows.rows_in
            end
        ) as rows_in,
        any_value(
            case
                when last_run_rows.detected_format = 'unchanged' then content_reads.rows_quarantined
                else last_run_rows.rows_quarantined
            end
        ) as rows_quarantined,
        any_value(last_run_rows.rows_superseded) as rows_superseded,
        bool_and(
            last_run_rows.currency is null
            or last_run_rows.cost_in = coalesce(last_run_rows.cost_written, 0)
                + coalesce(last_run_rows.cost_quarantined, 0)
                + coalesce(last_run_rows.cost_superseded, 0)
        ) as reconciled

    from last_run_rows
    left join content_reads
        on content_reads.source = last_run_rows.source
        and content_reads.file_sha256 = last_run_rows.file_sha256
    group by last_run_rows.source, last_run_rows.file

),

quarantined_cost as (

    select
        last_run_rows.source,
        sum(last_run_rows.cost_quarantined * fx_rates.rate_to_reporting) as cost_quarantined_reporting,
        sum(last_run_rows.cost_superseded * fx_rates.rate_to_reporting) as cost_superseded_reporting,
        bool_and(fx_rates.rate_to_reporting is not null) as every_rate_found

    from (
        select last_run_rows.*, build_params.as_of_date
        from last_run_rows
        cross join build_params
        where last_run_rows.currency is not null
    ) as last_run_rows
    asof left join fx_rates
        on last_run_rows.currency = fx_rates.currency
        and last_run_rows.as_of_date >= fx_rates.valid_from
    group by last_run_rows.source

),

last_run as (

    select
        source,
        any_value(run_status) as last_run_status,
        count(*) as files,
        count(*) filter (where unchanged) as files_unchanged,
        sum(rows_in) as rows_in,
        sum(rows_quarantined) as rows_quarantined,
        sum(rows_superseded) as rows_superseded,
        bool_and(reconciled) as reconciled

    from last_run_files
    group by source

),

final as (

    select
        sources.source,
        sources.format,
        case
            when sources.kind = 'telemetry' then 'telemetry'
            else 'billing'
        end as source_kind,
        last_delivery.last_delivery_at,
        last_run.last_run_status,
        cast(coalesce(last_run.files, 0) as bigint) as files,
        cast(coalesce(last_run.files_unchanged, 0) as bigint) as files_unchanged,
        cast(coalesce(last_run.rows_in, 0) as bigint) as rows_in,
        cast(coalesce(last_run.rows_quarantined, 0) as bigint) as rows_quarantined,
        cast(
            case
                when last_run.source is null then null
                -- a telemetry source's files carry no cost
                when quarantined_cost.source is null then 0
                when quarantined_cost.every_rate_found then quarantined_cost.cost_quarantined_reporting
            end as decimal(18, 2)
        ) as cost_quarantined_reporting,
        cast(coalesce(last_run.rows_superseded, 0) as bigint) as rows_superseded,
        cast(
            case
                when last_run.source is null then null
                when quarantined_cost.source is null then 0
                when quarantined_cost.every_rate_found then quarantined_cost.cost_superseded_reporting
            end as decimal(18, 2)
        ) as cost_superseded_reporting,
        cast(coalesce(dropped_by_overlap.rows_dropped, 0) as bigint) as rows_dropped_by_overlap,
        cast(
            case
                when dropped_by_overlap.source is null then 0
                when dropped_by_overlap.every_rate_found then dropped_by_overlap.cost_dropped_reporting
            end as decimal(18, 2)
        ) as cost_dropped_by_overlap_reporting,
        last_run.reconciled and last_run.last_run_status = 'ok' as reconciled,
        sources.newest_data_end,
        sources.hours_late,
        sources.warn_after_hours,
        sources.error_after_hours,
        sources.freshness_status,
        sources.source_order

    from sources
    left join last_delivery
        on last_delivery.source = sources.source
    left join last_run
        on last_run.source = sources.source
    left join quarantined_cost
        on quarantined_cost.source = sources.source
    left join dropped_by_overlap
        on dropped_by_overlap.source = sources.source

)

select * from final
