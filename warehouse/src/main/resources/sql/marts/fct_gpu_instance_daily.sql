-- Billed GPU instances per day with the telemetry of their GPUs (fct_gpu_hourly says which instance a
-- GPU-hour ran on and by which rule it matched), and the instance's GPU-hours and cost split four
-- ways: active, idle (observed and inactive), unknown activity (observed, no activity metric) and
-- unobserved (no telemetry). With B billed GPU-hours, O = min(telemetry GPU-hours, B) observed,
-- U = min(unknown-activity GPU-hours, O), A = active GPU-hours and cost C:
--   active_cost = C x min(A, O - U) / B; idle_cost = C x (O - U - A) / B (at least 0);
--   unknown_activity_cost = C x U / B;
--   unobserved_cost = C x (B - O) / B; the four add up to C.
-- A GPU seen for half an hour at 100 % counts half an active hour; the other half is unobserved,
-- not idle. A day without telemetry is unobserved as a whole: it counts no idle cost.
with billed as (

    select * from int_gpu_billed_instances

),

telemetry as (

    select * from fct_gpu_hourly where resource_key is not null

),

observed as (

    select
        provider,
        resource_key,
        day,
        sum(sample_coverage) as telemetry_gpu_hours,
        coalesce(sum(active_ratio * sample_coverage), 0) as active_gpu_hours,
        coalesce(sum(sample_coverage) filter (where active_ratio is null), 0)
            as unknown_activity_gpu_hours,
        sum(energy_kwh) as energy_kwh,
        sum(xid_events) as xid_events,
        count(distinct gpu_uuid) as gpus_reporting

    from telemetry
    group by provider, resource_key, day

),

joined as (

    select
        billed.provider,
        billed.gpu_model,
        billed.day,
        billed.resource_key,
        billed.resource_id,
        billed.resource_name,
        billed.instance_type,
        billed.gpu_count,
        -- a scale set bills its instances on one row: at least the GPUs its GPU-hours need in a day
        cast(greatest(billed.gpu_count, ceil(billed.billed_gpu_hours / 24)) as integer)
            as gpus_billed,
        billed.billed_gpu_hours,
        billed.gpu_cost,
        coalesce(observed.telemetry_gpu_hours, 0) as telemetry_gpu_hours,
        least(coalesce(observed.telemetry_gpu_hours, 0), billed.billed_gpu_hours)
            as observed_gpu_hours,
        coalesce(observed.active_gpu_hours, 0) as active_gpu_hours,
        least(
            coalesce(observed.unknown_activity_gpu_hours, 0),
            coalesce(observed.telemetry_gpu_hours, 0),
            billed.billed_gpu_hours
        ) as unknown_activity_gpu_hours,
        coalesce(observed.energy_kwh, 0) as energy_kwh,
        coalesce(observed.xid_events, 0) as xid_events,
        cast(coalesce(observed.gpus_reporting, 0) as integer) as gpus_reporting

    from billed
    left join observed
        on observed.provider = billed.provider
        and observed.resource_key = billed.resource_key
        and observed.day = billed.day

),

final as (

    select
        provider,
        gpu_model,
        day,
        resource_key,
        resource_id,
        resource_name,
        instance_type,
        gpu_count,
        gpus_billed,
        billed_gpu_hours,
        gpu_cost,
        telemetry_gpu_hours,
        observed_gpu_hours,
        active_gpu_hours,
        unknown_activity_gpu_hours,
        billed_gpu_hours - observed_gpu_hours as unobserved_gpu_hours,
        -- capped at the observed hours of known activity, should telemetry outrun the bill
        coalesce(
            gpu_cost
            * least(active_gpu_hours, observed_gpu_hours - unknown_activity_gpu_hours)
            / nullif(billed_gpu_hours, 0),
            0
        ) as active_cost,
        coalesce(
            gpu_cost
            * greatest(observed_gpu_hours - unknown_activity_gpu_hours - active_gpu_hours, 0)
            / nullif(billed_gpu_hours, 0),
            0
        ) as idle_cost,
        coalesce(gpu_cost * unknown_activity_gpu_hours / nullif(billed_gpu_hours, 0), 0)
            as unknown_activity_cost,
        -- a bill row without GPU-hours (0) cannot be observed: its whole cost is unobserved
        coalesce(
            gpu_cost * (billed_gpu_hours - observed_gpu_hours) / nullif(billed_gpu_hours, 0),
            gpu_cost
        ) as unobserved_cost,
        energy_kwh,
        xid_events,
        gpus_reporting,
        cast(greatest(gpus_billed - gpus_reporting, 0) as integer) as gpus_without_telemetry

    from joined

)

select * from final
