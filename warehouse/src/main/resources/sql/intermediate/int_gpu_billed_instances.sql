-- GPU instances as the bill shows them: one row per provider, resource and charge day, from the
-- Usage rows whose SkuId the GPU catalog knows. gpu_cost is EffectiveCost (amortized: discounts,
-- commitments and reservations applied) in the reporting currency.
with cost_rows as (

    select * from int_focus_cost_enriched

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
        max(SkuId) as instance_type,
        cast(sum(x_GpuHours) as double) as billed_gpu_hours,
        sum(x_EffectiveCostReporting) as gpu_cost,
        sum(x_BilledCostReporting) as gpu_billed_cost

    from gpu_usage
    group by ProviderName, coalesce(ResourceId, ResourceName), x_ChargeDate

)

select * from final
