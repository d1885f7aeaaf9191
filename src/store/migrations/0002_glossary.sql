-- 0002: the glossary of fixed political terms, concept-oriented as in TBX:
-- a concept has a category, a note, sources, Chinese terms and English terms
-- with a status (exactly one preferred per language). Terms carry a matching
-- key (normalize::term_key) that is unique per language, so no term can
-- belong to two concepts. `origin` says which file a concept was imported
-- from (or 'added'), so that `tifa build` can mirror glossary/ without
-- touching concepts added by hand.

CREATE TABLE concept (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,          -- the stable id: "two-upholds"
    category   TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    origin     TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE term (
    id       INTEGER PRIMARY KEY,
    concept  INTEGER NOT NULL REFERENCES concept (id) ON DELETE CASCADE,
    lang     TEXT NOT NULL CHECK (lang IN ('en', 'zh')),
    text     TEXT NOT NULL,
    status   TEXT NOT NULL CHECK (status IN ('preferred', 'admitted', 'deprecated')),
    position INTEGER NOT NULL,                -- order within the concept
    key      TEXT NOT NULL
);
CREATE UNIQUE INDEX term_by_key ON term (lang, key);
CREATE INDEX term_by_concept ON term (concept);
CREATE UNIQUE INDEX term_one_preferred ON term (concept, lang) WHERE status = 'preferred';

CREATE TABLE source (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE,
    title     TEXT NOT NULL,
    publisher TEXT NOT NULL DEFAULT '',
    url       TEXT NOT NULL DEFAULT '',
    date      TEXT NOT NULL DEFAULT ''
);

CREATE TABLE concept_source (
    concept  INTEGER NOT NULL REFERENCES concept (id) ON DELETE CASCADE,
    source   INTEGER NOT NULL REFERENCES source (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (concept, source)
) WITHOUT ROWID;
