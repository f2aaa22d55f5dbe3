-- A charge period never ends before it starts.
with cost_rows as (

    select * from focus_cost

),

final as (

    select
        x_SourceFile,
        x_SourceLine,
        ChargePeriodStart,
        ChargePeriodEnd

    from cost_rows
    where ChargePeriodEnd < ChargePeriodStart

)

select * from final
