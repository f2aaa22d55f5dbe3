-- Input check, severity warn (logged, the build goes on): an Azure source declares its cost basis
-- (options.cost_basis) but no source of the other basis delivers the same billing account and
-- billing period. Its rows count as they are, and the message says what they lack: an actual
-- export alone shows commitment-covered usage (reserved GPU VMs) at 0 EffectiveCost; an amortized
-- export alone lacks the reservation and savings-plan purchases in BilledCost.
with feed_periods as (

    select * from int_feed_periods

),

unpaired as (

    select
        source,
        cost_basis,
        provider,
        billing_account_id,
        min(billing_period_start) as first_period,
        max(billing_period_start) as last_period

    from feed_periods
    where won
        and cost_basis is not null
        and not paired
    group by source, cost_basis, provider, billing_account_id

),

final as (

    select
        'source ' || source || ' (cost_basis ' || cost_basis || ') has no '
            || case when cost_basis = 'actual' then 'amortized' else 'actual' end
            || ' partner for ' || provider || ' billing account ' || billing_account_id
            || ', billing periods ' || strftime(first_period, '%Y-%m') || ' to '
            || strftime(last_period, '%Y-%m') || ': '
            || case
                when cost_basis = 'actual'
                    then 'amortization is missing, so usage covered by reservations and savings'
                        || ' plans counts 0 in EffectiveCost'
                else 'purchases are missing, so reservation and savings-plan purchases count 0'
                    || ' in BilledCost'
            end
            || '; add the ' || case when cost_basis = 'actual' then 'amortized' else 'actual' end
            || ' export of the same scope as a source with options.cost_basis: '
            || case when cost_basis = 'actual' then 'amortized' else 'actual' end as message,
        source,
        billing_account_id

    from unpaired
    order by source, billing_account_id

)

select * from final
