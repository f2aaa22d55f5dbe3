-- Restatements made by ingest runs of the seven days up to the as-of day (the run's as-of day),
-- one row per restated unit, billing currencies added up in the reporting currency.
with restatement_rows as (

    select * from restatements

),

build_params as (

    select * from stg_build_params

),

final as (

    select
        restatement_rows.provider,
        restatement_rows.billing_account_id,
        restatement_rows.billing_period,
        restatement_rows.source,
        max(restatement_rows.restated_at) as restated_at,
        cast(sum(restatement_rows.previous_cost_reporting) as decimal(18, 2)) as previous_cost_reporting,
        cast(sum(restatement_rows.current_cost_reporting) as decimal(18, 2)) as current_cost_reporting,
        cast(sum(restatement_rows.delta_reporting) as decimal(18, 2)) as delta_reporting,
        cast(sum(restatement_rows.previous_rows) as bigint) as previous_rows,
        cast(sum(restatement_rows.current_rows) as bigint) as current_rows,
        array_to_string(list_sort(list_distinct(flatten(list(restatement_rows.services_changed)))), ', ')
            as services_changed

    from restatement_rows
    cross join build_params
    where restatement_rows.restated_as_of_date > build_params.as_of_date - 7
        and restatement_rows.restated_as_of_date <= build_params.as_of_date
    group by
        restatement_rows.provider,
        restatement_rows.billing_account_id,
        restatement_rows.billing_period,
        restatement_rows.source

)

select * from final
