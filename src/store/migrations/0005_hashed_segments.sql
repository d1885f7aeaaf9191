-- 0005: sentences are found by a 64-bit hash instead of indexes over their
-- whole text. The UNIQUE (lang, text) constraint and the (lang, key) index
-- each held a copy of every sentence: they doubled the database and made
-- every insert a search through a tree too large for the page cache. Now
-- only `key_hash` (of the language and normalize::key(text)) is indexed. It
-- serves exact matches (same key) and deduplication alike: identical text
-- has an identical key, so the writer looks a sentence up by its key hash
-- and compares the text. Uniqueness of (lang, text) is kept by the writer,
-- which only inserts after that lookup.
--
-- The table is rebuilt (SQLite cannot drop a constraint); tifa runs
-- migrations with foreign keys off and checks them before committing.
-- tifa_key_hash is defined by tifa on the connection.

CREATE TABLE segment_new (
    id       INTEGER PRIMARY KEY,
    lang     TEXT NOT NULL CHECK (lang IN ('en', 'zh')),
    text     TEXT NOT NULL,                   -- NFC, otherwise as in the source
    key_hash INTEGER NOT NULL                 -- tifa_key_hash(lang, text)
);
INSERT INTO segment_new (id, lang, text, key_hash)
    SELECT id, lang, text, tifa_key_hash(lang, text) FROM segment;
DROP TABLE segment;
ALTER TABLE segment_new RENAME TO segment;
CREATE INDEX segment_by_key_hash ON segment (key_hash);

CREATE TRIGGER segment_fts_delete AFTER DELETE ON segment BEGIN
    DELETE FROM segment_fts WHERE rowid = old.id;
END;

-- Units: one index fewer to update per unit. A unit is found by its
-- English side and then its Chinese side (both nullable, compared with IS);
-- as with sentences, the writer looks a unit up before inserting it, so
-- the unique expression index over both is not needed.
DROP INDEX unit_by_pair;
DROP INDEX unit_by_en;
CREATE INDEX unit_by_en ON unit (en, zh);
