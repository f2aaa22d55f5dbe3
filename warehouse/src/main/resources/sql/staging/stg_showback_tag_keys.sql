-- pipeline.yaml showback_tag_keys: the tag keys showback splits spend by, in their configured
-- order. Tag keys arrive in mixed case (team, Team, TEAM): tag_key_lower is what rows match on.
with tag_keys as (

    select * from src.showback_tag_keys

),

final as (

    select
        cast(tag_key as varchar) as tag_key,
        lower(cast(tag_key as varchar)) as tag_key_lower,
        cast(key_order as integer) as key_order

    from tag_keys

)

select * from final
