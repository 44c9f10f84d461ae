-- Labeling page settings (module: project): the keys a lead chose for labels (label -> one
-- letter or digit; labels left out get a key by the page's own rule), and the width in pixels of
-- an image sent as pixel features when it is not square.
alter table projects add column label_keys jsonb;
alter table projects add column image_width integer check (image_width is null or image_width > 0);
