-- 0010: findings of `tifa check --memory` a reviewer has accepted, so that
-- later checks leave them out. A finding is named by its stable id
-- (check::accepted::finding_id: a hash of what was found in which sentence,
-- not of row ids, which change when the memory is rebuilt); kind, concept,
-- found text and place are kept as they were when accepted, for listing.
-- Nothing references the memory's tables: an acceptance outlives rebuilds.

CREATE TABLE accepted_finding (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    concept     TEXT NOT NULL,
    found       TEXT NOT NULL,
    place       TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    accepted_at TEXT NOT NULL
);
