-- The earlier versions of restated units: lake/replaced/run=<run_id>/provider=.../*.parquet, where
-- <run_id> is the ingest run that replaced them. Only the columns a restatement compares, cast to
-- their FocusColumns types. {{lake_replaced_files}} is the zero-row schema file, then the
-- replaced files when there are any; the replacing run is read from the file's path, every other
-- value from the file itself.
with replaced as (

    select *
    from read_parquet(
        {{lake_replaced_files}},
        hive_partitioning = false,
        union_by_name = true,
        filename = true
    )

),

final as (

    select
        cast(x_SourceName as varchar) as x_SourceName,
        cast(ProviderName as varchar) as ProviderName,
        cast(BillingAccountId as varchar) as BillingAccountId,
        cast(BillingPeriodStart as timestamp) as BillingPeriodStart,
        cast(BillingCurrency as varchar) as BillingCurrency,
        cast(ServiceName as varchar) as ServiceName,
        cast(ChargePeriodStart as timestamp) as ChargePeriodStart,
        cast(BilledCost as decimal(28, 10)) as BilledCost,
        cast(EffectiveCost as decimal(28, 10)) as EffectiveCost,
        cast(x_RunId as varchar) as x_RunId,
        regexp_extract(filename, '[/\\]run=([^/\\]+)[/\\]', 1) as restated_by_run_id,
        cast(filename as varchar) as replaced_file

    from replaced

)

select * from final
