-- Every GPU-hour either matched a bill row (and carries its provider) or is counted in
-- fct_gpu_telemetry_unmatched_daily; a GPU-hour without a provider is one the bill did not match.
with telemetry as (

    select * from fct_gpu_hourly

),

unmatched as (

    select * from fct_gpu_telemetry_unmatched_daily

),

final as (

    select
        telemetry.gpu_uuid,
        telemetry.hour,
        telemetry.source_name,
        telemetry.hostname,
        telemetry.provider,
        telemetry.resource_key

    from telemetry
    where (telemetry.resource_key is not null and telemetry.provider is null)
        or (
            telemetry.resource_key is null
            and not exists (
                select 1
                from unmatched
                where unmatched.day = telemetry.day
                    and unmatched.source_name = telemetry.source_name
                    and unmatched.hostname is not distinct from telemetry.hostname
                    and unmatched.instance_id is not distinct from telemetry.instance_id
            )
        )

)

select * from final
