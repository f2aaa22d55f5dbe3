-- BillingCurrency is a three-letter ISO 4217 code.
with cost_rows as (

    select * from focus_cost

),

final as (

    select
        BillingCurrency,
        count(*) as row_count,
        min(x_SourceFile) as first_source_file

    from cost_rows
    where not regexp_full_match(BillingCurrency, '[A-Z]{3}')
    group by BillingCurrency

)

select * from final
