-- One row per contract commitment, with how its burn is measured: 'ContractApplied' when cost rows
-- carry FOCUS 1.3 ContractApplied entries for any commitment of the contract (the provider says
-- what burned), else 'eligibility rules' (contracts.yaml decides which charges count).
with commitments as (

    select * from int_contract_commitments

),

contract_applied as (

    select * from fct_contract_applied

),

contracts_with_contract_applied as (

    select distinct commitments.contract_id

    from contract_applied
    inner join commitments
        on contract_applied.commitment_id = commitments.commitment_id

),

final as (

    select
        commitments.*,
        case
            when contracts_with_contract_applied.contract_id is not null then 'ContractApplied'
            else 'eligibility rules'
        end as burn_method

    from commitments
    left join contracts_with_contract_applied
        on commitments.contract_id = contracts_with_contract_applied.contract_id

)

select * from final
