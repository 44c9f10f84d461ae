-- Candidate slots (issue 20): a cycle over a pool larger than its candidate bound scores a window of
-- slots, a uniform random partition of the pool by a hash of the item id (CandidateWindow). This index
-- lets it read only the window's rows, and the training sample only its slots, instead of filtering
-- the whole table.
create index item_vectors_candidate_slot on item_vectors (project_id, (hashint8(item_id) & 4095));
