-- fct_spend_anomalies of the seven days up to the as-of day (what happened since last week's report,
-- and every nightly one), in the report's types.
with anomaly_rows as (

    select * from fct_spend_anomalies

),

build_params as (

    select * from stg_build_params

),

final as (

    select
        anomaly_rows.day,
        anomaly_rows.provider,
        anomaly_rows.service_name,
        cast(anomaly_rows.actual_reporting as decimal(18, 2)) as actual_reporting,
        cast(anomaly_rows.expected_reporting as decimal(18, 2)) as expected_reporting,
        cast(anomaly_rows.deviation_reporting as decimal(18, 2)) as deviation_reporting,
        cast(anomaly_rows.deviation_score as double) as deviation_score

    from anomaly_rows
    cross join build_params
    where anomaly_rows.day > build_params.as_of_date - 7
        and anomaly_rows.day <= build_params.as_of_date

)

select * from final
