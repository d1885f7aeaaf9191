-- 0006: how many stored sentences hold each word (English words, lower
-- case; Chinese characters), for choosing a fuzzy query's rarest words.
-- The fts5vocab table of 0004 answers the same question, but by reading the
-- word's whole posting list: at a million sentences, tens of milliseconds
-- for a common word. The writer keeps these counts as sentences come and
-- go; the backfill takes them from the full-text index.

CREATE TABLE word (
    term      TEXT PRIMARY KEY,
    sentences INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO word (term, sentences) SELECT term, doc FROM segment_vocab;
