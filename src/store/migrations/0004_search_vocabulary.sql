-- 0004: the vocabulary of the full-text index (how many sentences hold each
-- word), so that fuzzy matching can look for candidates through a query's
-- rarest words instead of all of them.

CREATE VIRTUAL TABLE segment_vocab USING fts5vocab (segment_fts, 'row');
