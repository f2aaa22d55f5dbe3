-- BilledCost in the reporting currency per calendar month and provider, for the report's chart:
-- every month from the first to the last month with data, for every provider, 0 where none.
with cost_rows as (

    select
        cast(date_trunc('month', x_ChargeDate) as date) as month,
        ProviderName as provider,
        x_BilledCostReporting

    from focus_cost

),

month_range as (

    select
        min(month) as first_month,
        max(month) as last_month

    from cost_rows

),

months as (

    select cast(unnest(generate_series(first_month, last_month, interval 1 month)) as date) as month

    from month_range
    where first_month is not null

),

providers as (

    select distinct provider

    from cost_rows

),

spend as (

    select
        month,
        provider,
        sum(x_BilledCostReporting) as billed_cost_reporting

    from cost_rows
    group by
        month,
        provider

),

final as (

    select
        months.month,
        strftime(months.month, '%Y-%m') as month_label,
        providers.provider,
        cast(coalesce(spend.billed_cost_reporting, 0) as decimal(18, 2)) as billed_cost_reporting

    from months
    cross join providers
    left join spend
        on months.month = spend.month
        and providers.provider is not distinct from spend.provider

)

select * from final
