-- Hourly per-GPU telemetry: one row per GPU and hour. When two telemetry sources cover the same
-- GPU and hour (a DCGM scrape and an nvidia-smi log), the one with the larger sample coverage wins
-- (then the source name, for a stable choice).
with hourly as (

    select * from stg_gpu_hourly

),

ranked as (

    select
        *,
        row_number() over (
            partition by gpu_uuid, hour
            order by sample_coverage desc, source_name
        ) as source_rank

    from hourly

),

final as (

    select * exclude (source_rank)
    from ranked
    where source_rank = 1

)

select * from final
