-- GPU instances as the bill shows them: one row per provider, resource and charge day, from the
-- Usage rows with a GPU model (x_GpuModel: an instance type of the GPU catalog in SkuId, or a GPU
-- SKU row). billed_gpu_hours sums x_GpuHours (int_focus_cost_enriched says how each unit counts):
-- a Google Cloud VM's GPU SKU rows bring its GPU-hours, its core and RAM rows only cost.
--
-- gpu_cost is the warehouse's one GPU cost (docs/commitments.md "GPU cost, and what rebalancing
-- moves"; gpu_instance_daily.gpu_cost in docs/warehouse.md), in the reporting currency; every GPU
-- relation, commitment_rebalancing and the PDF read it from here:
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
-- Attribution: a commitment charge is shared among the usage rows its commitment covered (same
-- provider and CommitmentDiscountId, a resource, a quantity, status Used or unset) in its window:
-- a Purchase's billing period (a payment or recurring fee pays for the period it is billed in), else
-- its charge period. Shares are pro rata to the covered rows' ListCost (the on-demand value, so a
-- Savings Plan covering several instance kinds charges each by what it saved it from), or to
-- ConsumedQuantity when a covered row of the window has no ListCost. Non-GPU usage covered by the
-- same commitment takes its share too, outside GPU cost. A commitment charge with no covered usage
-- in its window (a wholly unused reservation) is attributed to no instance.
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

    -- fees, unused commitment and payments, per commitment and attribution window
    select
        ProviderName,
        CommitmentDiscountId,
        cast(
            case when ChargeCategory = 'Purchase' then BillingPeriodStart else ChargePeriodStart end
            as date
        ) as window_start,
        cast(
            case when ChargeCategory = 'Purchase' then BillingPeriodEnd else ChargePeriodEnd end
            as date
        ) as window_end,
        sum(x_EffectiveCostReporting) as commitment_cost

    from cost_rows
    where CommitmentDiscountId is not null
        and ChargeCategory in ('Usage', 'Purchase')
        and (
            ChargeCategory = 'Purchase'
            or CommitmentDiscountStatus = 'Unused'
            or coalesce(ResourceId, ResourceName) is null
        )
    group by all
    having sum(x_EffectiveCostReporting) <> 0

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

covered_in_window as (

    select
        commitment_charges.*,
        covered_usage.resource_key,
        covered_usage.x_ChargeDate,
        covered_usage.is_gpu,
        covered_usage.ListCost,
        covered_usage.ConsumedQuantity,
        count(*) over charge_window = count(covered_usage.ListCost) over charge_window
            and sum(covered_usage.ListCost) over charge_window <> 0 as by_list_cost

    from commitment_charges
    inner join covered_usage
        on covered_usage.ProviderName = commitment_charges.ProviderName
        and covered_usage.CommitmentDiscountId = commitment_charges.CommitmentDiscountId
        and covered_usage.x_ChargeDate >= commitment_charges.window_start
        and (
            covered_usage.x_ChargeDate < commitment_charges.window_end
            or covered_usage.x_ChargeDate = commitment_charges.window_start
        )
    window charge_window as (
        partition by commitment_charges.ProviderName, commitment_charges.CommitmentDiscountId,
            commitment_charges.window_start, commitment_charges.window_end
    )

),

weighted as (

    select
        *,
        case when by_list_cost then ListCost else ConsumedQuantity end as weight

    from covered_in_window

),

shares as (

    select
        *,
        commitment_cost * weight / nullif(
            sum(weight) over (
                partition by ProviderName, CommitmentDiscountId, window_start, window_end
            ),
            0
        ) as attributed_cost

    from weighted

),

attributed as (

    select
        ProviderName,
        resource_key,
        x_ChargeDate,
        sum(attributed_cost) as gpu_commitment_cost

    from shares
    where is_gpu
    group by ProviderName, resource_key, x_ChargeDate

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
        and attributed.x_ChargeDate = instances.day

)

select * from final
