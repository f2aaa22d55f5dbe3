-- ContractApplied, when present, is valid JSON (else its burn would be silently left out).
with cost_rows as (

    select * from focus_cost

),

final as (

    select
        x_SourceFile,
        x_SourceLine,
        ContractApplied

    from cost_rows
    where ContractApplied is not null
        and not json_valid(ContractApplied)

)

select * from final
