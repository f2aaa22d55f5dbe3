-- The three things that changed most since the last report, as finished sentences for page 1 of
-- the executive summary. Candidates, each ranked by its impact in the reporting currency:
--   spend_change: a provider's billed cost over the 7 days to the as-of day against the 7 days
--                 before (a nightly report's "since last time", smoothed over a week);
--   spike:        a provider's service whose cost on the as-of day differs most from the same
--                 weekday one week earlier;
--   commitment:   a current Spend commitment with a projected shortfall (what would be paid for
--                 the unmet minimum at today's run-rate).
-- At most one commitment line and two of any other kind, so the three lines are not one story.
with build_params as (

    select * from stg_build_params

),

daily as (

    select * from fct_spend_daily

),

commitments as (

    select * from fct_commitment_status

),

symbol as (

    select
        as_of_date,
        reporting_currency,
        case reporting_currency
            when 'USD' then '$' when 'EUR' then '€' when 'GBP' then '£' when 'JPY' then '¥'
            else reporting_currency || ' '
        end as sym

    from build_params

),

provider_weeks as (

    select
        daily.provider,
        sum(daily.billed_cost_reporting) filter (
            where daily.charge_date between symbol.as_of_date - 6 and symbol.as_of_date
        ) as this_week,
        sum(daily.billed_cost_reporting) filter (
            where daily.charge_date between symbol.as_of_date - 13 and symbol.as_of_date - 7
        ) as last_week

    from daily
    cross join symbol
    where daily.charge_date between symbol.as_of_date - 13 and symbol.as_of_date
    group by daily.provider

),

spend_change as (

    select
        'spend_change' as kind,
        provider,
        abs(coalesce(this_week, 0) - coalesce(last_week, 0)) as impact,
        provider || ' spend '
            || case when coalesce(this_week, 0) >= coalesce(last_week, 0) then 'rose' else 'fell' end
            || case
                when coalesce(last_week, 0) = 0 then ''
                else printf(' %.1f%%', abs(100 * (coalesce(this_week, 0) - last_week) / last_week))
            end
            || ' to {a} in the 7 days to ' || strftime(symbol.as_of_date, '%-d %b')
            || ' ({b} week on week).' as template,
        coalesce(this_week, 0) as a_value,
        coalesce(this_week, 0) - coalesce(last_week, 0) as b_value,
        true as b_signed

    from provider_weeks
    cross join symbol

),

service_days as (

    select
        daily.provider,
        daily.service_name,
        sum(daily.billed_cost_reporting) filter (where daily.charge_date = symbol.as_of_date) as today,
        sum(daily.billed_cost_reporting) filter (where daily.charge_date = symbol.as_of_date - 7) as week_ago

    from daily
    cross join symbol
    where daily.charge_date in (symbol.as_of_date, symbol.as_of_date - 7)
    group by
        daily.provider,
        daily.service_name

),

spike as (

    select
        'spike' as kind,
        provider,
        abs(coalesce(today, 0) - coalesce(week_ago, 0)) as impact,
        provider || ' ' || coalesce(service_name, '(no service)') || ' cost {a} on '
            || strftime(symbol.as_of_date, '%-d %b') || ', {b} on the same weekday a week earlier.'
            as template,
        coalesce(today, 0) as a_value,
        coalesce(today, 0) - coalesce(week_ago, 0) as b_value,
        true as b_signed

    from service_days
    cross join symbol

),

commitment as (

    select
        'commitment' as kind,
        commitments.provider,
        commitments.projected_shortfall_reporting as impact,
        commitments.provider || ' ' || commitments.commitment_id || ' is '
            || case
                when commitments.days_ahead_or_behind < 0
                    then abs(commitments.days_ahead_or_behind) || ' days behind pace'
                else 'on pace so far'
            end
            || '; at the current run-rate it ends {a} short of its minimum.' as template,
        commitments.projected_shortfall_reporting as a_value,
        cast(null as decimal(38, 10)) as b_value,
        false as b_signed

    from commitments
    where commitments.is_current
        and commitments.category = 'Spend'
        and commitments.projected_shortfall_reporting > 0

),

candidates as (

    select * from spend_change
    union all
    select * from spike
    union all
    select * from commitment

),

ranked as (

    select
        *,
        row_number() over (partition by kind order by impact desc, provider) as rank_in_kind

    from candidates
    where impact > 0

),

formatted as (

    -- amounts as the report writes them: $412.3M, $38.0B, $12.5K, $950
    select
        ranked.*,
        list_transform(
            [{'v': a_value, 'signed': false}, {'v': b_value, 'signed': b_signed}],
            lambda x: case when x.v is null then '' else
                (case when x.v < 0 then '-' when x.signed and x.v > 0 then '+' else '' end)
                || symbol.sym
                || case
                    when abs(x.v) >= 999950000 then printf('%.1fB', abs(x.v) / 1e9)
                    when abs(x.v) >= 999950 then printf('%.1fM', abs(x.v) / 1e6)
                    when abs(x.v) >= 999.5 then printf('%.1fK', abs(x.v) / 1e3)
                    else printf('%.0f', abs(x.v))
                end
            end
        ) as amounts

    from ranked
    cross join symbol
    where rank_in_kind <= case kind when 'commitment' then 1 else 2 end

),

final as (

    select
        cast(row_number() over (order by impact desc, kind, provider) as integer) as rank,
        kind,
        provider,
        replace(replace(template, '{a}', amounts[1]), '{b}', amounts[2]) as headline,
        cast(impact as decimal(18, 2)) as impact_reporting

    from formatted
    qualify row_number() over (order by impact desc, kind, provider) <= 3

)

select * from final
