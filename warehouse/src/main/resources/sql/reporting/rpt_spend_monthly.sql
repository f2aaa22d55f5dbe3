-- BilledCost in the reporting currency per calendar month and provider, for the report's chart:
-- every month from the first to the last month with data up to the as-of day (charge day <= as-of:
-- the as-of month is partial, later charges are left out), for every provider, 0 where none.
with cost_rows as (

    select
        cast(date_trunc('month', focus_cost.x_ChargeDate) as date) as month,
        focus_cost.ProviderName as provider,
        focus_cost.x_BilledCostReporting

    from focus_cost
    cross join stg_build_params as build_params
    where focus_cost.x_ChargeDate <= build_params.as_of_date

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
