-- 0009: a concept can say that the case of its renderings matters ("the
-- Two Upholds", "Party committee"): `tifa check` then reports a rendering
-- written with a capital lowered ("the two upholds", "party committee").
ALTER TABLE concept ADD COLUMN case_sensitive INTEGER NOT NULL DEFAULT 0;
