//! The SQLite store: opening, pragmas, numbered migrations and typed queries.
//!
//! [`Store::open`] sets the pragmas once (WAL, foreign keys, a busy timeout)
//! and applies the migrations in `migrations/`, tracked by
//! `PRAGMA user_version`, each in a transaction. Commands receive a `Store`;
//! they never open connections themselves. Every query binds its parameters.

//!
//! Rooms: [`writer`] (the write transaction: all writer state and every
//! write), [`accepted`] (the accepted findings of `check --memory`, written
//! in their own small transactions), [`prepare`] (sentences made ready for the writer off the
//! database), [`memory`] and [`glossary`] and [`terms`] (typed read
//! queries), [`index`] (the full-text index and word counts, and the
//! queries through them), [`export`] (the export iteration), [`keys`] (the
//! hashes sentences are found by).

mod accepted;
mod export;
mod glossary;
mod index;
mod keys;
mod memory;
mod prepare;
mod terms;
mod writer;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension};

pub use accepted::AcceptedFinding;
pub use export::ExportFilter;
pub use glossary::{GlossaryChanges, StoredConcept};
pub use index::SentenceFilter;
pub use keys::key_hash;
pub use memory::{
    clean_path, Document, DocumentFormat, NewDocument, Occurrence, Place, PlacedUnit, Stats,
};
pub use prepare::{Prepared, Preparer};
pub use terms::TermUsage;
pub use writer::Writer;

use crate::{Error, Lang, Result};

/// A language as a `lang` column stores it (`en`, `zh`). Every column is
/// written by tifa, so anything but Chinese is English.
fn lang_column(code: &str) -> Lang {
    match code.parse() {
        Ok(lang) => lang,
        Err(_) => Lang::En,
    }
}

/// The migrations, in order. Migration N (from 1) brings the schema to
/// `user_version` N.
const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_memory", include_str!("migrations/0001_memory.sql")),
    (
        "0002_glossary",
        include_str!("migrations/0002_glossary.sql"),
    ),
    (
        "0003_terms_and_search",
        include_str!("migrations/0003_terms_and_search.sql"),
    ),
    (
        "0004_search_vocabulary",
        include_str!("migrations/0004_search_vocabulary.sql"),
    ),
    (
        "0005_hashed_segments",
        include_str!("migrations/0005_hashed_segments.sql"),
    ),
    (
        "0006_word_counts",
        include_str!("migrations/0006_word_counts.sql"),
    ),
    (
        "0007_search_index_merging",
        include_str!("migrations/0007_search_index_merging.sql"),
    ),
    (
        "0008_renderings_in_time",
        include_str!("migrations/0008_renderings_in_time.sql"),
    ),
    (
        "0009_concept_case",
        include_str!("migrations/0009_concept_case.sql"),
    ),
    (
        "0010_accepted_findings",
        include_str!("migrations/0010_accepted_findings.sql"),
    ),
];

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its
    /// schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let db_err = |source| Error::Database {
            path: path.to_path_buf(),
            source,
        };
        let conn = Connection::open(path).map_err(db_err)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.prepare().map_err(|e| match e {
            Error::Sqlite(source) => db_err(source),
            other => other,
        })?;
        Ok(store)
    }

    /// A private in-memory database with the real migrations, for tests.
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: PathBuf::from(":memory:"),
        };
        store.prepare()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn prepare(&mut self) -> Result<()> {
        self.conn.busy_timeout(std::time::Duration::from_secs(10))?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") && !mode.eq_ignore_ascii_case("memory") {
            self.conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))?;
        }
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        keys::define_functions(&self.conn)?;
        self.migrate()
    }

    fn migrate(&mut self) -> Result<()> {
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let known = MIGRATIONS.len() as i64;
        if version > known {
            return Err(Error::SchemaTooNew {
                path: self.path.clone(),
                found: version,
                known,
            });
        }
        let mut applied = Vec::new();
        for (n, (name, sql)) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            // Foreign keys are off while a migration rebuilds tables (as
            // SQLite's documentation prescribes) and checked before commit.
            self.conn.pragma_update(None, "foreign_keys", false)?;
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql)?;
            let broken: Option<String> = tx
                .query_row("PRAGMA foreign_key_check", [], |r| r.get(0))
                .optional()?;
            if let Some(table) = broken {
                return Err(Error::Invalid(format!(
                    "migration {name} would break references in table {table}; the database is unchanged"
                )));
            }
            tx.pragma_update(None, "user_version", (n + 1) as i64)?;
            tx.commit()?;
            self.conn.pragma_update(None, "foreign_keys", true)?;
            applied.push(*name);
        }
        // Steps SQL alone cannot take, run once the schema is complete.
        if applied.contains(&"0003_terms_and_search") {
            // Sentences stored before this migration need their index
            // entries and term occurrences.
            let mut writer = self.writer()?;
            writer.reindex_all()?;
            writer.commit()?;
        } else if applied.contains(&"0008_renderings_in_time") {
            // The index now holds traditional characters as simplified ones,
            // and the matcher finds terms written in either.
            let mut writer = self.writer()?;
            writer.reindex_traditional()?;
            writer.commit()?;
        }
        Ok(())
    }

    /// Runs a read query with bound parameters.
    fn query_rows<T, P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
        map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map(params, map)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The schema version (the number of migrations applied).
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Starts a write transaction. Nothing it does is visible, or stored,
    /// until [`Writer::commit`]; dropping it rolls everything back.
    pub fn writer(&mut self) -> Result<Writer<'_>> {
        // Writes get a larger page cache (32 MiB, allocated only as pages
        // are used); reads such as exports keep the default, so their memory
        // stays small.
        self.conn.pragma_update(None, "cache_size", -32768)?;
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        Writer::new(
            self.conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A database file at schema `version` (the first `version` migrations,
    /// applied as an older tifa did) holding `rows` (SQL).
    fn database_at(version: usize, rows: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        let conn = Connection::open(&path).unwrap();
        for (_, sql) in &MIGRATIONS[..version] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", version as i64)
            .unwrap();
        conn.execute_batch(rows).unwrap();
        (dir, path)
    }

    #[test]
    fn migrations_apply_once() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        drop(Store::open(&path).unwrap());
        let again = Store::open(&path).unwrap();
        assert_eq!(again.schema_version().unwrap(), MIGRATIONS.len() as i64);
        let automerge: i64 = again
            .conn
            .query_row(
                "SELECT v FROM segment_fts_config WHERE k = 'automerge'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(automerge, 16);
    }

    #[test]
    fn sentences_stored_before_the_search_index_are_indexed_by_the_migration() {
        let (_dir, path) = database_at(
            2,
            "INSERT INTO segment (lang, text, key) VALUES ('zh', '坚决做到两个维护。', 'k')",
        );
        let store = Store::open(&path).unwrap();
        let found: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM segment_fts WHERE segment_fts MATCH '\"维 护\"'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(found, 1);
    }

    #[test]
    fn sentences_stored_before_hashing_are_hashed_by_the_migration() {
        let (_dir, path) = database_at(
            4,
            "INSERT INTO segment (id, lang, text, key) VALUES (7, 'en', 'Uphold the Two Upholds.', 'k');
             INSERT INTO unit (id, en, zh, created_at) VALUES (3, 7, NULL, 'then');",
        );
        let mut store = Store::open(&path).unwrap();
        let key: i64 = store
            .conn
            .query_row("SELECT key_hash FROM segment WHERE id = 7", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(key, key_hash(crate::Lang::En, "uphold the two upholds."));
        let mut w = store.writer().unwrap();
        let again = w
            .segment(crate::Lang::En, "Uphold the Two Upholds.")
            .unwrap();
        assert_eq!(again, 7);
        assert_eq!(w.unit(Some(7), None).unwrap(), 3);
        let other = w
            .segment(crate::Lang::Zh, "Uphold the Two Upholds.")
            .unwrap();
        assert_ne!(other, 7);
        w.commit().unwrap();
        assert_eq!(store.stats().unwrap().units, 1);
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "user_version", 999).unwrap();
        }
        let err = Store::open(&path).err().unwrap().to_string();
        assert!(err.contains("newer tifa"), "{err}");
    }
}
