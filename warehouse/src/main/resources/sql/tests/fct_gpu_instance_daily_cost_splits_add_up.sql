-- A billed GPU instance's cost splits into active, idle, unknown activity and unobserved without
-- remainder (to the cent), and no part of a non-negative cost is negative.
with instances as (

    select * from fct_gpu_instance_daily

),

final as (

    select
        provider,
        resource_key,
        day,
        gpu_cost,
        active_cost,
        idle_cost,
        unknown_activity_cost,
        unobserved_cost

    from instances
    where abs(active_cost + idle_cost + unknown_activity_cost + unobserved_cost - gpu_cost) > 0.01
        or (
            gpu_cost >= 0
            and least(active_cost, idle_cost, unknown_activity_cost, unobserved_cost) < -0.005
        )

)

select * from final
