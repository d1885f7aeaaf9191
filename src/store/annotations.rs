//! Term occurrences in stored sentences and the full-text index: written
//! when sentences are stored, and brought up to date when the glossary
//! changes (only the sentences that the change can affect).

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use rusqlite::Connection;

use super::glossary::load_concepts;
use super::memory::{key_hash, text_hash};
use super::Writer;
use crate::glossary::matcher::{Matcher, NearMemo, Stream, TermMatch, TermRef};
use crate::glossary::Concept;
use crate::lang::is_han;
use crate::{Lang, Result};

/// The matcher for the stored glossary, with the database ids of its
/// concepts and terms. Shared (read-only) by the threads that prepare
/// sentences.
pub struct Annotator {
    matcher: Matcher,
    concept_ids: Vec<i64>,
    term_ids: HashMap<(usize, TermRef), i64>,
}

impl Annotator {
    /// Built from the glossary as stored; `None` when it is empty.
    pub fn load(conn: &Connection) -> Result<Option<Annotator>> {
        let concepts: Vec<Concept> = load_concepts(conn)?
            .into_iter()
            .map(|s| s.concept)
            .collect();
        if concepts.is_empty() {
            return Ok(None);
        }
        let mut ids: HashMap<String, i64> = HashMap::new();
        {
            let mut stmt = conn.prepare("SELECT id, name FROM concept")?;
            for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
                let (id, name) = row?;
                ids.insert(name, id);
            }
        }
        let mut positions: HashMap<(i64, i64), i64> = HashMap::new();
        {
            let mut stmt = conn.prepare("SELECT id, concept, position FROM term")?;
            for row in stmt.query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })? {
                let (id, concept, position) = row?;
                positions.insert((concept, position), id);
            }
        }
        let mut concept_ids = Vec::with_capacity(concepts.len());
        let mut term_ids = HashMap::new();
        for (i, c) in concepts.iter().enumerate() {
            let db = ids.get(&c.id).copied().unwrap_or_default();
            concept_ids.push(db);
            // Terms are stored zh first, then en, positions from 1.
            for z in 0..c.zh.len() {
                if let Some(&t) = positions.get(&(db, z as i64 + 1)) {
                    term_ids.insert((i, TermRef::Zh(z as u32)), t);
                }
            }
            for e in 0..c.en.len() {
                if let Some(&t) = positions.get(&(db, (c.zh.len() + e) as i64 + 1)) {
                    term_ids.insert((i, TermRef::En(e as u32)), t);
                }
            }
        }
        Ok(Some(Annotator {
            matcher: Matcher::new(concepts)?,
            concept_ids,
            term_ids,
        }))
    }

    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The term occurrences of `text`, as rows to store.
    fn occurrences(&self, text: &str, scratch: &mut Scratch, out: &mut Vec<TermRow>) {
        let m = &self.matcher;
        m.find_into(text, &mut scratch.stream, &mut scratch.found);
        let near = if text.is_ascii() || !text.chars().any(is_han) {
            m.near_misses_in(text, &scratch.stream, &scratch.found, &mut scratch.memo)
        } else {
            Vec::new()
        };
        let rows = scratch
            .found
            .iter()
            .map(|f| (f.concept, f.term, f.start, f.end, false))
            .chain(
                near.iter()
                    .map(|f| (f.concept, f.term, f.start, f.end, true)),
            );
        for (concept, term, start, end, near) in rows {
            if let Some(&term) = self.term_ids.get(&(concept, term)) {
                out.push(TermRow {
                    start: start as i64,
                    end: end as i64,
                    concept: self.concept_ids[concept],
                    term,
                    near,
                });
            }
        }
    }
}

/// What annotating reuses from one sentence to the next.
#[derive(Default)]
struct Scratch {
    stream: Stream,
    found: Vec<TermMatch>,
    memo: NearMemo,
}

/// A term occurrence to store.
#[derive(Debug, Clone, Copy)]
pub(super) struct TermRow {
    start: i64,
    end: i64,
    concept: i64,
    term: i64,
    near: bool,
}

/// A sentence made ready for storing: its hashes, its full-text index body
/// and its term occurrences, all computed without the database, so that a
/// second thread can prepare sentences while the writer stores them.
pub struct Prepared {
    pub(super) lang: Lang,
    pub(super) text: String,
    pub(super) hash: i64,
    pub(super) key_hash: i64,
    pub(super) fts: String,
    pub(super) terms: Vec<TermRow>,
    /// The distinct words of the sentence, for the word counts, separated
    /// by spaces (one allocation, not one per word).
    pub(super) words: String,
}

/// Prepares sentences for a [`Writer`]; made by [`Writer::preparer`], and
/// `Send`, so it can run on another thread.
#[derive(Default)]
pub struct Preparer {
    annotator: Option<Arc<Annotator>>,
    scratch: Scratch,
}

impl Preparer {
    pub fn prepare(&mut self, lang: Lang, text: String) -> Prepared {
        let mut terms = Vec::new();
        if let Some(a) = &self.annotator {
            a.occurrences(&text, &mut self.scratch, &mut terms);
        }
        Prepared {
            lang,
            hash: text_hash(lang, &text),
            key_hash: key_hash(lang, &text),
            fts: fts_body(&text, lang),
            terms,
            words: words(&text).join(" "),
            text,
        }
    }
}

/// The distinct words of a sentence as the word counts know them: runs of
/// letters and digits in lower case, each Chinese character on its own.
pub fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if is_han(c) {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            out.push(c.to_string());
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The text the full-text index holds for a sentence: Chinese characters
/// each a token of their own.
pub fn fts_body(text: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        if is_han(c) {
            out.push(' ');
            out.push(c);
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

impl Writer<'_> {
    /// A preparer of sentences for this writer (with the glossary's matcher
    /// once [`Writer::load_annotator`] has run).
    pub fn preparer(&self) -> Preparer {
        Preparer {
            annotator: self.annotator.clone(),
            scratch: Scratch::default(),
        }
    }

    /// Indexes a new sentence for search and stores its term occurrences.
    pub(super) fn index_prepared(&mut self, id: i64, p: Prepared) -> Result<()> {
        self.store_terms(id, &p.terms)?;
        self.pending_fts.push((id, p.fts));
        if self.pending_fts.len() >= 20_000 {
            self.flush_fts()?;
        }
        Ok(())
    }

    /// Indexes a stored sentence anew (search and term occurrences).
    fn index_segment(&mut self, id: i64, lang: Lang, text: String) -> Result<()> {
        let mut preparer = std::mem::take(&mut self.preparer);
        let p = preparer.prepare(lang, text);
        self.preparer = preparer;
        self.index_prepared(id, p)
    }

    fn store_terms(&mut self, segment: i64, rows: &[TermRow]) -> Result<()> {
        for r in rows {
            self.pending_terms.push(
                &self.tx,
                [
                    segment,
                    r.start,
                    r.end,
                    r.concept,
                    r.term,
                    i64::from(r.near),
                ],
            )?;
        }
        Ok(())
    }

    /// Writes the pending full-text index entries, many per statement.
    pub(super) fn flush_fts(&mut self) -> Result<()> {
        for chunk in self.pending_fts.chunks(20_000) {
            let json =
                serde_json::to_string(chunk).map_err(|e| crate::Error::Invalid(e.to_string()))?;
            self.tx
                .prepare_cached(
                    "INSERT INTO segment_fts (rowid, body) SELECT value ->> 0, value ->> 1 FROM json_each(?1)",
                )?
                .execute([json])?;
        }
        self.pending_fts.clear();
        Ok(())
    }

    /// Loads the glossary's matcher, so that sentences stored from now on in
    /// this transaction get their term occurrences.
    pub fn load_annotator(&mut self) -> Result<()> {
        self.annotator = Annotator::load(&self.tx)?.map(Arc::new);
        self.preparer = self.preparer();
        Ok(())
    }

    /// Indexes every stored sentence and records its term occurrences anew.
    pub(super) fn reindex_all(&mut self) -> Result<()> {
        self.flush()?;
        let mut rows: Vec<(i64, String, String)> = Vec::new();
        {
            let mut stmt = self.tx.prepare("SELECT id, lang, text FROM segment")?;
            for row in stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))? {
                rows.push(row?);
            }
        }
        self.tx.execute("DELETE FROM term_occurrence", [])?;
        self.load_annotator()?;
        for (id, lang, text) in rows {
            let lang = if lang == "zh" { Lang::Zh } else { Lang::En };
            self.index_segment(id, lang, text)?;
        }
        Ok(())
    }

    /// The sentences with term occurrences of these concepts (by name).
    pub(super) fn segments_with_concepts(&mut self, names: &[String]) -> Result<BTreeSet<i64>> {
        self.flush()?;
        let mut out = BTreeSet::new();
        let mut stmt = self.tx.prepare_cached(
            "SELECT DISTINCT o.segment FROM term_occurrence o JOIN concept c ON c.id = o.concept WHERE c.name = ?1",
        )?;
        for name in names {
            for row in stmt.query_map([name], |r| r.get::<_, i64>(0))? {
                out.insert(row?);
            }
        }
        Ok(out)
    }

    /// Brings term occurrences up to date after the glossary changed:
    /// `touched` are the sentences that had occurrences of changed or removed
    /// concepts; the sentences that contain a term of a new or changed
    /// concept are found with a matcher for those concepts alone. Only these
    /// sentences are annotated again.
    pub(super) fn reannotate(
        &mut self,
        mut touched: BTreeSet<i64>,
        changed: &[String],
    ) -> Result<usize> {
        self.flush()?;
        self.load_annotator()?;
        let Some(annotator) = self.annotator.clone() else {
            self.tx.execute("DELETE FROM term_occurrence", [])?;
            return Ok(0);
        };
        if !changed.is_empty() {
            let concepts: Vec<Concept> = annotator
                .matcher
                .concepts()
                .iter()
                .filter(|c| changed.contains(&c.id))
                .cloned()
                .collect();
            if !concepts.is_empty() {
                let small = Matcher::new(concepts)?;
                let mut stream = Stream::default();
                let mut found = Vec::new();
                let mut memo = NearMemo::default();
                let mut stmt = self.tx.prepare("SELECT id, text FROM segment")?;
                let mut rows = stmt.query([])?;
                while let Some(r) = rows.next()? {
                    let text: String = r.get(1)?;
                    small.find_into(&text, &mut stream, &mut found);
                    if !found.is_empty()
                        || !small
                            .near_misses_in(&text, &stream, &found, &mut memo)
                            .is_empty()
                    {
                        touched.insert(r.get(0)?);
                    }
                }
            }
        }
        let mut texts = Vec::with_capacity(touched.len());
        {
            let mut stmt = self
                .tx
                .prepare_cached("SELECT text FROM segment WHERE id = ?1")?;
            for &id in &touched {
                let text: Option<String> = stmt.query_row([id], |r| r.get(0)).ok();
                if let Some(text) = text {
                    texts.push((id, text));
                }
            }
        }
        let count = texts.len();
        let mut scratch = Scratch::default();
        let mut rows = Vec::new();
        for (id, text) in texts {
            self.tx
                .prepare_cached("DELETE FROM term_occurrence WHERE segment = ?1")?
                .execute([id])?;
            rows.clear();
            annotator.occurrences(&text, &mut scratch, &mut rows);
            self.store_terms(id, &rows)?;
        }
        Ok(count)
    }
}

/// How often one term of a concept occurs in one document.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TermUsage {
    pub concept: String,
    pub term: String,
    pub lang: Lang,
    pub status: crate::glossary::Status,
    /// A near miss (misspelling) of the term rather than the term.
    pub near: bool,
    pub path: String,
    pub count: u64,
}

impl super::Store {
    /// Runs a read query with bound parameters.
    pub(crate) fn query_rows<T, P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
        map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map(params, map)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Occurrences (segment, start, end) of a concept's terms; `status`
    /// keeps only terms of that status (`Some(None)`: near misses only).
    pub fn term_occurrences(
        &self,
        concept: &str,
        status: Option<Option<crate::glossary::Status>>,
    ) -> Result<Vec<(i64, usize, usize)>> {
        let (filter, value) = match status {
            None => ("", String::new()),
            Some(None) => (" AND o.near = 1", String::new()),
            Some(Some(s)) => (" AND o.near = 0 AND t.status = ?2", s.code().to_string()),
        };
        let sql = format!(
            "SELECT o.segment, o.start, o.end FROM term_occurrence o
             JOIN concept c ON c.id = o.concept JOIN term t ON t.id = o.term
             WHERE c.name = ?1{filter} ORDER BY o.segment, o.start"
        );
        let map = |r: &rusqlite::Row<'_>| {
            Ok((
                r.get(0)?,
                r.get::<_, i64>(1)? as usize,
                r.get::<_, i64>(2)? as usize,
            ))
        };
        if value.is_empty() {
            self.query_rows(&sql, [concept], map)
        } else {
            self.query_rows(&sql, [concept, value.as_str()], map)
        }
    }

    /// The first place a sentence occurs (path, paragraph, sentence) and how
    /// many other places there are.
    pub fn first_place(&self, segment: i64) -> Result<Option<(String, u64, u64, u64)>> {
        let rows = self.query_rows(
            "SELECT d.path, o.paragraph, o.sentence, count(*) OVER ()
             FROM unit u JOIN occurrence o ON o.unit = u.id JOIN document d ON d.id = o.document
             WHERE u.en = ?1 OR u.zh = ?1
             ORDER BY d.path, o.position LIMIT 1",
            [segment],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)? as u64,
                    r.get::<_, i64>(2)? as u64,
                    r.get::<_, i64>(3)? as u64,
                ))
            },
        )?;
        Ok(rows.into_iter().next().map(|(p, a, b, n)| (p, a, b, n - 1)))
    }

    /// For every term occurring in the memory: how often, in which documents.
    pub fn term_usage(&self) -> Result<Vec<TermUsage>> {
        self.query_rows(
            "WITH places AS (
                 SELECT u.en AS segment, o.document FROM occurrence o JOIN unit u ON u.id = o.unit WHERE u.en IS NOT NULL
                 UNION ALL
                 SELECT u.zh, o.document FROM occurrence o JOIN unit u ON u.id = o.unit WHERE u.zh IS NOT NULL
             )
             SELECT c.name, t.text, t.lang, t.status, o.near, d.path, count(*)
             FROM term_occurrence o
             JOIN concept c ON c.id = o.concept
             JOIN term t ON t.id = o.term
             JOIN places p ON p.segment = o.segment
             JOIN document d ON d.id = p.document
             GROUP BY c.name, t.id, o.near, d.path
             ORDER BY c.name, t.lang, o.near, t.position, d.path",
            [],
            |r| {
                Ok(TermUsage {
                    concept: r.get(0)?,
                    term: r.get(1)?,
                    lang: if r.get::<_, String>(2)? == "zh" { Lang::Zh } else { Lang::En },
                    status: crate::glossary::Status::parse(&r.get::<_, String>(3)?)
                        .unwrap_or(crate::glossary::Status::Admitted),
                    near: r.get(4)?,
                    path: r.get(5)?,
                    count: r.get::<_, i64>(6)? as u64,
                })
            },
        )
    }
}

/// Which units an export takes.
#[derive(Debug, Clone, Default)]
pub struct ExportFilter {
    /// Only units occurring in this document (id).
    pub document: Option<i64>,
    /// Only units where this concept (id) occurs.
    pub concept: Option<String>,
    /// Only units created at or after this time (RFC 3339 or a date).
    pub since: Option<String>,
    /// Only units with both an English and a Chinese side.
    pub bilingual_only: bool,
}

impl super::Store {
    /// Every unit the filter takes, in id order, with its first place and the
    /// concepts found in it, handed to `f` one at a time (nothing is
    /// collected, so memory stays flat however many units there are).
    pub fn for_each_export_unit(
        &self,
        filter: &ExportFilter,
        mut f: impl FnMut(crate::formats::tmx::TmUnit) -> Result<()>,
    ) -> Result<()> {
        use rusqlite::types::Value;
        let mut conditions = vec!["1".to_string()];
        let mut params: Vec<Value> = Vec::new();
        if filter.bilingual_only {
            conditions.push("u.en IS NOT NULL AND u.zh IS NOT NULL".into());
        }
        if let Some(doc) = filter.document {
            params.push(Value::Integer(doc));
            conditions.push(format!(
                "EXISTS (SELECT 1 FROM occurrence o WHERE o.unit = u.id AND o.document = ?{})",
                params.len()
            ));
        }
        if let Some(concept) = &filter.concept {
            params.push(Value::Text(concept.clone()));
            conditions.push(format!(
                "EXISTS (SELECT 1 FROM term_occurrence t JOIN concept c ON c.id = t.concept
                         WHERE t.segment IN (u.en, u.zh) AND c.name = ?{})",
                params.len()
            ));
        }
        if let Some(since) = &filter.since {
            params.push(Value::Text(since.clone()));
            conditions.push(format!("u.created_at >= ?{}", params.len()));
        }
        // Units and their text stream from one query; their first places
        // and concepts are read a batch at a time, by ranges of the
        // occurrence_by_unit index and of term_occurrence's key, which read
        // the pages in order instead of seeking once per unit.
        let sql = format!(
            "SELECT u.id, u.en, u.zh, en.text, zh.text, u.created_at
             FROM unit u
             LEFT JOIN segment en ON en.id = u.en
             LEFT JOIN segment zh ON zh.id = u.zh
             WHERE {}
             ORDER BY u.id",
            conditions.join(" AND ")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
        let mut batch: Vec<(crate::formats::tmx::TmUnit, [Option<i64>; 2])> =
            Vec::with_capacity(EXPORT_BATCH);
        loop {
            let row = rows.next()?;
            if let Some(r) = row {
                batch.push((
                    crate::formats::tmx::TmUnit {
                        id: r.get(0)?,
                        en: r.get(3)?,
                        zh: r.get(4)?,
                        created: r.get(5)?,
                        document: None,
                        paragraph: None,
                        sentence: None,
                        concepts: Vec::new(),
                    },
                    [r.get(1)?, r.get(2)?],
                ));
            }
            let last = row.is_none();
            if batch.len() == EXPORT_BATCH || (last && !batch.is_empty()) {
                self.complete_export_batch(&mut batch)?;
                for (unit, _) in batch.drain(..) {
                    f(unit)?;
                }
            }
            if last {
                return Ok(());
            }
        }
    }

    /// Fills in the first place and the concepts of a batch of units (in
    /// id order).
    fn complete_export_batch(
        &self,
        batch: &mut [(crate::formats::tmx::TmUnit, [Option<i64>; 2])],
    ) -> Result<()> {
        use std::collections::hash_map::Entry;
        let (Some(first), Some(last)) = (batch.first(), batch.last()) else {
            return Ok(());
        };
        // A range is read whole when the batch fills most of it (always,
        // for an unfiltered export); else one look per id.
        let dense = |lo: i64, hi: i64| hi - lo < 8 * batch.len() as i64;
        let mut places: HashMap<i64, (String, i64, i64)> = HashMap::new();
        let place_sql = "SELECT o.unit, d.path, o.paragraph, o.sentence
             FROM occurrence o JOIN document d ON d.id = o.document
             WHERE o.unit BETWEEN ?1 AND ?2 ORDER BY o.unit, o.document, o.position";
        let mut place_stmt = self.conn.prepare_cached(place_sql)?;
        let ranges: Vec<(i64, i64)> = if dense(first.0.id, last.0.id) {
            vec![(first.0.id, last.0.id)]
        } else {
            batch.iter().map(|(u, _)| (u.id, u.id)).collect()
        };
        for (lo, hi) in ranges {
            let mut rows = place_stmt.query([lo, hi])?;
            while let Some(r) = rows.next()? {
                if let Entry::Vacant(e) = places.entry(r.get(0)?) {
                    e.insert((r.get(1)?, r.get(2)?, r.get(3)?));
                }
            }
        }
        let mut segments: Vec<i64> = batch
            .iter()
            .flat_map(|(_, s)| s.iter().flatten().copied())
            .collect();
        segments.sort_unstable();
        segments.dedup();
        let mut concepts: HashMap<i64, Vec<String>> = HashMap::new();
        if let (Some(&lo), Some(&hi)) = (segments.first(), segments.last()) {
            let mut stmt = self.conn.prepare_cached(
                "SELECT t.segment, c.name FROM term_occurrence t JOIN concept c ON c.id = t.concept
                 WHERE t.segment BETWEEN ?1 AND ?2 AND t.near = 0",
            )?;
            let ranges: Vec<(i64, i64)> = if dense(lo, hi) {
                vec![(lo, hi)]
            } else {
                segments.iter().map(|&s| (s, s)).collect()
            };
            for (lo, hi) in ranges {
                let mut rows = stmt.query([lo, hi])?;
                while let Some(r) = rows.next()? {
                    concepts.entry(r.get(0)?).or_default().push(r.get(1)?);
                }
            }
        }
        for (unit, sides) in batch.iter_mut() {
            if let Some((path, paragraph, sentence)) = places.remove(&unit.id) {
                unit.document = Some(path);
                unit.paragraph = Some(paragraph as u64);
                unit.sentence = Some(sentence as u64);
            }
            let mut names: Vec<String> = sides
                .iter()
                .flatten()
                .filter_map(|s| concepts.get(s))
                .flatten()
                .cloned()
                .collect();
            names.sort_unstable();
            names.dedup();
            unit.concepts = names;
        }
        Ok(())
    }
}

/// Units read before their places and concepts are looked up.
const EXPORT_BATCH: usize = 1024;

impl super::Store {
    /// [`Store::for_each_export_unit`] with the reading done on a second
    /// connection in another thread, so that reading the database and
    /// writing the export (`f`, on this thread) overlap. Memory stays flat:
    /// at most a few batches of units are in flight. An in-memory store is
    /// read on this thread.
    pub fn for_each_export_unit_overlapped(
        &self,
        filter: &ExportFilter,
        f: impl FnMut(crate::formats::tmx::TmUnit) -> Result<()>,
    ) -> Result<()> {
        if self.path.as_os_str() == ":memory:" {
            return self.for_each_export_unit(filter, f);
        }
        let path = self.path.clone();
        let read = move |emit: &mut dyn FnMut(crate::formats::tmx::TmUnit) -> bool| {
            super::Store::open(&path)?.for_each_export_unit(filter, |u| {
                if emit(u) {
                    Ok(())
                } else {
                    // The writer has stopped; it reports why.
                    Err(crate::Error::Invalid(String::new()))
                }
            })
        };
        crate::overlap::overlap("tifa-read", EXPORT_BATCH, read, f).map(|_| ())
    }
}

impl super::Store {
    /// The glossary concepts (ids, sorted) whose terms a stored sentence
    /// uses, near misses left out.
    pub fn concepts_of_segment(&self, segment: i64) -> Result<Vec<String>> {
        self.query_rows(
            "SELECT DISTINCT c.name FROM term_occurrence t JOIN concept c ON c.id = t.concept
             WHERE t.segment = ?1 AND t.near = 0 ORDER BY c.name",
            [segment],
            |r| r.get(0),
        )
    }
}

impl super::Store {
    /// The other-language side of a unit containing `segment`, if any unit
    /// pairs it.
    pub fn translation_of(&self, segment: i64, lang: Lang) -> Result<Option<String>> {
        let sql = match lang {
            Lang::En => {
                "SELECT s.text FROM unit u JOIN segment s ON s.id = u.zh WHERE u.en = ?1 LIMIT 1"
            }
            Lang::Zh => {
                "SELECT s.text FROM unit u JOIN segment s ON s.id = u.en WHERE u.zh = ?1 LIMIT 1"
            }
        };
        Ok(self
            .query_rows(sql, [segment], |r| r.get(0))?
            .into_iter()
            .next())
    }
}
