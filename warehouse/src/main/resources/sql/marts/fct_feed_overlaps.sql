-- The rows left out of focus_cost because another feed of the same provider, billing account and
-- billing period won (pipeline.yaml overlaps.prefer; int_feed_periods): per losing source and
-- billing currency, how many rows and how much cost it delivered, and which source won instead.
-- Nothing is lost: focus_cost + fct_feed_overlaps holds every lake cost row of a resolved overlap.
with cost_rows as not materialized (

    select * from stg_focus_cost

),

feed_periods as (

    select * from int_feed_periods

),

losers as (

    select * from feed_periods where not won

),

final as (

    select
        losers.provider,
        losers.billing_account_id,
        cast(losers.billing_period_start as date) as billing_period_start,
        losers.winning_sources as winning_source,
        losers.source as losing_source,
        cost_rows.BillingCurrency as billing_currency,
        count(*) as rows_dropped,
        sum(cost_rows.BilledCost) as billed_cost_dropped,
        sum(cost_rows.EffectiveCost) as effective_cost_dropped

    from losers
    inner join cost_rows
        on cost_rows.x_SourceName = losers.source
        and cost_rows.ProviderName is not distinct from losers.provider
        and cost_rows.BillingAccountId is not distinct from losers.billing_account_id
        and cost_rows.BillingPeriodStart is not distinct from losers.billing_period_start
    group by
        losers.provider, losers.billing_account_id, losers.billing_period_start,
        losers.winning_sources, losers.source, cost_rows.BillingCurrency
    order by
        losers.provider, losers.billing_account_id, losers.billing_period_start, losers.source,
        cost_rows.BillingCurrency

)

select * from final
