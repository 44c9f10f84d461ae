-- How a TEXT project's items become model features (issue 16): AUTO (chosen per project), NGRAMS, EMBEDDINGS, BOTH.
alter table projects add column text_representation varchar(16) not null default 'AUTO';
