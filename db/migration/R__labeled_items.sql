-- The export's read model (module: export): every label of every item with its source, and the imported
-- labels. A human label's source says where the final label came from (HUMAN: one person's label; CONSENSUS:
-- from several judgments; REVIEWED: set by a reviewer, who is then the annotator), and each human-labeled
-- item carries its judgments (annotator and label, oldest first). Changing its columns other than by adding
-- one at the end needs "drop view if exists labeled_items;" before the create.
create or replace view labeled_items as
select l.project_id, i.id as item_id, i.external_id, l.label,
       case when l.source <> 'HUMAN' then l.source::text
            when l.reviewed_at is not null then 'REVIEWED'
            when l.from_judgments and coalesce(l.consensus_method, 'SINGLE') <> 'SINGLE' then 'CONSENSUS'
            else 'HUMAN' end as source,
       l.confidence, coalesce(r.username, u.username) as annotator, l.updated_at as labeled_at, i.synthetic,
       case when l.source <> 'HUMAN' then null
            when l.from_judgments then (select json_agg(json_build_object('annotator', coalesce(ju.username, '#' || j.user_id),
                                                                           'label', j.label) order by j.created_at)
                                        from judgments j left join users ju on ju.id = j.user_id where j.item_id = l.item_id)
            else json_build_array(json_build_object('annotator', coalesce(u.username, '#' || l.user_id), 'label', l.label)) end
           as judgments
from labels l
join items i on i.id = l.item_id
left join users u on u.id = l.user_id
left join users r on r.id = l.reviewed_by
union all
select i.project_id, i.id, i.external_id, i.imported_label, 'IMPORTED', null, null, i.created_at, i.synthetic, null
from items i
where i.imported_label is not null;
