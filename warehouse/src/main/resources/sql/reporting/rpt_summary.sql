-- The executive summary's headline numbers, one row: BilledCost in the reporting currency
-- month-, quarter- and year-to-date through the as-of day, the same span of the prior month,
-- quarter and year, and the total over all data up to the as-of day. Only charges dated on or
-- before the as-of day count (a report for a past day shows what that day's report would have), so
-- data_end is never after the as-of day.
with cost_rows as (

    select
        focus_cost.x_ChargeDate,
        focus_cost.ProviderName,
        focus_cost.x_BilledCostReporting

    from focus_cost
    cross join stg_build_params as build_params
    where focus_cost.x_ChargeDate <= build_params.as_of_date

),

build_params as (

    select * from stg_build_params

),

windows as (

    select
        as_of_date,
        reporting_currency,
        cast(date_trunc('month', as_of_date) as date) as month_start,
        cast(date_trunc('quarter', as_of_date) as date) as quarter_start,
        cast(date_trunc('year', as_of_date) as date) as year_start,
        cast(as_of_date - interval 1 month as date) as prior_month_as_of,
        cast(as_of_date - interval 3 month as date) as prior_quarter_as_of,
        cast(as_of_date - interval 1 year as date) as prior_year_as_of

    from build_params

),

spend as (

    select
        sum(x_BilledCostReporting) filter (
            where x_ChargeDate between month_start and as_of_date
        ) as spend_mtd,
        sum(x_BilledCostReporting) filter (
            where x_ChargeDate between cast(month_start - interval 1 month as date) and prior_month_as_of
        ) as spend_prior_mtd,
        sum(x_BilledCostReporting) filter (
            where x_ChargeDate between quarter_start and as_of_date
        ) as spend_qtd,
        sum(x_BilledCostReporting) filter (
            where x_ChargeDate between cast(quarter_start - interval 3 month as date) and prior_quarter_as_of
        ) as spend_prior_qtd,
        sum(x_BilledCostReporting) filter (
            where x_ChargeDate between year_start and as_of_date
        ) as spend_ytd,
        sum(x_BilledCostReporting) filter (
            where x_ChargeDate between cast(year_start - interval 1 year as date) and prior_year_as_of
        ) as spend_prior_ytd,
        sum(x_BilledCostReporting) as spend_total,
        min(x_ChargeDate) as data_start,
        max(x_ChargeDate) as data_end,
        count(distinct ProviderName) as provider_count,
        count(*) as row_count

    from cost_rows
    cross join windows

),

final as (

    select
        windows.as_of_date,
        windows.reporting_currency,
        cast(coalesce(spend.spend_mtd, 0) as decimal(18, 2)) as spend_mtd,
        cast(coalesce(spend.spend_prior_mtd, 0) as decimal(18, 2)) as spend_prior_mtd,
        cast(coalesce(spend.spend_qtd, 0) as decimal(18, 2)) as spend_qtd,
        cast(coalesce(spend.spend_prior_qtd, 0) as decimal(18, 2)) as spend_prior_qtd,
        cast(coalesce(spend.spend_ytd, 0) as decimal(18, 2)) as spend_ytd,
        cast(coalesce(spend.spend_prior_ytd, 0) as decimal(18, 2)) as spend_prior_ytd,
        cast(coalesce(spend.spend_total, 0) as decimal(18, 2)) as spend_total,
        spend.data_start,
        spend.data_end,
        cast(spend.provider_count as integer) as provider_count,
        cast(spend.row_count as bigint) as row_count

    from windows
    cross join spend

)

select * from final
