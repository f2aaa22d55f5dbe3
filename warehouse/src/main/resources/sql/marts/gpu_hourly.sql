-- Hourly per-GPU telemetry: one row per GPU and hour, for every GPU that sent any metric in the
-- hour. active_ratio is null when the GPU sent no activity metric (memory and power only, or
-- nvidia-smi's [N/A]): unknown, which is not idle, so it stays null here. When two telemetry
-- sources cover the same GPU and hour (a DCGM scrape and an nvidia-smi log), one that knows the
-- GPU's activity wins over one that does not, then the larger sample coverage, then the source
-- name (for a stable choice).
with hourly as (

    select * from stg_gpu_hourly

),

ranked as (

    select
        *,
        row_number() over (
            partition by gpu_uuid, hour
            order by active_ratio is not null desc, sample_coverage desc, source_name
        ) as source_rank

    from hourly

),

final as (

    select * exclude (source_rank)
    from ranked
    where source_rank = 1

)

select * from final
