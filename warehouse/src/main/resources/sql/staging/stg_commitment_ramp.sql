-- conf/contracts.yaml ramp points: the share of a commitment's minimum due by the start of a day,
-- for commitments whose pace is not a straight line over the period.
with ramp as (

    select * from src.commitment_ramp

),

final as (

    select
        cast(commitment_id as varchar) as commitment_id,
        cast(ramp_date as date) as ramp_date,
        cast(share as decimal(38, 10)) as share

    from ramp

)

select * from final
