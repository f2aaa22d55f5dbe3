-- What burned each commitment, per charge day, billing currency and charge frequency, inside its
-- burn window [period_start, min(period_end, as_of + 1)). Spend burns BilledCost converted to the
-- contract currency (via the reporting currency at the charge day's rates); Usage in GPU-hours
-- burns the billed GPU-hours x_GpuHours (hours, minutes, seconds and unit blocks, per instance or
-- per GPU, Google Cloud's GPU SKU rows counted once: see int_focus_cost_enriched); other Usage
-- burns ConsumedQuantity in that ConsumedUnit.
-- burned_gpu_compute is the part of a Spend burn that came from GPU instances (x_GpuModel known):
-- the spend the rebalancing view treats as movable between providers.
-- charge_frequency is the FOCUS ChargeFrequency of what burned, null read as 'Usage-Based': the
-- forecast extrapolates only Usage-Based burn, repeats Recurring fees on their schedule and never
-- repeats One-Time purchases (commitment_status).
with commitments as (

    select * from dim_contract_commitments

),

cost_rows as (

    select * from focus_cost

),

contract_applied as (

    select * from fct_contract_applied

),

fx_rates as (

    select * from int_fx_rates

),

burn_by_contract_applied as (

    select
        commitments.commitment_id,
        contract_applied.charge_date,
        contract_applied.billing_currency,
        contract_applied.fx_rate_to_reporting as fx_rate_billing,
        contract_applied.charge_frequency,
        case
            when commitments.category = 'Spend' then contract_applied.applied_cost
            else contract_applied.applied_quantity
        end as amount,
        contract_applied.is_gpu_compute

    from commitments
    inner join contract_applied
        on contract_applied.commitment_id = commitments.commitment_id
        and contract_applied.charge_date >= commitments.period_start
        and contract_applied.charge_date < commitments.burn_window_end
    where commitments.burn_method = 'ContractApplied'

),

provider_pairs as (

    -- the cost rows' (ProviderName, ServiceProviderName) pairs: few, so they are matched to the
    -- contracts' names here and the cost rows are then joined on equality (an OR of two list
    -- lookups in the join itself was about 10x slower on 2M rows)
    select distinct
        ProviderName,
        ServiceProviderName

    from cost_rows

),

commitment_providers as (

    -- a row is the contract's provider's when its ProviderName or ServiceProviderName is the
    -- provider or one of its aliases
    select
        commitments.commitment_id,
        provider_pairs.ProviderName,
        provider_pairs.ServiceProviderName

    from commitments
    inner join provider_pairs
        on list_contains(commitments.provider_names, provider_pairs.ProviderName)
        or list_contains(commitments.provider_names, provider_pairs.ServiceProviderName)
    where commitments.burn_method = 'eligibility rules'

),

eligible_rows as (

    -- the eligibility rules of contracts.yaml
    select
        commitments.commitment_id,
        commitments.category,
        commitments.unit,
        commitments.marketplace_share,
        cost_rows.x_ChargeDate,
        cost_rows.BillingCurrency,
        cost_rows.x_FxRate,
        cost_rows.ChargeFrequency,
        cost_rows.BilledCost,
        cost_rows.ConsumedQuantity,
        cost_rows.ConsumedUnit,
        cost_rows.x_GpuHours,
        cost_rows.x_GpuModel is not null as is_gpu_compute,
        cost_rows.PublisherName is null
            or list_contains(commitments.provider_names, cost_rows.PublisherName) as is_first_party

    from commitments
    inner join commitment_providers
        on commitment_providers.commitment_id = commitments.commitment_id
    inner join cost_rows
        on cost_rows.ProviderName is not distinct from commitment_providers.ProviderName
        and cost_rows.ServiceProviderName is not distinct from commitment_providers.ServiceProviderName
        and cost_rows.x_ChargeDate >= commitments.period_start
        and cost_rows.x_ChargeDate < commitments.burn_window_end
    where commitments.burn_method = 'eligibility rules'
        and (
            len(commitments.billing_accounts) = 0
            or coalesce(list_contains(commitments.billing_accounts, cost_rows.BillingAccountId), false)
        )
        and case cost_rows.ChargeCategory
            when 'Credit' then commitments.credits_count
            when 'Tax' then commitments.tax_counts
            else coalesce(list_contains(commitments.charge_categories, cost_rows.ChargeCategory), false)
        end
        and (
            len(commitments.include_services) = 0
            or coalesce(list_contains(commitments.include_services, cost_rows.ServiceName), false)
        )
        and not coalesce(list_contains(commitments.exclude_services, cost_rows.ServiceName), false)

),

burn_by_eligibility as (

    -- third-party (marketplace) spend counts at marketplace_share; usage counts first-party only
    select
        commitment_id,
        x_ChargeDate as charge_date,
        BillingCurrency as billing_currency,
        x_FxRate as fx_rate_billing,
        ChargeFrequency as charge_frequency,
        case
            when category = 'Spend' and is_first_party then BilledCost
            when category = 'Spend' then BilledCost * marketplace_share
            when unit = 'GPU-hours' then x_GpuHours
            when ConsumedUnit = unit then ConsumedQuantity
        end as amount,
        is_gpu_compute

    from eligible_rows
    where is_first_party
        or (category = 'Spend' and marketplace_share > 0)

),

burn_rows as (

    select * replace (
        case
            when charge_frequency in ('One-Time', 'Recurring') then charge_frequency
            else 'Usage-Based'
        end as charge_frequency
    )

    from (
        select * from burn_by_contract_applied
        union all
        select * from burn_by_eligibility
    )

),

daily as (

    select
        commitment_id,
        charge_date,
        billing_currency,
        charge_frequency,
        cast(sum(amount) as decimal(38, 10)) as amount,
        cast(coalesce(sum(amount) filter (where is_gpu_compute), 0) as decimal(38, 10)) as amount_gpu_compute,
        any_value(fx_rate_billing) as fx_rate_billing,
        count(*) as row_count

    from burn_rows
    where amount is not null
    group by
        commitment_id,
        charge_date,
        billing_currency,
        charge_frequency

),

with_commitment as (

    select
        commitments.contract_id,
        daily.commitment_id,
        commitments.provider,
        commitments.category,
        commitments.unit,
        commitments.currency,
        commitments.reporting_currency,
        commitments.burn_method,
        daily.charge_date,
        daily.billing_currency,
        daily.charge_frequency,
        daily.amount,
        daily.amount_gpu_compute,
        daily.fx_rate_billing,
        daily.row_count

    from daily
    inner join commitments
        on daily.commitment_id = commitments.commitment_id

),

converted as (

    select
        with_commitment.*,
        fx_rates.rate_to_reporting as fx_rate_contract

    from with_commitment
    asof left join fx_rates
        on with_commitment.currency = fx_rates.currency
        and with_commitment.charge_date >= fx_rates.valid_from

),

final as (

    select
        contract_id,
        commitment_id,
        provider,
        category,
        unit,
        charge_date,
        billing_currency,
        charge_frequency,
        burn_method,
        case when category = 'Spend' then amount end as burned_billing_currency,
        case when category = 'Spend' then fx_rate_billing end as fx_rate_billing_to_reporting,
        case when category = 'Spend' then fx_rate_contract end as fx_rate_contract_to_reporting,
        case
            when category = 'Usage' then amount
            when billing_currency = currency then amount
            when currency = reporting_currency then cast(amount * fx_rate_billing as decimal(38, 10))
            else cast(amount * fx_rate_billing / fx_rate_contract as decimal(38, 10))
        end as burned,
        case
            when category = 'Usage' then null
            when billing_currency = currency then amount_gpu_compute
            when currency = reporting_currency
                then cast(amount_gpu_compute * fx_rate_billing as decimal(38, 10))
            else cast(amount_gpu_compute * fx_rate_billing / fx_rate_contract as decimal(38, 10))
        end as burned_gpu_compute,
        row_count

    from converted

)

select * from final
