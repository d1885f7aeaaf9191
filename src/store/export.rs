//! The export iteration: every unit a filter takes, with its first place
//! and its concepts, streamed a batch at a time (optionally read on a
//! second connection while the caller writes).

use std::collections::HashMap;

use super::Store;
use crate::{Result, Unit};

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

impl Store {
    /// Every unit the filter takes, in id order, with its first place and the
    /// concepts found in it, handed to `f` one at a time (nothing is
    /// collected, so memory stays flat however many units there are).
    pub fn for_each_export_unit(
        &self,
        filter: &ExportFilter,
        mut f: impl FnMut(Unit) -> Result<()>,
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
        let mut batch: Vec<(Unit, [Option<i64>; 2])> = Vec::with_capacity(EXPORT_BATCH);
        loop {
            let row = rows.next()?;
            if let Some(r) = row {
                batch.push((
                    Unit {
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
    fn complete_export_batch(&self, batch: &mut [(Unit, [Option<i64>; 2])]) -> Result<()> {
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

impl Store {
    /// [`Store::for_each_export_unit`] with the reading done on a second
    /// connection in another thread, so that reading the database and
    /// writing the export (`f`, on this thread) overlap. Memory stays flat:
    /// at most a few batches of units are in flight. An in-memory store is
    /// read on this thread.
    pub fn for_each_export_unit_overlapped(
        &self,
        filter: &ExportFilter,
        f: impl FnMut(Unit) -> Result<()>,
    ) -> Result<()> {
        if self.path.as_os_str() == ":memory:" {
            return self.for_each_export_unit(filter, f);
        }
        let path = self.path.clone();
        let read = move |emit: &mut dyn FnMut(Unit) -> bool| {
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
