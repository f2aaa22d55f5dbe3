-- Hourly per-GPU telemetry: one row per GPU and hour, for every GPU that sent any metric in the
-- hour, with the billed instance it ran on. active_ratio is null when the GPU sent no activity
-- metric (memory and power only, or nvidia-smi's [N/A]): unknown, which is not idle. When two
-- telemetry sources cover the same GPU and hour (a DCGM scrape and an nvidia-smi log), one that
-- knows the GPU's activity wins over one that does not, then the larger sample coverage, then the
-- source name (for a stable choice).
--
-- Matching (per host and day; keys compare case-insensitively; a source that names its provider
-- only matches that provider's bill; the source's bill_match option limits the bill column:
-- ResourceName, ResourceId or auto):
--   1 instance_id   the instance label (AWS instance id, GCP instance id, OCI instance OCID)
--                   = ResourceId or its last path segment
--   2 host_map      the source's host map (options.host_map) names the instance: as 1
--   3 ec2_host_name an AWS resource-based host name, i-0abc....ec2.internal or
--                   i-0abc....<region>.compute.internal: its instance id = ResourceId
--   4 host_name     the host name = ResourceName (GCP instance name, CoreWeave node name) or the
--                   last segment of ResourceId (Azure VM name)
--   5 scale_set     an Azure scale-set instance: its computer name is the scale set's name and 6
--                   base-36 characters (AKS: aks-<pool>-<hash>-vmss00000x); the bill's ResourceId
--                   is the scale set (.../virtualMachineScaleSets/<name>)
-- The lowest rule that matches wins, then the smallest resource key. A GPU-hour that matches no
-- bill row keeps the source's provider and says why (unmatched_reason; fct_gpu_telemetry_unmatched_daily).
with hourly as (

    select * from stg_gpu_hourly

),

host_map as (

    select * from stg_gpu_host_map

),

billed as (

    select * from int_gpu_billed_instances

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

telemetry as (

    select * exclude (source_rank)
    from ranked
    where source_rank = 1

),

hosts as (

    select distinct
        telemetry.source_name,
        telemetry.day,
        telemetry.hostname,
        telemetry.instance_id,
        telemetry.provider,
        telemetry.bill_match,
        host_map.instance_id as mapped_instance_id

    from telemetry
    left join host_map
        on host_map.source_name = telemetry.source_name
        and lower(host_map.hostname) = lower(telemetry.hostname)

),

bill_keys as (

    select provider, resource_key, day, 'ResourceName' as via, 'name' as kind,
        lower(resource_name) as match_key
    from billed
    where resource_name is not null

    union

    select provider, resource_key, day, 'ResourceId' as via, 'id' as kind,
        lower(resource_id) as match_key
    from billed
    where resource_id is not null

    union

    select provider, resource_key, day, 'ResourceId' as via,
        case when regexp_matches(lower(resource_id), '/virtualmachinescalesets/[^/]+$')
            then 'scale_set' else 'id' end as kind,
        lower(regexp_extract(resource_id, '[^/:]+$')) as match_key
    from billed
    where regexp_matches(resource_id, '[/:]')

),

host_keys as (

    select *, 1 as rule_order, 'instance_id' as rule, 'id' as kind,
        lower(instance_id) as match_key
    from hosts
    where instance_id is not null

    union all

    select *, 2, 'host_map', 'id', lower(mapped_instance_id)
    from hosts
    where mapped_instance_id is not null

    union all

    select *, 3, 'ec2_host_name', 'id',
        regexp_extract(
            lower(hostname), '^(i-[0-9a-f]{8,17})\.([a-z0-9-]+\.compute|ec2)\.internal$', 1
        )
    from hosts
    where regexp_matches(
        lower(hostname), '^i-[0-9a-f]{8,17}\.([a-z0-9-]+\.compute|ec2)\.internal$'
    )

    union all

    select *, 4, 'host_name', 'name', lower(hostname)
    from hosts
    where hostname is not null

    union all

    select *, 4, 'host_name', 'id', lower(hostname)
    from hosts
    where hostname is not null

    union all

    select *, 5, 'scale_set', 'scale_set', lower(left(hostname, length(hostname) - 6))
    from hosts
    where regexp_matches(lower(hostname), '^[a-z0-9-]+[0-9a-z]{6}$')

),

key_matches as (

    select
        host_keys.source_name,
        host_keys.day,
        host_keys.hostname,
        host_keys.instance_id,
        arg_min(bill_keys.provider, (host_keys.rule_order, bill_keys.resource_key))
            as bill_provider,
        arg_min(bill_keys.resource_key, (host_keys.rule_order, bill_keys.resource_key))
            as resource_key,
        arg_min(host_keys.rule, (host_keys.rule_order, bill_keys.resource_key)) as matched_by

    from host_keys
    inner join bill_keys
        on host_keys.match_key = bill_keys.match_key
        and host_keys.kind = bill_keys.kind
        and host_keys.day = bill_keys.day
        and (host_keys.provider is null or host_keys.provider = bill_keys.provider)
        and (host_keys.bill_match = 'auto' or host_keys.bill_match = bill_keys.via)
    group by host_keys.source_name, host_keys.day, host_keys.hostname, host_keys.instance_id

),

-- hosts whose keys the bill knows on some day (for the reason of an unmatched day)
bill_key_set as (

    select distinct provider, via, kind, match_key from bill_keys

),

billed_other_days as (

    select distinct host_keys.source_name, host_keys.day, host_keys.hostname, host_keys.instance_id
    from host_keys
    inner join bill_key_set
        on host_keys.match_key = bill_key_set.match_key
        and host_keys.kind = bill_key_set.kind
        and (host_keys.provider is null or host_keys.provider = bill_key_set.provider)
        and (host_keys.bill_match = 'auto' or host_keys.bill_match = bill_key_set.via)

),

final as (

    select
        telemetry.* exclude (provider),
        coalesce(matched.bill_provider, telemetry.provider) as provider,
        matched.resource_key,
        matched.matched_by,
        case
            when matched.resource_key is not null then null
            when billed_other_days.source_name is not null
                then 'not billed that day: the host matches a bill row of another day'
            when telemetry.instance_id is null
                and regexp_matches(lower(telemetry.hostname), '^ip-[0-9]+-[0-9]+-[0-9]+-[0-9]+(\.|$)')
                then 'ip-based host name: add an instance_id label or a host_map line'
            when telemetry.provider is null
                then 'provider unknown: no bill key matched and the source names no provider'
            else 'no bill key matched'
        end as unmatched_reason

    from telemetry
    left join key_matches as matched
        on matched.source_name = telemetry.source_name
        and matched.day = telemetry.day
        and matched.hostname is not distinct from telemetry.hostname
        and matched.instance_id is not distinct from telemetry.instance_id
    left join billed_other_days
        on billed_other_days.source_name = telemetry.source_name
        and billed_other_days.day = telemetry.day
        and billed_other_days.hostname is not distinct from telemetry.hostname
        and billed_other_days.instance_id is not distinct from telemetry.instance_id

)

select * from final
