-- The parameters of this build, one row: the as-of day for pace and forecast, the currency every
-- *_reporting amount is in and the smallest anomaly (anomalies.min_deviation). Loaded by the
-- runner from its arguments and pipeline.yaml.
with build_params as (

    select * from src.build_params

),

final as (

    select
        cast(as_of_date as date) as as_of_date,
        cast(reporting_currency as varchar) as reporting_currency,
        cast(built_at as timestamp) as built_at,
        cast(fx_rates_file as varchar) as fx_rates_file,
        cast(anomaly_min_deviation as decimal(38, 10)) as anomaly_min_deviation

    from build_params

)

select * from final
