-- Corrections into closed periods: what cost rows of ChargeClass 'Correction' changed in a
-- commitment's burn of a billing period that had closed when a later billing period carried them.
-- A correction burns on the day it corrects (fct_commitment_burn_daily), so the closed period's
-- burn changes after it was reported: one row per commitment, corrected billing period and
-- billing period that carried the correction. rpt_restatements lists them with the re-deliveries.
with burn_daily as (

    select * from fct_commitment_burn_daily

),

final as (

    select
        contract_id,
        commitment_id,
        provider,
        category,
        unit,
        strftime(charge_date, '%Y-%m') as billing_period,
        cast(date_trunc('month', charge_date) as date) as billing_period_start,
        carried_in_billing_period,
        min(charge_date) as first_charge_date,
        max(charge_date) as last_charge_date,
        cast(sum(burned) as decimal(38, 10)) as burned,
        cast(sum(burned * fx_rate_contract_to_reporting) as decimal(38, 10)) as burned_reporting,
        cast(sum(row_count) as bigint) as row_count

    from burn_daily
    where carried_in_billing_period is not null
    group by
        contract_id,
        commitment_id,
        provider,
        category,
        unit,
        billing_period,
        billing_period_start,
        carried_in_billing_period

)

select * from final
