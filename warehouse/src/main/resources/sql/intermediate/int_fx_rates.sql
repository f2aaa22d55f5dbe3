-- Every rate an ASOF join may pick: the rates from fx-rates.csv plus the reporting currency at
-- 1 from the beginning of time, so a charge in the reporting currency always finds its rate.
with fx_rates as (

    select * from stg_fx_rates

),

build_params as (

    select * from stg_build_params

),

configured_rates as (

    select
        fx_rates.currency,
        fx_rates.valid_from,
        fx_rates.rate_to_reporting

    from fx_rates
    cross join build_params
    where fx_rates.currency <> build_params.reporting_currency

),

reporting_currency_rate as (

    select
        reporting_currency as currency,
        date '0001-01-01' as valid_from,
        cast(1 as decimal(28, 10)) as rate_to_reporting

    from build_params

),

final as (

    select * from configured_rates
    union all
    select * from reporting_currency_rate

)

select * from final
