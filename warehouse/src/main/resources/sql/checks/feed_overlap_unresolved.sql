-- Input check (exit 3): two sources deliver rows for the same provider, billing account and
-- billing period (not an Azure actual + amortized pair), and pipeline.yaml's overlaps.prefer does
-- not name them all, so nothing says which one counts. Counting both would double the spend.
with feed_periods as (

    select * from int_feed_periods

),

unresolved as (

    select distinct
        provider,
        billing_account_id,
        billing_period_start,
        period_sources

    from feed_periods
    where unresolved

),

final as (

    select
        'sources ' || period_sources || ' all deliver ' || coalesce(provider, '(no ProviderName)')
            || ' billing account ' || coalesce(billing_account_id, '(none)') || ', billing period '
            || strftime(billing_period_start, '%Y-%m') || ': counting both would double the'
            || ' spend; name them in pipeline.yaml overlaps: {prefer: [' || period_sources
            || ']}, the source that wins first' as message,
        provider,
        billing_account_id,
        billing_period_start

    from unresolved
    order by billing_period_start, provider, billing_account_id

)

select * from final
