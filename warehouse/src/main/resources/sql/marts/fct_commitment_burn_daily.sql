-- What burned each commitment, per charge day, billing currency, charge frequency, how it burned
-- and the billing period of a correction into a closed period, inside its burn window
-- [period_start, min(period_end, as_of + 1)). The burn definition is docs/commitments.md "Burn".
-- Per cost row: a row whose ContractApplied is valid JSON burns exactly the commitments its
-- entries name (applied cost, or applied quantity for Usage), and nothing else; every other row
-- burns by its contract's eligibility rules (burned_by). Spend burns BilledCost converted to the
-- contract currency (via the reporting currency at the charge day's rates); Usage in GPU-hours
-- burns the billed GPU-hours x_GpuHours (hours, minutes, seconds and unit blocks, per instance or
-- per GPU, Google Cloud's GPU SKU rows counted once: see int_focus_cost_enriched); other Usage
-- burns ConsumedQuantity in that ConsumedUnit.
-- Third-party (marketplace) spend burns by the contract's marketplace terms: not at all (default),
-- in full or at a share, its cumulative burn capped at cap_share_of_commitment x the commitment.
-- Corrections (ChargeClass 'Correction') burn on the day they correct; when a later billing period
-- carried them, carried_in_billing_period names it (fct_commitment_corrections lists them).
-- burned_gpu_compute is the part of a Spend burn that came from GPU instances (x_GpuModel known),
-- billed as the burn is (fct_commitment_rebalancing moves the GPU cost of int_gpu_billed_instances).
-- charge_frequency is the FOCUS ChargeFrequency of what burned, null read as 'Usage-Based': the
-- forecast extrapolates only Usage-Based burn, repeats Recurring fees on their schedule and never
-- repeats One-Time purchases (fct_commitment_status).
with commitments as (

    select * from dim_contract_commitments

),

cost_rows as (

    select
        *,
        -- the provider said what this row burned: its ContractApplied entries, and nothing else
        coalesce(json_valid(ContractApplied), false) as has_contract_applied

    from focus_cost

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
        false as is_marketplace,
        contract_applied.is_gpu_compute,
        'ContractApplied' as burned_by,
        contract_applied.charge_class,
        contract_applied.billing_period_start

    from commitments
    inner join contract_applied
        on contract_applied.commitment_id = commitments.commitment_id
        and contract_applied.charge_date >= commitments.period_start
        and contract_applied.charge_date < commitments.burn_window_end

),

provider_pairs as (

    -- the cost rows' (ProviderName, ServiceProviderName) pairs: few, so they are matched to the
    -- contracts' names here and the cost rows are then joined on equality (an OR of two list
    -- lookups in the join itself was about 10x slower on 2M rows)
    select distinct
        ProviderName,
        ServiceProviderName

    from cost_rows
    where not has_contract_applied

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

),

eligible_rows as (

    -- the eligibility rules of contracts.yaml, for the rows without ContractApplied
    select
        commitments.commitment_id,
        commitments.category,
        commitments.unit,
        commitments.marketplace_factor,
        cost_rows.x_ChargeDate,
        cost_rows.ChargeClass,
        cast(cost_rows.BillingPeriodStart as date) as billing_period_start,
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
    where not cost_rows.has_contract_applied
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

    -- third-party (marketplace) spend counts at the marketplace factor (0, 1 or the share; its cap
    -- is applied per day below); usage counts first-party only
    select
        commitment_id,
        x_ChargeDate as charge_date,
        BillingCurrency as billing_currency,
        x_FxRate as fx_rate_billing,
        ChargeFrequency as charge_frequency,
        case
            when category = 'Spend' and is_first_party then BilledCost
            when category = 'Spend' then BilledCost * marketplace_factor
            when unit = 'GPU-hours' then x_GpuHours
            when ConsumedUnit = unit then ConsumedQuantity
        end as amount,
        not is_first_party as is_marketplace,
        is_gpu_compute,
        'eligibility rules' as burned_by,
        ChargeClass as charge_class,
        billing_period_start

    from eligible_rows
    where is_first_party
        or (category = 'Spend' and marketplace_factor > 0)

),

burn_rows as (

    select
        * exclude (charge_class, billing_period_start) replace (
            case
                when charge_frequency in ('One-Time', 'Recurring') then charge_frequency
                else 'Usage-Based'
            end as charge_frequency
        ),
        -- a correction carried by a billing period after the one its charge day lies in
        case
            when charge_class = 'Correction'
                and billing_period_start > date_trunc('month', charge_date)
                then strftime(billing_period_start, '%Y-%m')
        end as carried_in_billing_period

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
        burned_by,
        carried_in_billing_period,
        cast(sum(amount) as decimal(38, 10)) as amount,
        cast(coalesce(sum(amount) filter (where is_gpu_compute), 0) as decimal(38, 10)) as amount_gpu_compute,
        cast(coalesce(sum(amount) filter (where is_marketplace), 0) as decimal(38, 10)) as amount_marketplace,
        cast(coalesce(sum(amount) filter (where is_marketplace and is_gpu_compute), 0) as decimal(38, 10))
            as amount_gpu_compute_marketplace,
        any_value(fx_rate_billing) as fx_rate_billing,
        count(*) as row_count

    from burn_rows
    where amount is not null
    group by
        commitment_id,
        charge_date,
        billing_currency,
        charge_frequency,
        burned_by,
        carried_in_billing_period

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
        commitments.marketplace_cap,
        daily.charge_date,
        daily.billing_currency,
        daily.charge_frequency,
        daily.burned_by,
        daily.carried_in_billing_period,
        daily.amount,
        daily.amount_gpu_compute,
        daily.amount_marketplace,
        daily.amount_gpu_compute_marketplace,
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

to_contract as (

    -- a billing-currency amount x rate_num / rate_den is in the contract currency
    select
        *,
        case
            when category = 'Usage' or billing_currency = currency then 1
            else fx_rate_billing
        end as rate_num,
        case
            when category = 'Usage' or billing_currency = currency or currency = reporting_currency then 1
            else fx_rate_contract
        end as rate_den

    from converted

),

marketplace_running as (

    -- a commitment's cumulative marketplace burn, over its charge days in a fixed order
    select
        *,
        amount_marketplace * rate_num / rate_den as marketplace_burned,
        sum(amount_marketplace * rate_num / rate_den) over (
            partition by commitment_id
            order by charge_date, billing_currency, charge_frequency, burned_by, carried_in_billing_period
            rows between unbounded preceding and current row
        ) as marketplace_cumulative

    from to_contract

),

capped as (

    -- the cap bounds the cumulative marketplace burn: the day it is reached counts up to it, later
    -- days nothing (until refunds bring the cumulative back under it); marketplace_kept is the
    -- share of the day's marketplace amount that still burns
    select
        *,
        case
            when marketplace_cap is null or marketplace_burned = 0 then 1
            else (
                least(marketplace_cumulative, marketplace_cap)
                - least(marketplace_cumulative - marketplace_burned, marketplace_cap)
            ) / marketplace_burned
        end as marketplace_kept

    from marketplace_running

),

kept as (

    select
        * replace (
            case
                when marketplace_kept = 1 then amount
                else cast(amount - amount_marketplace * (1 - marketplace_kept) as decimal(38, 10))
            end as amount,
            case
                when marketplace_kept = 1 then amount_gpu_compute
                else cast(
                    amount_gpu_compute - amount_gpu_compute_marketplace * (1 - marketplace_kept)
                    as decimal(38, 10)
                )
            end as amount_gpu_compute
        ),
        case
            when marketplace_kept = 1 then amount_marketplace
            else cast(amount_marketplace * marketplace_kept as decimal(38, 10))
        end as amount_marketplace_kept

    from capped

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
        burned_by,
        carried_in_billing_period,
        case when category = 'Spend' then amount end as burned_billing_currency,
        case when category = 'Spend' then fx_rate_billing end as fx_rate_billing_to_reporting,
        case when category = 'Spend' then fx_rate_contract end as fx_rate_contract_to_reporting,
        case
            when rate_den = 1 then cast(amount * rate_num as decimal(38, 10))
            else cast(amount * rate_num / rate_den as decimal(38, 10))
        end as burned,
        case
            when category = 'Usage' then null
            when rate_den = 1 then cast(amount_gpu_compute * rate_num as decimal(38, 10))
            else cast(amount_gpu_compute * rate_num / rate_den as decimal(38, 10))
        end as burned_gpu_compute,
        case
            when category = 'Usage' then null
            when rate_den = 1 then cast(amount_marketplace_kept * rate_num as decimal(38, 10))
            else cast(amount_marketplace_kept * rate_num / rate_den as decimal(38, 10))
        end as burned_marketplace,
        row_count

    from kept

)

select * from final
