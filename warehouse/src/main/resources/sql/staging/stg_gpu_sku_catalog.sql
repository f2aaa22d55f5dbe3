-- GPU SKUs billed one GPU at a time (Google Cloud's "Nvidia H100 80GB GPU running in ...", Oracle's
-- "Compute - GPU - H100"): a LIKE pattern over the SKU's description and the GPU model it names.
-- The shipped catalog, rows replaced or added by conf/gpu-skus.csv; the first matching row in
-- pattern_order wins.
with catalog as (

    select * from src.gpu_sku_catalog

),

final as (

    select
        cast(provider as varchar) as provider,
        cast(gpu_model as varchar) as gpu_model,
        cast(sku_like as varchar) as sku_like,
        cast(pattern_order as integer) as pattern_order

    from catalog

)

select * from final
