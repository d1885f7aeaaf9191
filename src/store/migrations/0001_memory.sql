-- 0001: the bilingual translation memory. Documents as imported; sentences
-- stored once per language; units pairing an English and a Chinese sentence
-- (either side may be missing until a translation arrives); and occurrences
-- that keep the provenance (document, paragraph, sentence) of every place a
-- unit was seen, so a sentence found in several documents keeps them all.

CREATE TABLE document (
    id          INTEGER PRIMARY KEY,
    path        TEXT NOT NULL UNIQUE,             -- as given, lexically cleaned
    title       TEXT NOT NULL,
    lang        TEXT CHECK (lang IN ('en', 'zh')),-- NULL for bilingual files
    format      TEXT NOT NULL CHECK (format IN ('text', 'pairs', 'tmx')),
    encoding    TEXT NOT NULL,
    hash        TEXT NOT NULL,                    -- SHA-256 of the file's bytes
    size        INTEGER NOT NULL,
    imported_at TEXT NOT NULL                     -- RFC 3339, UTC
);

CREATE TABLE segment (
    id   INTEGER PRIMARY KEY,
    lang TEXT NOT NULL CHECK (lang IN ('en', 'zh')),
    text TEXT NOT NULL,                           -- NFC, otherwise as in the source
    key  TEXT NOT NULL,                           -- normalize::key(text), for matching
    UNIQUE (lang, text)
);
CREATE INDEX segment_by_key ON segment (lang, key);

CREATE TABLE unit (
    id         INTEGER PRIMARY KEY,
    en         INTEGER REFERENCES segment (id),
    zh         INTEGER REFERENCES segment (id),
    created_at TEXT NOT NULL,
    CHECK (en IS NOT NULL OR zh IS NOT NULL)
);
-- One unit per pair; a missing side counts as 0 so that one-sided units are
-- unique too (NULLs never conflict in a plain UNIQUE constraint).
CREATE UNIQUE INDEX unit_by_pair ON unit (ifnull(en, 0), ifnull(zh, 0));
CREATE INDEX unit_by_en ON unit (en);
CREATE INDEX unit_by_zh ON unit (zh);

CREATE TABLE occurrence (
    document  INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,                   -- order in the document, from 1
    unit      INTEGER NOT NULL REFERENCES unit (id),
    paragraph INTEGER NOT NULL,                   -- from 1; the row's line for pairs
    sentence  INTEGER NOT NULL,                   -- within the paragraph, from 1
    PRIMARY KEY (document, position)
) WITHOUT ROWID;
CREATE INDEX occurrence_by_unit ON occurrence (unit);
