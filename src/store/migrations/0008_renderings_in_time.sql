-- 0008: renderings in time and with their own provenance. A term can be
-- 'superseded' (was official, then replaced), and carries the kind of
-- rendering it is (official, superseded, press, literal), the dates it was
-- in force, where it was seen (its own sources and a line of evidence) and
-- a note. The status CHECK constraint changes, so the term table is rebuilt
-- (ids kept, so term occurrences still point at their terms).

CREATE TABLE term_new (
    id          INTEGER PRIMARY KEY,
    concept     INTEGER NOT NULL REFERENCES concept (id) ON DELETE CASCADE,
    lang        TEXT NOT NULL CHECK (lang IN ('en', 'zh')),
    text        TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('preferred', 'admitted', 'superseded', 'deprecated')),
    position    INTEGER NOT NULL,
    key         TEXT NOT NULL,
    kind        TEXT CHECK (kind IN ('official', 'superseded', 'press', 'literal')),
    valid_from  TEXT,
    valid_until TEXT,
    evidence    TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT ''
);
INSERT INTO term_new (id, concept, lang, text, status, position, key)
    SELECT id, concept, lang, text, status, position, key FROM term;
DROP TABLE term;
ALTER TABLE term_new RENAME TO term;
CREATE UNIQUE INDEX term_by_key ON term (lang, key);
CREATE INDEX term_by_concept ON term (concept);
CREATE UNIQUE INDEX term_one_preferred ON term (concept, lang) WHERE status = 'preferred';

CREATE TABLE term_source (
    term     INTEGER NOT NULL REFERENCES term (id) ON DELETE CASCADE,
    source   INTEGER NOT NULL REFERENCES source (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (term, source)
) WITHOUT ROWID;
