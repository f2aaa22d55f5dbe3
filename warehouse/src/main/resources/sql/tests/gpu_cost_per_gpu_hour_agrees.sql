-- Cost per GPU-hour of a provider is the same whichever GPU relation it is read from: per
-- provider and day fct_gpu_instance_daily against fct_gpu_efficiency_daily, per provider and model
-- rpt_gpu_efficiency against fct_gpu_efficiency_daily over its window, per provider
-- fct_commitment_rebalancing against fct_gpu_efficiency_daily over its trailing window. Tolerances cover
-- only the rounding of the relations' own columns (gpu_cost to the cent per row).
with instances as (

    select * from fct_gpu_instance_daily

),

daily as (

    select * from fct_gpu_efficiency_daily

),

report as (

    select * from rpt_gpu_efficiency

),

rebalancing as (

    select * from fct_commitment_rebalancing

),

commitment_dims as (

    select * from dim_contract_commitments

),

rebalancing_names as (

    -- the ProviderName values of a rebalancing provider (its name and aliases)
    select distinct
        provider,
        unnest(provider_names) as provider_name

    from commitment_dims

),

instance_days as (

    select provider, day, sum(gpu_cost) as gpu_cost, sum(billed_gpu_hours) as billed_gpu_hours
    from instances
    group by provider, day

),

daily_days as (

    select
        provider,
        day,
        sum(gpu_cost) as gpu_cost,
        sum(billed_gpu_hours) as billed_gpu_hours,
        count(*) as model_rows

    from daily
    group by provider, day

),

by_day as (

    select
        'fct_gpu_instance_daily' as relation,
        coalesce(instance_days.provider, daily_days.provider) as provider,
        cast(coalesce(instance_days.day, daily_days.day) as varchar) as scope,
        instance_days.gpu_cost / nullif(instance_days.billed_gpu_hours, 0) as relation_cost_per_gpu_hour,
        daily_days.gpu_cost / nullif(daily_days.billed_gpu_hours, 0) as daily_cost_per_gpu_hour,
        0.01 * daily_days.model_rows / nullif(daily_days.billed_gpu_hours, 0) as tolerance

    from instance_days
    full outer join daily_days
        on instance_days.provider = daily_days.provider
        and instance_days.day = daily_days.day

),

by_report_row as (

    select
        'rpt_gpu_efficiency' as relation,
        report.provider,
        report.gpu_model || ' ' || report.window_start || '..' || report.window_end as scope,
        cast(report.cost_per_gpu_hour as double) as relation_cost_per_gpu_hour,
        sum(daily.gpu_cost) / nullif(sum(daily.billed_gpu_hours), 0) as daily_cost_per_gpu_hour,
        -- cost_per_gpu_hour is rounded to the cent
        0.005 + 0.01 * count(*) / nullif(sum(daily.billed_gpu_hours), 0) as tolerance

    from report
    left join daily
        on daily.provider = report.provider
        and daily.gpu_model = report.gpu_model
        and daily.day between report.window_start and report.window_end
    group by all

),

by_rebalancing as (

    select
        'fct_commitment_rebalancing' as relation,
        rebalancing.provider,
        rebalancing.gpu_window_start || '..' || rebalancing.run_rate_window_end as scope,
        cast(rebalancing.gpu_cost_per_gpu_hour_reporting as double) as relation_cost_per_gpu_hour,
        sum(daily.gpu_cost) / nullif(sum(daily.billed_gpu_hours), 0) as daily_cost_per_gpu_hour,
        0.01 * count(*) / nullif(sum(daily.billed_gpu_hours), 0) as tolerance

    from rebalancing
    left join rebalancing_names
        on rebalancing_names.provider = rebalancing.provider
    left join daily
        on daily.provider = rebalancing_names.provider_name
        and daily.day >= rebalancing.gpu_window_start
        and daily.day <= rebalancing.run_rate_window_end
    where rebalancing.gpu_cost_per_gpu_hour_reporting is not null
    group by all

),

final as (

    select *
    from (
        select * from by_day
        union all
        select * from by_report_row
        union all
        select * from by_rebalancing
    )
    where relation_cost_per_gpu_hour is distinct from daily_cost_per_gpu_hour
        and (
            relation_cost_per_gpu_hour is null
            or daily_cost_per_gpu_hour is null
            or abs(relation_cost_per_gpu_hour - daily_cost_per_gpu_hour) > coalesce(tolerance, 0)
        )

)

select * from final
