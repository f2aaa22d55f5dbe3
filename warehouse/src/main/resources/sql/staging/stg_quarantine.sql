-- The rows the ingest runs rejected (lake/quarantine/run=<run_id>/source=<name>/*.parquet), loaded
-- by the runner into src.quarantine_rows; the run id comes from the folder name.
with quarantine_rows as (

    select * from src.quarantine_rows

),

final as (

    select
        cast(regexp_extract(quarantine_file, '[/\\]run=([^/\\]+)[/\\]', 1) as varchar) as run_id,
        cast(x_SourceName as varchar) as source,
        cast(x_SourceFile as varchar) as file,
        cast(x_SourceLine as bigint) as line,
        cast(column_name as varchar) as column_name,
        cast(reason as varchar) as reason,
        cast(raw as varchar) as raw,
        cast(BilledCost as decimal(28, 10)) as billed_cost,
        cast(BillingCurrency as varchar) as billing_currency,
        cast(quarantine_file as varchar) as quarantine_file

    from quarantine_rows

)

select * from final
