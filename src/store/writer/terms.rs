//! The writer's term occurrences and full-text entries, and bringing term
//! occurrences up to date when the glossary changes.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::Writer;
use crate::glossary::matcher::{Matcher, NearMemo, Stream};
use crate::glossary::Concept;
use crate::normalize::simplify;
use crate::store::index::{words, words_unfolded};
use crate::store::lang_column;
use crate::store::prepare::{Annotator, Prepared, Preparer, Scratch, TermRow};
use crate::{Lang, Result};

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
    pub(in crate::store) fn index_prepared(&mut self, id: i64, p: Prepared) -> Result<()> {
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
    pub(in crate::store) fn flush_fts(&mut self) -> Result<()> {
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
    pub(in crate::store) fn reindex_all(&mut self) -> Result<()> {
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
            self.index_segment(id, lang_column(&lang), text)?;
        }
        Ok(())
    }

    /// Indexes anew the sentences with traditional characters, which the
    /// index and the word counts now hold as simplified ones, and whose
    /// terms the matcher now finds (migration 0008).
    pub(in crate::store) fn reindex_traditional(&mut self) -> Result<()> {
        self.flush()?;
        let mut rows: Vec<(i64, String, String)> = Vec::new();
        {
            let mut stmt = self.tx.prepare("SELECT id, lang, text FROM segment")?;
            for row in stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))? {
                let row: (i64, String, String) = row?;
                if simplify(&row.2) != row.2 {
                    rows.push(row);
                }
            }
        }
        if rows.is_empty() {
            return Ok(());
        }
        self.load_annotator()?;
        for (id, lang, text) in rows {
            self.tx
                .prepare_cached("DELETE FROM segment_fts WHERE rowid = ?1")?
                .execute([id])?;
            self.tx
                .prepare_cached("DELETE FROM term_occurrence WHERE segment = ?1")?
                .execute([id])?;
            for word in words_unfolded(&text) {
                *self.word_changes.entry(word).or_insert(0) -= 1;
            }
            for word in words(&text) {
                *self.word_changes.entry(word).or_insert(0) += 1;
            }
            self.index_segment(id, lang_column(&lang), text)?;
        }
        Ok(())
    }

    /// The sentences with term occurrences of these concepts (by name).
    pub(in crate::store) fn segments_with_concepts(
        &mut self,
        names: &[String],
    ) -> Result<BTreeSet<i64>> {
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
    pub(in crate::store) fn reannotate(
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
