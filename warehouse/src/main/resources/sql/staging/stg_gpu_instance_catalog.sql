-- GPU instance types, how many GPUs of which model each one has, and what the quantity of its cost
-- rows counts (billed_per: instance, gpu or gpu_sku; catalog/gpu-instances.csv explains them): the
-- shipped catalog, overridden row by row by conf/gpu-instances.csv when that file exists.
with catalog as (

    select * from src.gpu_instance_catalog

),

final as (

    select
        cast(instance_type as varchar) as instance_type,
        cast(provider as varchar) as provider,
        cast(gpu_model as varchar) as gpu_model,
        cast(gpu_count as integer) as gpu_count,
        cast(billed_per as varchar) as billed_per

    from catalog

)

select * from final
