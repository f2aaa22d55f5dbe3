-- The telemetry sources' host maps (pipeline.yaml options.host_map, a hostname,instance_id CSV per
-- source), loaded by the runner on every build: the instance a host name stands for where neither
-- the host name nor a label carries a bill key (an OCI host and its instance OCID, an AWS
-- ip-10-0-1-2 host and its instance id).
with host_map as (

    select * from src.gpu_host_map

),

final as (

    select
        cast(source_name as varchar) as source_name,
        cast(hostname as varchar) as hostname,
        cast(instance_id as varchar) as instance_id,
        cast(map_file as varchar) as map_file

    from host_map

)

select * from final
