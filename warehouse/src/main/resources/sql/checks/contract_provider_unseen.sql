-- Input check, severity warn (logged, the build goes on): a contract whose provider and aliases
-- match no ingested cost row's ProviderName or ServiceProviderName. Its feed may not have arrived
-- yet, or contracts.yaml spells the provider differently from the data; the message lists the
-- names the data does use, so the operator can add the right one to provider_aliases.
with contracts as (

    select * from stg_contracts

),

cost_rows as (

    select * from focus_cost

),

names_seen as (

    select distinct provider_name

    from (
        select ProviderName as provider_name from cost_rows
        union all
        select ServiceProviderName from cost_rows
    )
    where provider_name is not null

),

unmatched as (

    select contracts.*

    from contracts
    where not exists (
        select 1
        from names_seen
        where list_contains(contracts.provider_names, names_seen.provider_name)
    )

),

seen_list as (

    select string_agg('''' || provider_name || '''', ', ' order by provider_name) as names

    from names_seen

),

final as (

    select
        'contract ' || unmatched.contract_id || ': provider '
            || '''' || array_to_string(unmatched.provider_names, ''' / ''') || ''''
            || ' matches no ingested cost row (ProviderName or ServiceProviderName), so nothing'
            || ' burns it; provider names seen in focus_cost: ' || coalesce(seen_list.names, 'none')
            || ' (a different spelling of the same provider belongs in provider_aliases)' as message,
        unmatched.contract_id

    from unmatched
    cross join seen_list
    order by unmatched.contract_id

)

select * from final
