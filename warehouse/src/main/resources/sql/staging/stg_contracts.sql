-- conf/contracts.yaml, one row per contract (FOCUS ContractId) with its eligibility rules.
-- provider_names: the provider and its aliases, the names a cost row's ProviderName or
-- ServiceProviderName must equal to burn the contract.
with contracts as (

    select * from src.contracts

),

final as (

    select
        cast(contract_id as varchar) as contract_id,
        cast(provider as varchar) as provider,
        cast(provider_aliases as varchar[]) as provider_aliases,
        list_concat([cast(provider as varchar)], cast(provider_aliases as varchar[])) as provider_names,
        cast(billing_accounts as varchar[]) as billing_accounts,
        cast(currency as varchar) as currency,
        cast(contract_period_start as date) as contract_period_start,
        cast(contract_period_end as date) as contract_period_end,
        cast(total_amount as decimal(38, 10)) as total_amount,
        cast(discount_pct as decimal(38, 10)) as discount_pct,
        cast(description as varchar) as description,
        cast(charge_categories as varchar[]) as charge_categories,
        cast(include_services as varchar[]) as include_services,
        cast(exclude_services as varchar[]) as exclude_services,
        cast(marketplace_counts as varchar) as marketplace_counts,
        cast(marketplace_share as decimal(9, 6)) as marketplace_share,
        cast(marketplace_cap_share as decimal(9, 6)) as marketplace_cap_share,
        cast(credits_count as boolean) as credits_count,
        cast(tax_counts as boolean) as tax_counts

    from contracts

)

select * from final
