-- Billed GPU instances per day with the telemetry of their GPUs. A GPU's hours join its instance's
-- bill row on the same day by key: the telemetry host name against ResourceName, or the instance
-- id (or host name) against ResourceId or its last path segment (Azure, GCP resource paths), as
-- the telemetry source's bill_match option says (auto: any of them); keys compare
-- case-insensitively. Unobserved time counts as not active: active_gpu_hours sums active_ratio x
-- sample_coverage, so a GPU seen for half an hour at 100 % counts half an active hour. A GPU-hour
-- whose telemetry has no activity metric (active_ratio null: memory and power only) is neither
-- active nor idle: its coverage goes to unknown_activity_gpu_hours.
with billed as (

    select * from int_gpu_billed_instances

),

telemetry as (

    select * from gpu_hourly

),

bill_keys as (

    select provider, resource_key, day, 'ResourceName' as via, lower(resource_name) as match_key
    from billed
    where resource_name is not null

    union

    select provider, resource_key, day, 'ResourceId' as via, lower(resource_id) as match_key
    from billed
    where resource_id is not null

    union

    select provider, resource_key, day, 'ResourceId' as via,
        lower(regexp_extract(resource_id, '[^/:]+$')) as match_key
    from billed
    where resource_id is not null and regexp_matches(resource_id, '[/:]')

),

telemetry_keys as (

    select gpu_uuid, hour, day, bill_match, 'ResourceName' as via, lower(hostname) as match_key
    from telemetry
    where hostname is not null

    union

    select gpu_uuid, hour, day, bill_match, 'ResourceId' as via, lower(hostname) as match_key
    from telemetry
    where hostname is not null

    union

    select gpu_uuid, hour, day, bill_match, 'ResourceId' as via, lower(instance_id) as match_key
    from telemetry
    where instance_id is not null

),

matched as (

    -- one instance per GPU-hour (the first key in order, should a GPU match two)
    select
        telemetry_keys.gpu_uuid,
        telemetry_keys.hour,
        min(bill_keys.provider || chr(31) || bill_keys.resource_key) as instance

    from telemetry_keys
    inner join bill_keys
        on telemetry_keys.match_key = bill_keys.match_key
        and telemetry_keys.day = bill_keys.day
        and (telemetry_keys.bill_match = 'auto' or telemetry_keys.bill_match = bill_keys.via)
    group by telemetry_keys.gpu_uuid, telemetry_keys.hour

),

observed as (

    select
        matched.instance,
        telemetry.day,
        sum(telemetry.sample_coverage) as telemetry_gpu_hours,
        coalesce(sum(telemetry.active_ratio * telemetry.sample_coverage), 0) as active_gpu_hours,
        coalesce(
            sum(telemetry.sample_coverage) filter (where telemetry.active_ratio is null), 0
        ) as unknown_activity_gpu_hours,
        sum(telemetry.energy_kwh) as energy_kwh,
        sum(telemetry.xid_events) as xid_events,
        count(distinct telemetry.gpu_uuid) as gpus_reporting

    from matched
    inner join telemetry
        on matched.gpu_uuid = telemetry.gpu_uuid
        and matched.hour = telemetry.hour
    group by matched.instance, telemetry.day

),

final as (

    select
        billed.provider,
        billed.gpu_model,
        billed.day,
        billed.resource_key,
        billed.resource_id,
        billed.resource_name,
        billed.instance_type,
        billed.gpu_count,
        billed.billed_gpu_hours,
        billed.gpu_cost,
        coalesce(observed.telemetry_gpu_hours, 0) as telemetry_gpu_hours,
        coalesce(observed.active_gpu_hours, 0) as active_gpu_hours,
        coalesce(observed.unknown_activity_gpu_hours, 0) as unknown_activity_gpu_hours,
        coalesce(observed.energy_kwh, 0) as energy_kwh,
        coalesce(observed.xid_events, 0) as xid_events,
        cast(coalesce(observed.gpus_reporting, 0) as integer) as gpus_reporting,
        cast(greatest(billed.gpu_count - coalesce(observed.gpus_reporting, 0), 0) as integer)
            as gpus_without_telemetry

    from billed
    left join observed
        on observed.instance = billed.provider || chr(31) || billed.resource_key
        and observed.day = billed.day

)

select * from final
