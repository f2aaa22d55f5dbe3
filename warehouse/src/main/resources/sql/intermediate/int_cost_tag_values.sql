-- The value of each configured showback tag key in each distinct Tags object of the cost rows. Keys
-- match case-insensitively (team, Team and TEAM are one key); when an object holds the key twice
-- in different cases, the value of the first spelling in sort order wins. Missing keys, JSON
-- nulls, empty values and Tags that are not a JSON object have no row here: fct_showback_monthly
-- counts them as '(untagged)'.
with cost_rows as (

    select distinct Tags

    from int_focus_cost_enriched
    where Tags is not null

),

tag_keys as (

    select * from stg_showback_tag_keys

),

objects as (

    select Tags

    from cost_rows
    where json_valid(Tags)
        and json_type(Tags) = 'OBJECT'

),

entries as (

    select
        objects.Tags,
        entry.key as tag_key_as_written,
        trim(json_extract_string(entry.value, '$')) as tag_value

    from objects,
        json_each(objects.Tags) as entry

),

final as (

    select
        entries.Tags,
        tag_keys.tag_key,
        min_by(entries.tag_value, entries.tag_key_as_written) as tag_value

    from entries
    inner join tag_keys
        on lower(entries.tag_key_as_written) = tag_keys.tag_key_lower
    where entries.tag_value is not null
        and entries.tag_value <> ''
    group by
        entries.Tags,
        tag_keys.tag_key

)

select * from final
