-- Lake cost rows with the charge date, the FX rate of that date and the GPU instance they ran on.
-- x_FxRate is null when fx-rates.csv has no rate on or before the charge date: the runner's
-- fx_rate_missing check turns that into an input error before any data test runs.
with cost_rows as (

    select * from stg_focus_cost

),

fx_rates as (

    select * from int_fx_rates

),

gpu_instances as (

    select * from stg_gpu_instance_catalog

),

dated as (

    select
        *,
        cast(ChargePeriodStart as date) as x_ChargeDate

    from cost_rows

),

charge_days as (

    select distinct
        BillingCurrency,
        x_ChargeDate

    from dated

),

charge_day_rates as (

    -- ASOF: the latest valid_from on or before the charge date applies. Joined per distinct
    -- currency and day, then back onto the rows: an ASOF join over the wide rows themselves sorts
    -- every row and is an order of magnitude slower.
    select
        charge_days.BillingCurrency,
        charge_days.x_ChargeDate,
        fx_rates.rate_to_reporting

    from charge_days
    asof left join fx_rates
        on charge_days.BillingCurrency = fx_rates.currency
        and charge_days.x_ChargeDate >= fx_rates.valid_from

),

converted as (

    select
        dated.*,
        charge_day_rates.rate_to_reporting as x_FxRate

    from dated
    left join charge_day_rates
        on dated.BillingCurrency = charge_day_rates.BillingCurrency
        and dated.x_ChargeDate = charge_day_rates.x_ChargeDate

),

final as (

    select
        converted.*,
        cast(converted.BilledCost * converted.x_FxRate as decimal(28, 10)) as x_BilledCostReporting,
        cast(converted.EffectiveCost * converted.x_FxRate as decimal(28, 10)) as x_EffectiveCostReporting,
        gpu_instances.gpu_model as x_GpuModel,
        gpu_instances.gpu_count as x_GpuCount,
        case
            when gpu_instances.gpu_count is not null
                and (
                    converted.ConsumedUnit is null
                    or regexp_matches(converted.ConsumedUnit, '^(1 )?(hours?|hrs?|h)$', 'i')
                )
                then cast(converted.ConsumedQuantity * gpu_instances.gpu_count as decimal(28, 10))
        end as x_GpuHours

    from converted
    left join gpu_instances
        on lower(converted.SkuId) = lower(gpu_instances.instance_type)

)

select * from final
