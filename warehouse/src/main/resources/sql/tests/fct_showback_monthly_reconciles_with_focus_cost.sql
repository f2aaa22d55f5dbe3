-- Every showback tag key's rows (the '(untagged)' bucket included) add up to focus_cost's spend,
-- per month and provider, to the cent.
with cost_totals as (

    select
        cast(date_trunc('month', x_ChargeDate) as date) as month,
        ProviderName as provider,
        cast(sum(x_BilledCostReporting) as decimal(18, 2)) as billed_cost_reporting

    from focus_cost
    group by all

),

tag_keys as (

    select tag_key from stg_showback_tag_keys

),

expected as (

    select
        cost_totals.*,
        tag_keys.tag_key

    from cost_totals
    cross join tag_keys

),

showback_totals as (

    select
        month,
        provider,
        tag_key,
        cast(sum(billed_cost_reporting) as decimal(18, 2)) as billed_cost_reporting

    from fct_showback_monthly
    group by all

),

final as (

    select
        coalesce(expected.month, showback_totals.month) as month,
        coalesce(expected.provider, showback_totals.provider) as provider,
        coalesce(expected.tag_key, showback_totals.tag_key) as tag_key,
        expected.billed_cost_reporting as focus_cost_billed_cost_reporting,
        showback_totals.billed_cost_reporting as showback_billed_cost_reporting

    from expected
    full outer join showback_totals
        on expected.month = showback_totals.month
        and expected.provider is not distinct from showback_totals.provider
        and expected.tag_key = showback_totals.tag_key
    where expected.billed_cost_reporting is distinct from showback_totals.billed_cost_reporting

)

select * from final
