-- Nothing lost: for every input file of a successful run, cost in = written + quarantined +
-- superseded by a newer delivery of the same feed, per currency (DESIGN.md, Guarantees).
with runs as (

    select * from fct_ingest_run_files

),

final as (

    select
        run_id,
        file,
        currency,
        cost_in,
        cost_written,
        cost_quarantined,
        cost_superseded

    from runs
    where run_status = 'ok'
        and currency is not null
        and cost_in is distinct from coalesce(cost_written, 0) + coalesce(cost_quarantined, 0)
            + coalesce(cost_superseded, 0)

)

select * from final
