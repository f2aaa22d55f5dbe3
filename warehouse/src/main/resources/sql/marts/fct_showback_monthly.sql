-- Spend per month, showback tag key (pipeline.yaml showback_tag_keys), tag value and provider.
-- Every cost row counts once under every key: under its value for that key (keys matched
-- case-insensitively, int_cost_tag_values) or under '(untagged)', so each key's rows add up to
-- the month's total spend.
with cost_rows as (

    select * from focus_cost

),

tag_keys as (

    select * from stg_showback_tag_keys

),

tag_values as (

    select * from int_cost_tag_values

),

cost_by_tags as (

    -- Tags repeat across many rows: match keys once per distinct Tags value
    select
        cast(date_trunc('month', x_ChargeDate) as date) as month,
        ProviderName as provider,
        Tags,
        sum(x_BilledCostReporting) as billed_cost_reporting,
        sum(x_EffectiveCostReporting) as effective_cost_reporting,
        count(*) as row_count

    from cost_rows
    group by all

),

final as (

    select
        cost_by_tags.month,
        tag_keys.tag_key,
        coalesce(tag_values.tag_value, '(untagged)') as tag_value,
        cost_by_tags.provider,
        cast(sum(cost_by_tags.billed_cost_reporting) as decimal(38, 10)) as billed_cost_reporting,
        cast(sum(cost_by_tags.effective_cost_reporting) as decimal(38, 10)) as effective_cost_reporting,
        cast(sum(cost_by_tags.row_count) as bigint) as row_count

    from cost_by_tags
    cross join tag_keys
    left join tag_values
        on cost_by_tags.Tags = tag_values.Tags
        and tag_keys.tag_key = tag_values.tag_key
    group by all

)

select * from final
