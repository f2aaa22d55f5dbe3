-- Showback month to date: spend per showback tag key and value from the first of the as-of month
-- through the as-of day, '(untagged)' for spend without the key, so each key's rows add up to the
-- month's spend; share_pct is the value's share of that total (of billed cost). Billed and effective
-- cost (amortized commitments, negotiated discounts) side by side, as in fct_showback_monthly. A
-- configured key keeps a row when the month has no spend up to the as-of day ('(untagged)', 0,
-- share null), so the report states every configured key rather than none.
with cost_rows as (

    select
        focus_cost.Tags,
        focus_cost.x_BilledCostReporting,
        focus_cost.x_EffectiveCostReporting

    from focus_cost
    cross join stg_build_params as build_params
    where focus_cost.x_ChargeDate >= cast(date_trunc('month', build_params.as_of_date) as date)
        and focus_cost.x_ChargeDate <= build_params.as_of_date

),

tag_keys as (

    select * from stg_showback_tag_keys

),

tag_values as (

    select * from int_cost_tag_values

),

cost_by_tags as (

    select
        Tags,
        sum(x_BilledCostReporting) as billed_cost_reporting,
        sum(x_EffectiveCostReporting) as effective_cost_reporting

    from cost_rows
    group by Tags

),

per_value as (

    select
        tag_keys.tag_key,
        coalesce(tag_values.tag_value, '(untagged)') as tag_value,
        sum(cost_by_tags.billed_cost_reporting) as billed_cost_reporting,
        sum(cost_by_tags.effective_cost_reporting) as effective_cost_reporting

    from tag_keys
    left join cost_by_tags
        on true
    left join tag_values
        on cost_by_tags.Tags = tag_values.Tags
        and tag_keys.tag_key = tag_values.tag_key
    group by all

),

final as (

    select
        tag_key,
        tag_value,
        cast(coalesce(billed_cost_reporting, 0) as decimal(18, 2)) as billed_cost_reporting,
        cast(coalesce(effective_cost_reporting, 0) as decimal(18, 2)) as effective_cost_reporting,
        cast(
            100 * billed_cost_reporting / nullif(sum(billed_cost_reporting) over (partition by tag_key), 0)
            as double
        ) as share_pct

    from per_value

)

select * from final
