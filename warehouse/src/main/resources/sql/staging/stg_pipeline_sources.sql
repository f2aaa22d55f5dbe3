-- pipeline.yaml sources: one row per configured export feed, in the configured order, with what
-- its format reads (kind: cost, telemetry or contract_commitments, from SourceFormat), the freshness thresholds it declares (null when it declares none), its Azure cost basis (actual or
-- amortized, options.cost_basis) and its place in overlaps.prefer (1 wins over 2; null: not named).
with pipeline_sources as (

    select * from src.pipeline_sources

),

final as (

    select
        cast(source_name as varchar) as source,
        cast(format as varchar) as format,
        cast(kind as varchar) as kind,
        cast(source_order as integer) as source_order,
        cast(warn_after_hours as integer) as warn_after_hours,
        cast(error_after_hours as integer) as error_after_hours,
        cast(cost_basis as varchar) as cost_basis,
        cast(overlap_preference as integer) as overlap_preference

    from pipeline_sources

)

select * from final
