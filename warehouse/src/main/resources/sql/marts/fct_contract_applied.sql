-- The FOCUS 1.3 ContractApplied column taken apart: one row per cost row and applied contract
-- commitment. Accepts the bare JSON array and the {"ContractApplied": [...]} wrapping, and both
-- ContractCommitmentId and ContractCommitmentID keys; rows whose ContractApplied is not valid
-- JSON are left out here and reported by the focus_cost_contract_applied_is_json test.
with cost_rows as (

    select
        x_SourceFile,
        x_SourceLine,
        ChargeCategory,
        ChargeClass,
        ChargeDescription,
        ChargeFrequency,
        x_ChargeDate,
        BillingPeriodStart,
        ProviderName,
        BillingAccountId,
        BillingCurrency,
        x_FxRate,
        x_GpuModel,
        ContractApplied

    from focus_cost
    where ContractApplied is not null
        and json_valid(ContractApplied)

),

entry_lists as (

    select
        *,
        cast(
            json_extract(
                case
                    when json_type(ContractApplied) = 'OBJECT'
                        then json_extract(ContractApplied, '$.ContractApplied')
                    else cast(ContractApplied as json)
                end,
                '$[*]'
            ) as json[]
        ) as entries

    from cost_rows

),

entries as (

    select
        *,
        unnest(entries) as entry,
        generate_subscripts(entries, 1) as entry_index

    from entry_lists

),

final as (

    select
        x_SourceFile,
        x_SourceLine,
        ChargeCategory as charge_category,
        ChargeClass as charge_class,
        ChargeDescription as charge_description,
        ChargeFrequency as charge_frequency,
        entry_index,
        x_ChargeDate as charge_date,
        cast(BillingPeriodStart as date) as billing_period_start,
        ProviderName as provider,
        BillingAccountId as billing_account_id,
        BillingCurrency as billing_currency,
        x_FxRate as fx_rate_to_reporting,
        coalesce(entry ->> 'ContractCommitmentId', entry ->> 'ContractCommitmentID') as commitment_id,
        try_cast(entry ->> 'ContractCommitmentAppliedCost' as decimal(28, 10)) as applied_cost,
        try_cast(entry ->> 'ContractCommitmentAppliedQuantity' as decimal(28, 10)) as applied_quantity,
        entry ->> 'ContractCommitmentAppliedUnit' as applied_unit,
        x_GpuModel is not null as is_gpu_compute

    from entries

)

select * from final
