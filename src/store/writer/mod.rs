//! The write transaction over the memory and the glossary: all the
//! writer's state and every write. Sentences arrive prepared
//! ([`super::prepare`]); full-text entries, occurrences, term occurrences
//! and word counts are written many rows per statement, and at the latest
//! at commit. Term occurrences and re-annotation are in [`terms`], glossary
//! writes in [`glossary`].

mod glossary;
mod terms;

use std::sync::Arc;

use rusqlite::{params, OptionalExtension, Transaction};
use rustc_hash::FxHashMap;

use super::index::words;
use super::memory::{document_row, Document, NewDocument, Place, DOCUMENT_COLUMNS};
use super::prepare::{Annotator, Prepared, Preparer};
use crate::{Error, Lang, Result};

/// A write transaction over the memory. Dropping it without
/// [`Writer::commit`] leaves the database as it was.
pub struct Writer<'a> {
    tx: Transaction<'a>,
    now: String,
    /// The glossary matcher, once loaded: new sentences get their term
    /// occurrences.
    annotator: Option<Arc<Annotator>>,
    /// Prepares the sentences given as text.
    preparer: Preparer,
    /// Sentences stored by this writer, by hash: most duplicates are found
    /// without a query.
    new_segments: FxHashMap<i64, i64>,
    /// Whether the memory held sentences before this writer: if not, a
    /// sentence not in `new_segments` is new without asking the database.
    had_segments: bool,
    /// Sentences whose term occurrences a glossary change has removed, to
    /// annotate again.
    touched: std::collections::BTreeSet<i64>,
    /// Full-text index entries waiting to be written at commit: writing them
    /// in a few large statements instead of one per sentence keeps FTS5 from
    /// flushing its index at every statement.
    pending_fts: Vec<(i64, String)>,
    /// Occurrences and term occurrences waiting to be inserted, many rows
    /// per statement.
    pending_occurrences: IntRows<5>,
    pending_terms: IntRows<6>,
    /// Changes to the word counts (sentences holding each word) not yet
    /// written.
    word_changes: FxHashMap<String, i64>,
}

/// Rows of integers waiting to be inserted into one table, written many
/// rows per statement (a statement costs far more than a row). Nothing
/// reads the table between [`Writer::flush`]es.
struct IntRows<const N: usize> {
    /// "INSERT INTO table (columns)", completed with VALUES.
    insert: &'static str,
    rows: Vec<[i64; N]>,
}

impl<const N: usize> IntRows<N> {
    /// Rows per statement (SQLite allows 32,766 parameters).
    const PER_STATEMENT: usize = 128;

    fn new(insert: &'static str) -> Self {
        IntRows {
            insert,
            rows: Vec::new(),
        }
    }

    /// Adds a row; writes the rows once there are many.
    fn push(&mut self, tx: &Transaction<'_>, row: [i64; N]) -> Result<()> {
        self.rows.push(row);
        if self.rows.len() >= 64 * Self::PER_STATEMENT {
            self.flush(tx)?;
        }
        Ok(())
    }

    fn flush(&mut self, tx: &Transaction<'_>) -> Result<()> {
        for chunk in self.rows.chunks(Self::PER_STATEMENT) {
            let one = format!("({})", vec!["?"; N].join(", "));
            let sql = format!(
                "{} VALUES {}",
                self.insert,
                vec![one; chunk.len()].join(", ")
            );
            tx.prepare_cached(&sql)?
                .execute(rusqlite::params_from_iter(chunk.iter().flatten()))?;
        }
        self.rows.clear();
        Ok(())
    }
}

impl<'a> Writer<'a> {
    pub(super) fn new(tx: Transaction<'a>) -> Result<Self> {
        tx.execute_batch("CREATE TEMP TABLE IF NOT EXISTS orphan_unit (id INTEGER PRIMARY KEY)")?;
        let had_segments =
            tx.query_row("SELECT EXISTS (SELECT 1 FROM segment)", [], |r| r.get(0))?;
        Ok(Writer {
            tx,
            now: now_rfc3339(),
            annotator: None,
            preparer: Preparer::default(),
            new_segments: FxHashMap::default(),
            had_segments,
            touched: Default::default(),
            pending_fts: Vec::new(),
            pending_occurrences: IntRows::new(
                "INSERT INTO occurrence (document, position, unit, paragraph, sentence)",
            ),
            pending_terms: IntRows::new(
                "INSERT OR REPLACE INTO term_occurrence (segment, start, end, concept, term, near)",
            ),
            word_changes: FxHashMap::default(),
        })
    }

    pub fn commit(mut self) -> Result<()> {
        self.flush()?;
        self.tx.commit()?;
        Ok(())
    }

    /// Writes every pending row, so that queries in this transaction see
    /// them.
    pub fn flush(&mut self) -> Result<()> {
        self.flush_fts()?;
        self.pending_occurrences.flush(&self.tx)?;
        self.pending_terms.flush(&self.tx)?;
        self.flush_word_counts()
    }

    fn flush_word_counts(&mut self) -> Result<()> {
        if self.word_changes.is_empty() {
            return Ok(());
        }
        let changes: Vec<(String, i64)> = self.word_changes.drain().collect();
        let fewer = changes.iter().any(|(_, n)| *n < 0);
        for chunk in changes.chunks(20_000) {
            let json = serde_json::to_string(chunk).map_err(|e| Error::Invalid(e.to_string()))?;
            self.tx
                .prepare_cached(
                    "INSERT INTO word (term, sentences) SELECT value ->> 0, value ->> 1 FROM json_each(?1) WHERE true
                     ON CONFLICT (term) DO UPDATE SET sentences = sentences + excluded.sentences",
                )?
                .execute([json])?;
        }
        if fewer {
            self.tx
                .execute("DELETE FROM word WHERE sentences <= 0", [])?;
        }
        Ok(())
    }

    /// The stored document at `path` (cleaned), if any.
    pub fn document_by_path(&mut self, path: &str) -> Result<Option<Document>> {
        self.flush()?;
        let sql = format!("SELECT {DOCUMENT_COLUMNS} FROM document d WHERE d.path = ?1");
        Ok(self
            .tx
            .prepare_cached(&sql)?
            .query_row([path], document_row)
            .optional()?)
    }

    /// Creates the document, or empties the existing one at the same path and
    /// updates its details; returns its id. Units that no other document uses
    /// any more are removed with their sentences.
    pub fn replace_document(&mut self, doc: &NewDocument<'_>) -> Result<i64> {
        let existing: Option<i64> = self
            .tx
            .prepare_cached("SELECT id FROM document WHERE path = ?1")?
            .query_row([doc.path], |r| r.get(0))
            .optional()?;
        let lang = doc.lang.map(Lang::code);
        match existing {
            Some(id) => {
                self.clear_occurrences(id)?;
                self.tx
                    .prepare_cached(
                        "UPDATE document SET title = ?2, lang = ?3, format = ?4, encoding = ?5,
                         hash = ?6, size = ?7, imported_at = ?8 WHERE id = ?1",
                    )?
                    .execute(params![
                        id,
                        doc.title,
                        lang,
                        doc.format.code(),
                        doc.encoding,
                        doc.hash,
                        doc.size as i64,
                        self.now
                    ])?;
                Ok(id)
            }
            None => {
                self.tx
                    .prepare_cached(
                        "INSERT INTO document (path, title, lang, format, encoding, hash, size, imported_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    )?
                    .execute(params![
                        doc.path,
                        doc.title,
                        lang,
                        doc.format.code(),
                        doc.encoding,
                        doc.hash,
                        doc.size as i64,
                        self.now
                    ])?;
                Ok(self.tx.last_insert_rowid())
            }
        }
    }

    /// Removes a document and whatever only it used.
    pub fn remove_document(&mut self, id: i64) -> Result<()> {
        self.clear_occurrences(id)?;
        self.tx
            .prepare_cached("DELETE FROM document WHERE id = ?1")?
            .execute([id])?;
        Ok(())
    }

    fn clear_occurrences(&mut self, document: i64) -> Result<()> {
        self.flush()?;
        self.tx.execute("DELETE FROM orphan_unit", [])?;
        self.tx.execute(
            "INSERT OR IGNORE INTO orphan_unit (id) SELECT unit FROM occurrence WHERE document = ?1",
            [document],
        )?;
        self.tx
            .execute("DELETE FROM occurrence WHERE document = ?1", [document])?;
        self.tx.execute(
            "DELETE FROM orphan_unit WHERE EXISTS (SELECT 1 FROM occurrence o WHERE o.unit = orphan_unit.id)",
            [],
        )?;
        // The sentences of the units about to go, for the sentence clean-up.
        self.tx.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS orphan_segment (id INTEGER PRIMARY KEY);
             DELETE FROM orphan_segment;
             INSERT OR IGNORE INTO orphan_segment (id)
                 SELECT en FROM unit WHERE id IN (SELECT id FROM orphan_unit) AND en IS NOT NULL
                 UNION SELECT zh FROM unit WHERE id IN (SELECT id FROM orphan_unit) AND zh IS NOT NULL;
             DELETE FROM unit WHERE id IN (SELECT id FROM orphan_unit);
             DELETE FROM orphan_segment WHERE
                 EXISTS (SELECT 1 FROM unit WHERE unit.en = orphan_segment.id)
                 OR EXISTS (SELECT 1 FROM unit WHERE unit.zh = orphan_segment.id);",
        )?;
        // The words of the sentences about to go leave the word counts.
        {
            let mut stmt = self.tx.prepare_cached(
                "SELECT text FROM segment WHERE id IN (SELECT id FROM orphan_segment)",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                for word in words(r.get_ref(0)?.as_str().unwrap_or("")) {
                    *self.word_changes.entry(word).or_insert(0) -= 1;
                }
            }
        }
        self.tx.execute(
            "DELETE FROM segment WHERE id IN (SELECT id FROM orphan_segment)",
            [],
        )?;
        Ok(())
    }

    /// The id of the sentence `text` in `lang`, stored if new.
    pub fn segment(&mut self, lang: Lang, text: &str) -> Result<i64> {
        let mut preparer = std::mem::take(&mut self.preparer);
        let prepared = preparer.prepare(lang, text.to_string());
        self.preparer = preparer;
        Ok(self.store_prepared(prepared)?.0)
    }

    /// Stores a prepared sentence unless the memory has it already; returns
    /// its id and whether it is new.
    pub fn store_prepared(&mut self, p: Prepared) -> Result<(i64, bool)> {
        if let Some(id) = self.find_segment(p.lang, &p.text, p.hash, p.key_hash)? {
            return Ok((id, false));
        }
        self.tx
            .prepare_cached("INSERT INTO segment (lang, text, key_hash) VALUES (?1, ?2, ?3)")?
            .execute(params![p.lang.code(), p.text, p.key_hash])?;
        let id = self.tx.last_insert_rowid();
        self.new_segments.insert(p.hash, id);
        for word in p.words.split(' ').filter(|w| !w.is_empty()) {
            match self.word_changes.get_mut(word) {
                Some(n) => *n += 1,
                None => {
                    self.word_changes.insert(word.to_string(), 1);
                }
            }
        }
        self.index_prepared(id, p)?;
        Ok((id, true))
    }

    /// The stored sentence `text` in `lang`, whose text hash is `hash` and
    /// key hash `key_hash`.
    fn find_segment(
        &self,
        lang: Lang,
        text: &str,
        hash: i64,
        key_hash: i64,
    ) -> Result<Option<i64>> {
        if let Some(&id) = self.new_segments.get(&hash) {
            let stored: Option<String> = self
                .tx
                .prepare_cached("SELECT text FROM segment WHERE id = ?1 AND lang = ?2")?
                .query_row(params![id, lang.code()], |r| r.get(0))
                .optional()?;
            if stored.as_deref() == Some(text) {
                return Ok(Some(id));
            }
        } else if !self.had_segments {
            return Ok(None);
        }
        // A sentence stored before this writer, or another sentence with the
        // same hash.
        let mut stmt = self
            .tx
            .prepare_cached("SELECT id, text FROM segment WHERE key_hash = ?1 AND lang = ?2")?;
        let mut rows = stmt.query(params![key_hash, lang.code()])?;
        while let Some(r) = rows.next()? {
            if r.get::<_, String>(1)? == text {
                return Ok(Some(r.get(0)?));
            }
        }
        Ok(None)
    }

    /// The id of the unit pairing `en` and `zh` (either may be absent, not
    /// both), stored if new.
    pub fn unit(&mut self, en: Option<i64>, zh: Option<i64>) -> Result<i64> {
        debug_assert!(en.is_some() || zh.is_some());
        let found: Option<i64> = self
            .tx
            .prepare_cached("SELECT id FROM unit WHERE en IS ?1 AND zh IS ?2")?
            .query_row(params![en, zh], |r| r.get(0))
            .optional()?;
        match found {
            Some(id) => Ok(id),
            None => self.insert_unit(en, zh),
        }
    }

    fn insert_unit(&mut self, en: Option<i64>, zh: Option<i64>) -> Result<i64> {
        self.tx
            .prepare_cached("INSERT INTO unit (en, zh, created_at) VALUES (?1, ?2, ?3)")?
            .execute(params![en, zh, self.now])?;
        Ok(self.tx.last_insert_rowid())
    }

    /// Stores a unit of prepared sentences (either side may be absent, not
    /// both) as occurring in `document` at `position`. A unit with a new
    /// sentence is new, so it is inserted without a lookup.
    pub fn add(
        &mut self,
        document: i64,
        place: Place,
        en: Option<Prepared>,
        zh: Option<Prepared>,
    ) -> Result<()> {
        let en = en.map(|p| self.store_prepared(p)).transpose()?;
        let zh = zh.map(|p| self.store_prepared(p)).transpose()?;
        let fresh = en.is_some_and(|s| s.1) || zh.is_some_and(|s| s.1);
        let (en, zh) = (en.map(|s| s.0), zh.map(|s| s.0));
        let unit = if fresh {
            self.insert_unit(en, zh)?
        } else {
            self.unit(en, zh)?
        };
        self.occurrence(
            document,
            place.position,
            unit,
            place.paragraph,
            place.sentence,
        )
    }

    /// Records that `unit` occurs in `document` at `position`.
    pub fn occurrence(
        &mut self,
        document: i64,
        position: u64,
        unit: i64,
        paragraph: u64,
        sentence: u64,
    ) -> Result<()> {
        self.pending_occurrences.push(
            &self.tx,
            [
                document,
                position as i64,
                unit,
                paragraph as i64,
                sentence as i64,
            ],
        )
    }

    /// Documents whose path lies under `dir` (cleaned), for pruning.
    pub fn documents_under(&mut self, dir: &str) -> Result<Vec<Document>> {
        self.flush()?;
        let prefix = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        let sql = format!(
            "SELECT {DOCUMENT_COLUMNS} FROM document d WHERE substr(d.path, 1, length(?1)) = ?1 ORDER BY d.path"
        );
        let mut stmt = self.tx.prepare_cached(&sql)?;
        let rows = stmt.query_map([prefix], document_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Now, in UTC, to the second (RFC 3339).
pub(super) fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{DocumentFormat, Stats, Store};

    fn doc<'a>(path: &'a str, hash: &'a str) -> NewDocument<'a> {
        NewDocument {
            path,
            title: "t",
            lang: Some(Lang::En),
            format: DocumentFormat::Text,
            encoding: "UTF-8",
            hash,
            size: 1,
        }
    }

    fn add(w: &mut Writer<'_>, d: i64, pos: u64, text: &str) {
        let s = w.segment(Lang::En, text).unwrap();
        let u = w.unit(Some(s), None).unwrap();
        w.occurrence(d, pos, u, 1, pos).unwrap();
    }

    #[test]
    fn shared_sentences_keep_every_occurrence_and_outlive_one_document() {
        let mut store = Store::open_in_memory().unwrap();
        let mut w = store.writer().unwrap();
        let a = w.replace_document(&doc("a.txt", "1")).unwrap();
        add(&mut w, a, 1, "Shared.");
        add(&mut w, a, 2, "Only in a.");
        let b = w.replace_document(&doc("b.txt", "2")).unwrap();
        add(&mut w, b, 1, "Shared.");
        w.commit().unwrap();
        assert_eq!(store.stats().unwrap().sentences_en, 2);
        assert_eq!(store.stats().unwrap().occurrences, 3);

        let mut w = store.writer().unwrap();
        let a2 = w.replace_document(&doc("a.txt", "3")).unwrap();
        assert_eq!(a, a2);
        add(&mut w, a, 1, "New in a.");
        w.commit().unwrap();
        let s = store.stats().unwrap();
        assert_eq!(
            (s.documents, s.sentences_en, s.units, s.occurrences),
            (2, 2, 2, 2)
        );

        let mut w = store.writer().unwrap();
        w.remove_document(b).unwrap();
        w.commit().unwrap();
        let s = store.stats().unwrap();
        assert_eq!((s.documents, s.sentences_en, s.units), (1, 1, 1));
    }

    /// The word counts as the full-text index has them.
    fn vocabulary(store: &Store) -> Vec<(String, i64)> {
        store
            .query_rows(
                "SELECT term, doc FROM segment_vocab ORDER BY term",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
    }

    fn word_counts(store: &Store) -> Vec<(String, i64)> {
        store
            .query_rows("SELECT term, sentences FROM word ORDER BY term", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap()
    }

    #[test]
    fn word_counts_follow_sentences_as_they_come_and_go() {
        let mut store = Store::open_in_memory().unwrap();
        let mut w = store.writer().unwrap();
        let a = w.replace_document(&doc("a.txt", "1")).unwrap();
        add(&mut w, a, 1, "The Party’s 20th Congress, held in 2022.");
        add(&mut w, a, 2, "Held again: the Congress.");
        let b = w.replace_document(&doc("b.txt", "2")).unwrap();
        add(&mut w, b, 1, "The Party’s 20th Congress, held in 2022.");
        let s = w.segment(Lang::Zh, "坚持党的全面领导（2022）。").unwrap();
        let u = w.unit(None, Some(s)).unwrap();
        w.occurrence(b, 2, u, 1, 2).unwrap();
        w.commit().unwrap();
        let counts = word_counts(&store);
        assert_eq!(counts, vocabulary(&store));
        assert!(counts.contains(&("congress".into(), 2)));
        assert!(counts.contains(&("党".into(), 1)));

        // A document replaced and another removed: the counts follow.
        let mut w = store.writer().unwrap();
        w.replace_document(&doc("a.txt", "3")).unwrap();
        add(&mut w, a, 1, "A new sentence about the Congress.");
        w.remove_document(b).unwrap();
        w.commit().unwrap();
        let counts = word_counts(&store);
        assert_eq!(counts, vocabulary(&store));
        assert_eq!(
            counts.iter().find(|(t, _)| t == "congress"),
            Some(&("congress".into(), 1))
        );
        assert!(!counts.iter().any(|(t, _)| t == "党" || t == "2022"));
    }

    #[test]
    fn dropping_a_writer_rolls_back() {
        let mut store = Store::open_in_memory().unwrap();
        {
            let mut w = store.writer().unwrap();
            let a = w.replace_document(&doc("a.txt", "1")).unwrap();
            add(&mut w, a, 1, "Lost.");
        }
        assert_eq!(store.stats().unwrap(), Stats::default());
    }
}
