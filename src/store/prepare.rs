//! Sentences made ready for the writer without the database: their
//! hashes, the text the full-text index holds, their words for the word
//! counts, and their term occurrences (the [`Annotator`]: the glossary's
//! matcher with the database ids of its concepts and terms). Preparing is
//! done on another thread while the writer stores what is ready.

use std::collections::HashMap;
use std::sync::Arc;

use rusqlite::Connection;

use super::glossary::load_concepts;
use super::index::{fts_body, words};
use super::keys::{key_hash, text_hash};
use crate::glossary::matcher::{Matcher, NearMemo, Stream, TermMatch, TermRef};
use crate::glossary::Concept;
use crate::lang::is_han;
use crate::{Lang, Result};

/// The matcher for the stored glossary, with the database ids of its
/// concepts and terms. Shared (read-only) by the threads that prepare
/// sentences.
pub struct Annotator {
    pub(super) matcher: Matcher,
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

    /// The term occurrences of `text`, as rows to store.
    pub(super) fn occurrences(&self, text: &str, scratch: &mut Scratch, out: &mut Vec<TermRow>) {
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
pub(super) struct Scratch {
    stream: Stream,
    found: Vec<TermMatch>,
    memo: NearMemo,
}

/// A term occurrence to store.
#[derive(Debug, Clone, Copy)]
pub(super) struct TermRow {
    pub(super) start: i64,
    pub(super) end: i64,
    pub(super) concept: i64,
    pub(super) term: i64,
    pub(super) near: bool,
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

/// Prepares sentences for a [`super::Writer`]; made by
/// [`super::Writer::preparer`], and `Send`, so it can run on another thread.
#[derive(Default)]
pub struct Preparer {
    pub(super) annotator: Option<Arc<Annotator>>,
    pub(super) scratch: Scratch,
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
