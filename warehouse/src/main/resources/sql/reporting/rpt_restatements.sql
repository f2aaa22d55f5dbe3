-- Restatements since the last report, in the reporting currency, of two kinds:
-- 'redelivery': a billing period delivered again by an ingest run whose as-of day lies in the seven
-- days up to the build's, one row per restated unit, billing currencies added up;
-- 'correction': a correction carried by the as-of day's billing period into a closed one, one row
-- per commitment whose burn of that closed period it changed (fct_commitment_corrections), the change
-- in delta_reporting (null for a Usage commitment, whose burn is not money).
with restatement_rows as (

    select * from fct_restatements

),

corrections as (

    select * from fct_commitment_corrections

),

build_params as (

    select * from stg_build_params

),

redeliveries as (

    select
        'redelivery' as kind,
        restatement_rows.provider,
        restatement_rows.billing_account_id,
        restatement_rows.billing_period,
        restatement_rows.source,
        cast(null as varchar) as carried_in_billing_period,
        cast(null as varchar) as commitment_id,
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

),

closed_period_corrections as (

    select
        'correction' as kind,
        corrections.provider,
        cast(null as varchar) as billing_account_id,
        corrections.billing_period,
        cast(null as varchar) as source,
        corrections.carried_in_billing_period,
        corrections.commitment_id,
        cast(null as timestamp) as restated_at,
        cast(null as decimal(18, 2)) as previous_cost_reporting,
        cast(null as decimal(18, 2)) as current_cost_reporting,
        cast(corrections.burned_reporting as decimal(18, 2)) as delta_reporting,
        cast(null as bigint) as previous_rows,
        corrections.row_count as current_rows,
        cast(null as varchar) as services_changed

    from corrections
    cross join build_params
    where corrections.carried_in_billing_period = strftime(build_params.as_of_date, '%Y-%m')

),

final as (

    select * from redeliveries
    union all
    select * from closed_period_corrections

)

select * from final
