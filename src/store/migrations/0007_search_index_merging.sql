-- 0007: the full-text index merges its segments sixteen at a time instead
-- of four. Measured at a million units on a noisy machine: importing
-- 108 MB of English text took 14.5-15.4 s with the default and 13.0-16.3 s
-- with 16, a million TSV pairs 58 s and 55 s, with fuzzy match and search
-- no slower (BENCHMARKS.md). The setting is stored in the index itself.

INSERT INTO segment_fts (segment_fts, rank) VALUES ('automerge', 16);
