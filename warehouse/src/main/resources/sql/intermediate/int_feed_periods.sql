-- Which source's rows count for each provider, billing account and billing period. Usually one
-- source delivers a period. Two sources may: an Azure actual-cost and amortized-cost export of one
-- scope (options.cost_basis actual and amortized) form a pair, one feed, merged row by row by
-- int_focus_cost_paired. Any other combination is an overlap (a legacy CUR feed and a FOCUS feed
-- of one payer during a migration): exactly one feed wins, the source named first in
-- pipeline.yaml's overlaps.prefer (with, when it is half of an Azure pair, the best-preferred
-- source of the other cost basis). An overlap whose sources are not all named in overlaps.prefer
-- is unresolved: the feed_overlap_unresolved check stops the build (exit 3).
with cost_rows as not materialized (

    select * from stg_focus_cost

),

sources as (

    select * from stg_pipeline_sources

),

source_periods as (

    select
        ProviderName as provider,
        BillingAccountId as billing_account_id,
        BillingPeriodStart as billing_period_start,
        x_SourceName as source,
        count(*) as row_count

    from cost_rows
    group by ProviderName, BillingAccountId, BillingPeriodStart, x_SourceName

),

with_settings as (

    select
        source_periods.*,
        sources.cost_basis,
        sources.overlap_preference

    from source_periods
    left join sources
        on sources.source = source_periods.source

),

counted as (

    select
        *,
        count(*) over period as sources_in_period,
        sum(case when cost_basis = 'actual' then 1 else 0 end) over period as actual_sources,
        sum(case when cost_basis = 'amortized' then 1 else 0 end) over period as amortized_sources,
        count(overlap_preference) over period as preferred_sources,
        first_value(source) over (
            period order by overlap_preference nulls last, source
        ) as leading_source,
        first_value(cost_basis) over (
            period order by overlap_preference nulls last, source
        ) as leading_cost_basis,
        row_number() over (
            partition by provider, billing_account_id, billing_period_start, cost_basis
            order by overlap_preference nulls last, source
        ) as rank_in_cost_basis

    from with_settings
    window period as (partition by provider, billing_account_id, billing_period_start)

),

classified as (

    select
        *,
        sources_in_period > 1
            and not (sources_in_period = 2 and actual_sources = 1 and amortized_sources = 1)
            as overlapping,
        preferred_sources = sources_in_period as resolvable

    from counted

),

decided as (

    select
        *,
        case
            -- an unresolved overlap keeps every row: the build stops at its check anyway
            when not overlapping or not resolvable then true
            when source = leading_source then true
            -- the other half of the winning Azure pair
            when leading_cost_basis is not null
                and cost_basis is not null
                and cost_basis <> leading_cost_basis
                and rank_in_cost_basis = 1
                then true
            else false
        end as won

    from classified

),

period_summary as (

    select
        provider,
        billing_account_id,
        billing_period_start,
        string_agg(case when won then source end, ' + ' order by source) as winning_sources,
        string_agg(source, ', ' order by source) as period_sources,
        count(case when won and cost_basis = 'actual' then 1 end) = 1
            and count(case when won and cost_basis = 'amortized' then 1 end) = 1 as paired

    from decided
    group by provider, billing_account_id, billing_period_start

),

final as (

    select
        decided.provider,
        decided.billing_account_id,
        decided.billing_period_start,
        decided.source,
        decided.cost_basis,
        decided.overlap_preference,
        decided.row_count,
        decided.won,
        decided.overlapping,
        decided.overlapping and not decided.resolvable as unresolved,
        period_summary.winning_sources,
        period_summary.period_sources,
        period_summary.paired

    from decided
    inner join period_summary
        on period_summary.provider is not distinct from decided.provider
        and period_summary.billing_account_id is not distinct from decided.billing_account_id
        and period_summary.billing_period_start is not distinct from decided.billing_period_start

)

select * from final
