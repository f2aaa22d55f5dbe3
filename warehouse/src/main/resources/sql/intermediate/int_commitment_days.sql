-- Every day of every commitment period with the share of the minimum due by the end of that day:
-- the contract's ramp curve when contracts.yaml gives one, else a straight line. The curve runs
-- through (period_start, 0), the ramp points and (period_end, 1), linear between them, evaluated
-- at day boundaries (the end of a day is the start of the next).
with commitments as (

    select * from stg_contract_commitments

),

ramp as (

    select * from stg_commitment_ramp

),

breakpoints as (

    select
        commitment_id,
        period_start as point_date,
        cast(0 as double) as share

    from commitments

    union all

    select
        commitment_id,
        ramp_date as point_date,
        cast(share as double) as share

    from ramp

    union all

    select
        commitment_id,
        period_end as point_date,
        cast(1 as double) as share

    from commitments

),

segments as (

    select
        commitment_id,
        point_date as segment_start,
        share as share_start,
        lead(point_date) over by_date as segment_end,
        lead(share) over by_date as share_end

    from breakpoints
    window by_date as (partition by commitment_id order by point_date)

),

days as (

    select
        commitment_id,
        period_start,
        period_end,
        cast(unnest(generate_series(period_start, period_end - 1, interval 1 day)) as date) as day

    from commitments

),

shares as (

    -- the segment holding the day's end boundary (day + 1); the period's last day ends on the
    -- last segment's end
    select
        days.commitment_id,
        days.period_start,
        days.period_end,
        days.day,
        segments.share_start
            + (segments.share_end - segments.share_start)
            * (days.day + 1 - segments.segment_start)
            / (segments.segment_end - segments.segment_start) as required_share

    from days
    inner join segments
        on days.commitment_id = segments.commitment_id
        and days.day + 1 > segments.segment_start
        and days.day + 1 <= segments.segment_end

),

final as (

    select
        commitment_id,
        day,
        cast(day - period_start + 1 as integer) as day_number,
        required_share,
        required_share
            - coalesce(lag(required_share) over (partition by commitment_id order by day), 0)
            as required_share_daily

    from shares

)

select * from final
