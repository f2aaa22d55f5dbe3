-- GPU instances as the bill shows them: one row per provider, resource and charge day, from the
-- Usage rows with a GPU model (x_GpuModel: an instance type of the GPU catalog in SkuId, or a GPU
-- SKU row). billed_gpu_hours sums x_GpuHours (int_focus_cost_enriched says how each unit counts):
-- a Google Cloud VM's GPU SKU rows bring its GPU-hours, its core and RAM rows only cost. gpu_cost
-- is EffectiveCost (amortized: discounts, commitments and reservations applied) of all those rows
-- in the reporting currency, so cost per GPU-hour prices the whole machine, as an AWS instance-hour
-- does.
with cost_rows as (

    select * from int_focus_cost_enriched

),

gpu_instance_types as (

    select lower(instance_type) as instance_type from stg_gpu_instance_catalog

),

gpu_usage as (

    select *
    from cost_rows
    where ChargeCategory = 'Usage'
        and x_GpuModel is not null
        and coalesce(ResourceId, ResourceName) is not null

),

final as (

    select
        ProviderName as provider,
        coalesce(ResourceId, ResourceName) as resource_key,
        max(ResourceId) as resource_id,
        max(ResourceName) as resource_name,
        x_ChargeDate as day,
        max(x_GpuModel) as gpu_model,
        max(x_GpuCount) as gpu_count,
        max(SkuId) filter (
            where lower(SkuId) in (select instance_type from gpu_instance_types)
        ) as instance_type,
        cast(coalesce(sum(x_GpuHours), 0) as double) as billed_gpu_hours,
        sum(x_EffectiveCostReporting) as gpu_cost,
        sum(x_BilledCostReporting) as gpu_billed_cost

    from gpu_usage
    group by ProviderName, coalesce(ResourceId, ResourceName), x_ChargeDate

)

select * from final
