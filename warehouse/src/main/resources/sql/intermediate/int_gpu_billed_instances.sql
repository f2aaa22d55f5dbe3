-- GPU instances as the bill shows them: one row per provider, resource and charge day, from the
-- Usage rows with a GPU model (x_GpuModel: an instance type of the GPU catalog in SkuId, or a GPU
-- SKU row). billed_gpu_hours sums x_GpuHours (int_focus_cost_enriched says how each unit counts):
-- a Google Cloud VM's GPU SKU rows bring its GPU-hours, its core and RAM rows only cost.
--
-- gpu_cost is the warehouse's one GPU cost (docs/commitments.md "GPU cost, and what rebalancing
-- moves"; fct_gpu_instance_daily.gpu_cost in docs/warehouse.md), in the reporting currency; every GPU
-- relation, fct_commitment_rebalancing and the PDF read it from here:
--   gpu_usage_cost       the EffectiveCost of the instance's own Usage rows: covered usage at its
--                        amortized rate, and the discounts booked as Usage on its SKU (Google
--                        Cloud's CUD, SUD and negotiated-discount credits, AWS EDP). Credit rows
--                        (promotional, free tier, goodwill) are not a price and stay out.
--   gpu_commitment_cost  its share of the EffectiveCost of the commitment charges that bill no
--                        resource, by CommitmentDiscountId: reservation and CUD fees, unused
--                        commitment (AWS RIFee, unused Savings Plan, Azure unused reservation, a
--                        Google Cloud CUD fee) and, from an export that does not amortize them (an
--                        Azure actual export alone), the reservation payments themselves. Amortized
--                        exports carry purchases at EffectiveCost 0, so nothing counts twice.
--   gpu_cost             gpu_usage_cost + gpu_commitment_cost
-- Attribution, by CommitmentDiscountId: each commitment charge is spread evenly over the days it
-- pays for, its charge period, or its billing period for a payment the export did not amortize (a
-- Purchase whose EffectiveCost is still its BilledCost, as in an Azure actual export: a monthly
-- reservation payment pays for its month). Each day's part goes to the usage the commitment
-- covered that day (same provider and CommitmentDiscountId, a resource, a quantity, status Used or
-- unset), pro rata to the covered rows' ListCost (the on-demand value, so a Savings Plan covering
-- several instance kinds charges each by what it saved it from), or to ConsumedQuantity when a
-- covered row of that day has no ListCost. Non-GPU usage covered by the same commitment takes its
-- share too, outside GPU cost. A day without covered usage keeps its part unattributed (a wholly
-- unused reservation, days not billed yet). A One-Time purchase at full cost cannot be spread (its
-- term is not on the bill) and stays out (azure_cost_basis_unpaired warns about such exports).
-- gpu_billed_cost is BilledCost (the invoice view), for reference only.
with cost_rows as not materialized (

    select * from int_focus_cost_enriched

),

gpu_instance_types as (

    select lower(instance_type) as instance_type from stg_gpu_instance_catalog

),

gpu_usage as (

    select *
    from cost_rows
    where ChargeCategory = 'Usage'
        and x_GpuModel is not null
        and coalesce(ResourceId, ResourceName) is not null

),

commitment_charges as (

    -- fees, unused commitment and payments: the commitment charges that bill no resource. A
    -- One-Time purchase still at its full cost (an export that does not amortize it) is left out:
    -- its term is not on the bill, so it cannot be spread
    select
        ProviderName,
        CommitmentDiscountId,
        cast(BillingPeriodStart as date) as billing_start,
        cast(BillingPeriodEnd as date) as billing_end,
        x_ChargeDate as charge_start,
        greatest(cast(ChargePeriodEnd as date), x_ChargeDate + 1) as charge_end,
        ChargeCategory = 'Purchase' and EffectiveCost = BilledCost as is_unamortized_payment,
        x_EffectiveCostReporting as commitment_cost

    from cost_rows
    where CommitmentDiscountId is not null
        and ChargeCategory in ('Usage', 'Purchase')
        and (
            ChargeCategory = 'Purchase'
            or CommitmentDiscountStatus = 'Unused'
            or coalesce(ResourceId, ResourceName) is null
        )
        and not (ChargeCategory = 'Purchase' and ChargeFrequency = 'One-Time')
        and x_EffectiveCostReporting <> 0

),

charge_spans as (

    -- a payment still at its full cost (a Purchase whose EffectiveCost is its BilledCost: the
    -- export did not amortize it, as an Azure actual export does not) pays for its billing
    -- period; any other charge (an hourly or daily fee, a RIFee's or Savings Plan's unused part,
    -- unused hours, a CUD fee) for its own charge period
    select
        *,
        case when is_unamortized_payment then billing_start else charge_start end as span_start,
        case when is_unamortized_payment then billing_end else charge_end end as span_end

    from commitment_charges

),

commitment_days as (

    -- each charge spread evenly over the days of its span
    select
        ProviderName,
        CommitmentDiscountId,
        cast(unnest(generate_series(span_start, span_end - 1, interval 1 day)) as date) as day,
        commitment_cost / (span_end - span_start) as day_cost

    from charge_spans
    where span_end > span_start

),

commitment_day_costs as (

    select ProviderName, CommitmentDiscountId, day, sum(day_cost) as day_cost
    from commitment_days
    group by ProviderName, CommitmentDiscountId, day

),

covered_usage as (

    select
        ProviderName,
        CommitmentDiscountId,
        coalesce(ResourceId, ResourceName) as resource_key,
        x_ChargeDate,
        x_GpuModel is not null as is_gpu,
        ListCost,
        ConsumedQuantity

    from cost_rows
    where CommitmentDiscountId is not null
        and ChargeCategory = 'Usage'
        and coalesce(CommitmentDiscountStatus, 'Used') = 'Used'
        and coalesce(ResourceId, ResourceName) is not null
        and (ListCost is not null or ConsumedQuantity is not null)

),

covered_days as (

    -- the day's share of each commitment charge goes to the usage it covered that day
    select
        commitment_day_costs.ProviderName,
        commitment_day_costs.CommitmentDiscountId,
        commitment_day_costs.day,
        commitment_day_costs.day_cost,
        covered_usage.resource_key,
        covered_usage.is_gpu,
        covered_usage.ListCost,
        covered_usage.ConsumedQuantity,
        count(*) over covered_day = count(covered_usage.ListCost) over covered_day
            and sum(covered_usage.ListCost) over covered_day <> 0 as by_list_cost

    from commitment_day_costs
    inner join covered_usage
        on covered_usage.ProviderName = commitment_day_costs.ProviderName
        and covered_usage.CommitmentDiscountId = commitment_day_costs.CommitmentDiscountId
        and covered_usage.x_ChargeDate = commitment_day_costs.day
    window covered_day as (
        partition by commitment_day_costs.ProviderName, commitment_day_costs.CommitmentDiscountId,
            commitment_day_costs.day
    )

),

weighted as (

    select
        *,
        case when by_list_cost then ListCost else ConsumedQuantity end as weight

    from covered_days

),

shares as (

    select
        *,
        day_cost * weight / nullif(
            sum(weight) over (partition by ProviderName, CommitmentDiscountId, day), 0
        ) as attributed_cost

    from weighted

),

attributed as (

    select
        ProviderName,
        resource_key,
        day,
        sum(attributed_cost) as gpu_commitment_cost

    from shares
    where is_gpu
    group by ProviderName, resource_key, day

),

instances as (

    select
        ProviderName as provider,
        coalesce(ResourceId, ResourceName) as resource_key,
        max(ResourceId) as resource_id,
        max(ResourceName) as resource_name,
        x_ChargeDate as day,
        max(x_GpuModel) as gpu_model,
        max(x_GpuCount) as gpu_count,
        max(SkuId) filter (
            where lower(SkuId) in (select instance_type from gpu_instance_types)
        ) as instance_type,
        cast(coalesce(sum(x_GpuHours), 0) as double) as billed_gpu_hours,
        sum(x_EffectiveCostReporting) as gpu_usage_cost,
        sum(x_BilledCostReporting) as gpu_billed_cost

    from gpu_usage
    group by ProviderName, coalesce(ResourceId, ResourceName), x_ChargeDate

),

final as (

    select
        instances.provider,
        instances.resource_key,
        instances.resource_id,
        instances.resource_name,
        instances.day,
        instances.gpu_model,
        instances.gpu_count,
        instances.instance_type,
        instances.billed_gpu_hours,
        cast(
            instances.gpu_usage_cost + coalesce(attributed.gpu_commitment_cost, 0)
            as decimal(28, 10)
        ) as gpu_cost,
        instances.gpu_usage_cost,
        cast(coalesce(attributed.gpu_commitment_cost, 0) as decimal(28, 10)) as gpu_commitment_cost,
        instances.gpu_billed_cost

    from instances
    left join attributed
        on attributed.ProviderName = instances.provider
        and attributed.resource_key = instances.resource_key
        and attributed.day = instances.day

)

select * from final
