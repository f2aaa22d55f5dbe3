-- conf/fx-rates.csv: reporting-currency units per one unit of currency, from valid_from on.
with fx_rates as (

    select * from src.fx_rates

),

final as (

    select
        cast(currency as varchar) as currency,
        cast(valid_from as date) as valid_from,
        cast(rate_to_reporting as decimal(28, 10)) as rate_to_reporting

    from fx_rates

)

select * from final
