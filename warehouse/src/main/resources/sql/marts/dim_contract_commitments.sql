-- One row per contract commitment with its contract's eligibility rules and the as-of arithmetic.
-- How a cost row burns it (its ContractApplied entries, else these rules) is decided per row, in
-- fct_commitment_burn_daily.
with commitments as (

    select * from int_contract_commitments

),

final as (

    select * from commitments

)

select * from final
