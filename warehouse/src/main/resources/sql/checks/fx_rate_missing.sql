-- Input check (exit 3, not a data test): every amount that needs converting has a rate in
-- fx-rates.csv on or before its date. Returns one message per currency, earliest date first.
with cost_rows as (

    select * from focus_cost

),

burn_daily as (

    select * from fct_commitment_burn_daily

),

commitments as (

    select * from dim_contract_commitments

),

build_params as (

    select * from stg_build_params

),

billing_currency_gaps as (

    select
        BillingCurrency as currency,
        min(x_ChargeDate) as first_missing_date,
        'charges billed in it' as needed_for

    from cost_rows
    where x_FxRate is null
        and BillingCurrency is not null
    group by BillingCurrency

),

contract_currency_gaps as (

    select
        unit as currency,
        min(charge_date) as first_missing_date,
        'converting commitment burn to the contract currency' as needed_for

    from burn_daily
    where category = 'Spend'
        and burned is null
        and fx_rate_billing_to_reporting is not null
    group by unit

),

as_of_gaps as (

    select
        currency,
        min(as_of_date) as first_missing_date,
        'converting commitments to the reporting currency on the as-of day' as needed_for

    from commitments
    where category = 'Spend'
        and fx_rate_as_of is null
    group by currency

),

gaps as (

    select * from billing_currency_gaps
    union all
    select * from contract_currency_gaps
    union all
    select * from as_of_gaps

),

final as (

    select
        'no FX rate for ' || gaps.currency || ' on ' || strftime(gaps.first_missing_date, '%Y-%m-%d')
            || ' (needed for ' || gaps.needed_for || ', reporting currency '
            || build_params.reporting_currency || '): add a row to ' || build_params.fx_rates_file
            || ' with currency ' || gaps.currency || ' and valid_from on or before that date' as message,
        gaps.currency,
        gaps.first_missing_date

    from gaps
    cross join build_params
    order by gaps.first_missing_date, gaps.currency

)

select * from final
