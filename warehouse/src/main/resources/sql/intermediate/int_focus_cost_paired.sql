-- The lake's cost rows that count, each charge once (int_feed_periods decides which source's
-- rows count per provider, billing account and billing period):
--   * the rows of a source that lost an overlap are left out (fct_feed_overlaps shows them);
--   * an Azure actual + amortized pair is merged as Microsoft's own FOCUS export does: BilledCost
--     from the actual export, EffectiveCost from the amortized one, purchases once.
-- Pairing: the rows of the two exports are aligned on what identifies a charge (billing account,
-- subscription, charge day, category and class, resource, meter, quantity, commitment, currency);
-- equal keys are paired in file order (row_number). Then, by charge:
--   commitment purchase or refund (reservation, savings plan; actual export)
--                                 BilledCost = the purchase, EffectiveCost 0 (the amortized
--                                 export spreads it over covered usage and unused rows)
--   covered usage (CommitmentDiscountStatus Used; 0 in the actual export)
--                                 BilledCost 0, EffectiveCost = amortized
--   unused commitment (UnusedReservation / UnusedSavingsPlan; amortized export only)
--                                 BilledCost 0, EffectiveCost = its cost
--   anything else (on-demand usage, marketplace, tax)
--                                 BilledCost = actual, EffectiveCost = amortized
-- A row of one export without a partner keeps that export's figure for the cost it holds and 0
-- for the one it cannot tell (an amortized row's BilledCost on commitment rows). An actual-only
-- or amortized-only source passes through unchanged; azure_cost_basis_unpaired warns about it.
-- A merged row keeps the amortized row's other columns and lineage (x_SourceName, x_SourceLine).
with cost_rows as not materialized (

    select * from stg_focus_cost

),

feed_periods as (

    select * from int_feed_periods

),

kept as not materialized (

    select
        cost_rows.*,
        feed_periods.paired as pair_period,
        feed_periods.cost_basis as pair_basis

    from cost_rows
    inner join feed_periods
        on feed_periods.source = cost_rows.x_SourceName
        and feed_periods.provider is not distinct from cost_rows.ProviderName
        and feed_periods.billing_account_id is not distinct from cost_rows.BillingAccountId
        and feed_periods.billing_period_start is not distinct from cost_rows.BillingPeriodStart
        and feed_periods.won

),

single_feed_rows as (

    select * exclude (pair_period, pair_basis)

    from kept
    where not pair_period

),

pair_rows as not materialized (

    select
        * exclude (pair_period),
        ChargeCategory = 'Purchase'
            and (CommitmentDiscountId is not null or PricingCategory = 'Committed')
            as pair_commitment_purchase,
        row_number() over (
            partition by
                pair_basis, ProviderName, BillingAccountId, BillingPeriodStart, SubAccountId,
                ChargePeriodStart, ChargeCategory, ChargeClass, ResourceId, SkuPriceId, SkuMeter,
                PricingQuantity, CommitmentDiscountId, BillingCurrency
            order by x_SourceFile, x_SourceLine
        ) as pair_rn

    from kept
    where pair_period

),

actual as (

    select * from pair_rows where pair_basis = 'actual'

),

amortized as (

    select * from pair_rows where pair_basis = 'amortized'

),

matches as (

    select
        actual.x_SourceFile as actual_file,
        actual.x_SourceLine as actual_line,
        amortized.x_SourceFile as amortized_file,
        amortized.x_SourceLine as amortized_line,
        actual.BilledCost as actual_billed_cost

    from actual
    inner join amortized
        on amortized.pair_rn = actual.pair_rn
        and amortized.ProviderName is not distinct from actual.ProviderName
        and amortized.BillingAccountId is not distinct from actual.BillingAccountId
        and amortized.BillingPeriodStart is not distinct from actual.BillingPeriodStart
        and amortized.SubAccountId is not distinct from actual.SubAccountId
        and amortized.ChargePeriodStart is not distinct from actual.ChargePeriodStart
        and amortized.ChargeCategory is not distinct from actual.ChargeCategory
        and amortized.ChargeClass is not distinct from actual.ChargeClass
        and amortized.ResourceId is not distinct from actual.ResourceId
        and amortized.SkuPriceId is not distinct from actual.SkuPriceId
        and amortized.SkuMeter is not distinct from actual.SkuMeter
        and amortized.PricingQuantity is not distinct from actual.PricingQuantity
        and amortized.CommitmentDiscountId is not distinct from actual.CommitmentDiscountId
        and amortized.BillingCurrency is not distinct from actual.BillingCurrency

),

-- every amortized row: merged with its actual partner, or alone
amortized_side as (

    select
        amortized.* exclude (pair_basis, pair_commitment_purchase, pair_rn)
            replace (
                case
                    when matches.amortized_line is not null then matches.actual_billed_cost
                    -- billed by the purchase, which only the actual export holds
                    when amortized.pair_commitment_purchase
                        or amortized.CommitmentDiscountStatus in ('Used', 'Unused')
                        then cast(0 as decimal(28, 10))
                    else amortized.BilledCost
                end as BilledCost,
                case
                    when amortized.pair_commitment_purchase then cast(0 as decimal(28, 10))
                    else amortized.EffectiveCost
                end as EffectiveCost
            )

    from amortized
    left join matches
        on matches.amortized_file = amortized.x_SourceFile
        and matches.amortized_line = amortized.x_SourceLine

),

-- actual rows without an amortized partner (purchases, when the amortized export omits them)
actual_only as (

    select
        actual.* exclude (pair_basis, pair_commitment_purchase, pair_rn)
            replace (
                case
                    when actual.pair_commitment_purchase then cast(0 as decimal(28, 10))
                    else actual.EffectiveCost
                end as EffectiveCost
            )

    from actual
    where not exists (
        select 1
        from matches
        where matches.actual_file = actual.x_SourceFile
            and matches.actual_line = actual.x_SourceLine
    )

),

final as (

    select * from single_feed_rows
    union all by name
    select * from amortized_side
    union all by name
    select * from actual_only

)

select * from final
