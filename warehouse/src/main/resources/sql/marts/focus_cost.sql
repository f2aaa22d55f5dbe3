-- Every ingested cost row under its FOCUS column names, so FOCUS example queries run unchanged,
-- plus the x_ columns the warehouse derives: charge date, FX rate, reporting-currency costs and
-- the GPU instance the row ran on.
with enriched_cost_rows as (

    select * from int_focus_cost_enriched

),

final as (

    select * from enriched_cost_rows

)

select * from final
