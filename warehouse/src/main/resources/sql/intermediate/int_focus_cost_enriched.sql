-- Lake cost rows that count (int_focus_cost_paired: overlaps resolved, Azure pairs merged) with
-- the charge date, the FX rate of that date and the GPUs they billed.
-- x_FxRate is null when fx-rates.csv has no rate on or before the charge date: the runner's
-- fx_rate_missing check turns that into an input error before any data test runs.
--
-- Billed GPU-hours (x_GpuHours), from two catalogs (catalog/*.csv, overridable from conf/):
--   * GPU SKU rows: a row whose SKU description (SkuMeter or ChargeDescription) is like a pattern
--     of stg_gpu_sku_catalog (case-insensitive) bills GPUs one at a time (Google Cloud's "Nvidia H100 80GB GPU
--     running in Americas", Oracle's "Compute - GPU - H100"): x_GpuHours = its quantity in hours.
--     Its model is the instance type's when SkuId names one (the GCP machine type), else the
--     pattern's.
--   * instance rows: SkuId is an instance type of stg_gpu_instance_catalog; its billed_per says
--     what the quantity counts:
--       instance  x_GpuHours = hours x gpu_count (AWS "Hrs", Azure "1 Hour" / "10 Hours")
--       gpu       x_GpuHours = hours, already per GPU (OCI shapes, priced per GPU-hour)
--       gpu_sku   no GPU-hours: the GPUs are on their own SKU rows, these are the machine's cores
--                 and RAM (Google Cloud A3 "Instance Core" / "Instance Ram"). Such rows keep
--                 x_GpuModel, as their cost is GPU compute cost, but nothing is counted twice.
--     A unit that names a GPU ("GPU Per Hour", "GPU-hours", "gpu hour") is per GPU whatever
--     billed_per says.
-- Hours come from ConsumedUnit: hours ("Hours", "Hrs", "h"), minutes or seconds, optionally in
-- blocks ("10 Hours", "100 Hours": ConsumedQuantity counts blocks, as in Azure's exports where
-- Quantity x price per block = cost); a null unit counts as hours. Any other unit ("GiB-Month",
-- "Requests") gives no GPU-hours, nor does a charge without a quantity (credits, fees).
--
-- The lookups (charge days, consumed units, SKU descriptions) list the distinct values of the lake
-- rows (stg_focus_cost), not of int_focus_cost_paired: that model is a view, so each reader would
-- pair the rows again, and its rows carry the lake rows' values (the pairing leaves out rows and
-- changes only the two costs), so the few extra values of rows left out join nothing.
-- lake_rows is read by several CTEs: not materialized, so that each scans only the columns it
-- needs instead of DuckDB copying every wide row once.
with cost_rows as (

    select * from int_focus_cost_paired

),

lake_rows as not materialized (

    select * from stg_focus_cost

),

fx_rates as (

    select * from int_fx_rates

),

gpu_instances as (

    select * from stg_gpu_instance_catalog

),

gpu_skus as (

    select * from stg_gpu_sku_catalog

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
        cast(ChargePeriodStart as date) as x_ChargeDate

    from lake_rows

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

consumed_units as materialized (

    -- each distinct unit once: its hours per unit of ConsumedQuantity and whether it counts GPUs
    -- (materialized, or the optimizer pushes the regular expression down onto every cost row)
    select
        ConsumedUnit,
        regexp_extract(
            regexp_replace(lower(trim(ConsumedUnit)), '[\s_/-]+', ' ', 'g'),
            '^(\d+(?:\.\d+)?)? ?(?:(?:instance|node|vm|machine)s? )?(gpus? )?(?:per )?'
                || '(hours?|hrs?|h|minutes?|mins?|seconds?|secs?|s)( per gpus?| gpus?)?$',
            ['block', 'gpu', 'time', 'gpu_after']
        ) as parsed

    from (select distinct ConsumedUnit from lake_rows where ConsumedUnit is not null)

),

unit_hours as (

    select
        ConsumedUnit,
        coalesce(try_cast(nullif(parsed.block, '') as decimal(18, 6)), 1)
            / case
                when parsed.time in ('minute', 'minutes', 'min', 'mins') then 60
                when parsed.time in ('second', 'seconds', 'sec', 'secs', 's') then 3600
                else 1
            end as hours_per_unit,
        parsed.gpu <> '' or parsed.gpu_after <> '' as unit_per_gpu

    from consumed_units
    where parsed.time <> ''

),

sku_texts as (

    -- each distinct SKU description of a provider the catalog names once, SkuMeter and
    -- ChargeDescription apart, then matched against the few catalog patterns
    select ProviderName, SkuMeter as sku_text
    from lake_rows
    where SkuMeter is not null and ProviderName in (select provider from gpu_skus)
    group by ProviderName, SkuMeter

    union

    select ProviderName, ChargeDescription as sku_text
    from lake_rows
    where ChargeDescription is not null and ProviderName in (select provider from gpu_skus)
    group by ProviderName, ChargeDescription

),

gpu_sku_texts as (

    select
        sku_texts.ProviderName,
        sku_texts.sku_text,
        min(gpu_skus.pattern_order) as pattern_order,
        arg_min(gpu_skus.gpu_model, gpu_skus.pattern_order) as gpu_model

    from sku_texts
    inner join gpu_skus
        on gpu_skus.provider = sku_texts.ProviderName
        and sku_texts.sku_text ilike gpu_skus.sku_like
    group by sku_texts.ProviderName, sku_texts.sku_text

),

gpu_matched as (

    select
        converted.*,
        gpu_instances.gpu_model as instance_gpu_model,
        gpu_instances.gpu_count as instance_gpu_count,
        gpu_instances.billed_per,
        -- the first catalog pattern either description matches
        case
            when by_meter.pattern_order
                <= coalesce(by_description.pattern_order, by_meter.pattern_order)
                then by_meter.gpu_model
            else by_description.gpu_model
        end as sku_gpu_model,
        case
            when converted.ConsumedUnit is null then 1
            else unit_hours.hours_per_unit
        end as hours_per_unit,
        coalesce(unit_hours.unit_per_gpu, false) as unit_per_gpu

    from converted
    left join gpu_instances
        on lower(converted.SkuId) = lower(gpu_instances.instance_type)
    left join gpu_sku_texts as by_meter
        on converted.ProviderName = by_meter.ProviderName
        and converted.SkuMeter = by_meter.sku_text
    left join gpu_sku_texts as by_description
        on converted.ProviderName = by_description.ProviderName
        and converted.ChargeDescription = by_description.sku_text
    left join unit_hours
        on converted.ConsumedUnit = unit_hours.ConsumedUnit

),

gpu_hours as (

    select
        *,
        cast(
            case
                when sku_gpu_model is not null then ConsumedQuantity * hours_per_unit
                when billed_per = 'gpu_sku' then null
                when billed_per = 'gpu' or unit_per_gpu then ConsumedQuantity * hours_per_unit
                else ConsumedQuantity * hours_per_unit * instance_gpu_count
            end
            as decimal(28, 10)
        ) as gpu_hours

    from gpu_matched

),

final as (

    select
        * exclude (
            instance_gpu_model, instance_gpu_count, billed_per, sku_gpu_model, hours_per_unit,
            unit_per_gpu, gpu_hours
        ),
        cast(BilledCost * x_FxRate as decimal(28, 10)) as x_BilledCostReporting,
        cast(EffectiveCost * x_FxRate as decimal(28, 10)) as x_EffectiveCostReporting,
        coalesce(instance_gpu_model, sku_gpu_model) as x_GpuModel,
        -- a GPU SKU row of a machine type the catalog does not know (an N1 VM with attached
        -- GPUs): the GPUs its quantity implies over its charge period, rounded up
        coalesce(
            instance_gpu_count,
            cast(
                ceil(
                    gpu_hours
                    / nullif(date_diff('second', ChargePeriodStart, ChargePeriodEnd) / 3600, 0)
                )
                as integer
            )
        ) as x_GpuCount,
        gpu_hours as x_GpuHours

    from gpu_hours

)

select * from final
