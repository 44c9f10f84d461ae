-- The named seed of the synthesis that made a synthetic item (its provenance: the same seed and pool make the same drafts).
alter table items add column synthesis_seed bigint;
