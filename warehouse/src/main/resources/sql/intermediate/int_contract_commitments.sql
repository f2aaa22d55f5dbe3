-- One row per contract commitment with its contract's eligibility rules and the as-of arithmetic:
-- the burn window [period_start, min(period_end, as_of + 1)), elapsed and remaining days, and the
-- contract currency's FX rate on the as-of day. usage_rate is a Usage commitment's price per unit
-- (contracts.yaml rate, else the contract's rates card), what its shortfall is valued at.
with contracts as (

    select * from stg_contracts

),

commitments as (

    select * from stg_contract_commitments

),

build_params as (

    select * from stg_build_params

),

fx_rates as (

    select * from int_fx_rates

),

joined as (

    select
        commitments.contract_id,
        commitments.commitment_id,
        contracts.provider,
        contracts.provider_names,
        commitments.category,
        case
            when commitments.category = 'Spend' then contracts.currency
            else commitments.unit
        end as unit,
        contracts.currency,
        case
            when commitments.category = 'Spend' then commitments.amount
            else commitments.quantity
        end as committed,
        case when commitments.category = 'Usage' then commitments.rate end as usage_rate,
        commitments.period_start,
        commitments.period_end,
        contracts.billing_accounts,
        contracts.charge_categories,
        contracts.include_services,
        contracts.exclude_services,
        contracts.marketplace_counts,
        case contracts.marketplace_counts
            when 'full' then 1
            when 'share' then contracts.marketplace_share
            else 0
        end as marketplace_factor,
        case
            when commitments.category = 'Spend'
                then cast(commitments.amount * contracts.marketplace_cap_share as decimal(38, 10))
        end as marketplace_cap,
        contracts.credits_count,
        contracts.tax_counts,
        contracts.discount_pct,
        build_params.as_of_date,
        build_params.reporting_currency

    from commitments
    inner join contracts
        on commitments.contract_id = contracts.contract_id
    cross join build_params

),

timed as (

    select
        *,
        period_end - period_start as period_days,
        least(period_end, as_of_date + 1) as burn_window_end,
        greatest(0, least(period_end, as_of_date + 1) - period_start) as elapsed_days,
        period_end - greatest(period_start, as_of_date + 1) as remaining_days_raw,
        as_of_date >= period_start and as_of_date < period_end as is_current,
        -- the first day this contract burns in this category and unit: the trailing run rate
        -- never averages over days before it
        min(period_start) over (partition by contract_id, category, unit) as measure_start

    from joined

),

with_rate as (

    select
        timed.*,
        fx_rates.rate_to_reporting as fx_rate_as_of

    from timed
    asof left join fx_rates
        on timed.currency = fx_rates.currency
        and timed.as_of_date >= fx_rates.valid_from

),

final as (

    select
        contract_id,
        commitment_id,
        provider,
        provider_names,
        category,
        unit,
        currency,
        committed,
        usage_rate,
        period_start,
        period_end,
        period_days,
        burn_window_end,
        elapsed_days,
        greatest(0, remaining_days_raw) as remaining_days,
        is_current,
        measure_start,
        billing_accounts,
        charge_categories,
        include_services,
        exclude_services,
        marketplace_counts,
        marketplace_factor,
        marketplace_cap,
        credits_count,
        tax_counts,
        discount_pct,
        as_of_date,
        reporting_currency,
        fx_rate_as_of

    from with_rate

)

select * from final
