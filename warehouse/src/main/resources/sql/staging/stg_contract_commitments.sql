-- conf/contracts.yaml, one row per FOCUS 1.3 Contract Commitment: a minimum for one period.
-- rate: a Usage commitment's price per unit in the contract currency (its own rate, else the
-- contract's rate card for its unit; null when contracts.yaml gives neither).
with commitments as (

    select * from src.contract_commitments

),

final as (

    select
        cast(contract_id as varchar) as contract_id,
        cast(commitment_id as varchar) as commitment_id,
        cast(category as varchar) as category,
        cast(period_start as date) as period_start,
        cast(period_end as date) as period_end,
        cast(amount as decimal(38, 10)) as amount,
        cast(quantity as decimal(38, 10)) as quantity,
        cast(unit as varchar) as unit,
        cast(description as varchar) as description,
        cast(rate as decimal(38, 10)) as rate

    from commitments

)

select * from final
