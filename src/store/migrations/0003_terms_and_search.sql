-- 0003: where glossary terms occur in stored sentences (kept current on
-- import and whenever the glossary changes), and a full-text index of the
-- sentences for concordance search. The index holds English text as it is
-- (words are tokens) and Chinese text with a space between characters, so
-- that one- and two-character queries find substrings.

CREATE TABLE term_occurrence (
    segment INTEGER NOT NULL REFERENCES segment (id) ON DELETE CASCADE,
    start   INTEGER NOT NULL,                 -- byte offsets in segment.text
    end     INTEGER NOT NULL,
    concept INTEGER NOT NULL REFERENCES concept (id) ON DELETE CASCADE,
    term    INTEGER NOT NULL REFERENCES term (id) ON DELETE CASCADE,
    near    INTEGER NOT NULL DEFAULT 0,       -- 1: a near miss (misspelling) of term
    PRIMARY KEY (segment, start)
) WITHOUT ROWID;
CREATE INDEX term_occurrence_by_concept ON term_occurrence (concept);
CREATE INDEX term_occurrence_by_term ON term_occurrence (term);

CREATE VIRTUAL TABLE segment_fts USING fts5 (
    body,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER segment_fts_delete AFTER DELETE ON segment BEGIN
    DELETE FROM segment_fts WHERE rowid = old.id;
END;
