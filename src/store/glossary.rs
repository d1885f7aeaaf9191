//! Typed queries over the glossary: its concepts with their terms and
//! sources, as stored. (Glossary writes are the writer's.)

use std::collections::HashMap;

use rusqlite::Connection;
use serde::Serialize;

use super::Store;
use crate::date::PartialDate;
use crate::glossary::{Concept, Kind, Source, Status, Term};
use crate::{Lang, Result};

/// What a glossary import did.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct GlossaryChanges {
    pub added: Vec<String>,
    pub updated: Vec<String>,
    pub unchanged: usize,
    pub removed: Vec<String>,
    /// Sentences whose term occurrences were brought up to date.
    pub reannotated: usize,
}

/// A concept as stored, with where it came from.
#[derive(Debug, Clone)]
pub struct StoredConcept {
    pub concept: Concept,
    pub origin: String,
}

fn source_row(r: &rusqlite::Row<'_>, from: usize) -> rusqlite::Result<Source> {
    Ok(Source {
        id: r.get(from)?,
        title: r.get(from + 1)?,
        publisher: r.get(from + 2)?,
        url: r.get(from + 3)?,
        date: r.get(from + 4)?,
    })
}

/// Sources by owner (a concept or a term), in order, from a query whose
/// first column is the owner and the rest a source.
fn sources_by(conn: &Connection, sql: &str) -> Result<HashMap<i64, Vec<Source>>> {
    let mut out: HashMap<i64, Vec<Source>> = HashMap::new();
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, source_row(r, 1)?)))?;
    for row in rows {
        let (owner, source) = row?;
        out.entry(owner).or_default().push(source);
    }
    Ok(out)
}

/// A stored date column: dates were checked when they were stored.
fn date_column(value: Option<String>) -> Option<PartialDate> {
    value.and_then(|v| v.parse().ok())
}

pub(super) fn load_concepts(conn: &Connection) -> Result<Vec<StoredConcept>> {
    let mut sources = sources_by(
        conn,
        "SELECT cs.concept, s.name, s.title, s.publisher, s.url, s.date
         FROM concept_source cs JOIN source s ON s.id = cs.source
         ORDER BY cs.concept, cs.position",
    )?;
    let mut term_sources = sources_by(
        conn,
        "SELECT ts.term, s.name, s.title, s.publisher, s.url, s.date
         FROM term_source ts JOIN source s ON s.id = ts.source
         ORDER BY ts.term, ts.position",
    )?;
    let mut terms: HashMap<i64, (Vec<String>, Vec<Term>)> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT concept, lang, text, status, id, kind, valid_from, valid_until, evidence, note
             FROM term ORDER BY concept, position",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let concept: i64 = r.get(0)?;
            let lang: String = r.get(1)?;
            let text: String = r.get(2)?;
            let slot = terms.entry(concept).or_default();
            if super::lang_column(&lang) == Lang::Zh {
                slot.0.push(text);
                continue;
            }
            let status: String = r.get(3)?;
            let kind: Option<String> = r.get(5)?;
            slot.1.push(Term {
                text,
                status: Status::parse(&status).unwrap_or(Status::Admitted),
                kind: kind.as_deref().and_then(Kind::parse),
                valid_from: date_column(r.get(6)?),
                valid_until: date_column(r.get(7)?),
                sources: term_sources
                    .remove(&r.get::<_, i64>(4)?)
                    .unwrap_or_default(),
                evidence: r.get(8)?,
                note: r.get(9)?,
            });
        }
    }
    let mut stmt = conn
        .prepare("SELECT id, name, category, note, origin, case_sensitive FROM concept ORDER BY category, name")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, bool>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, name, category, note, origin, case_sensitive) = row?;
        let (zh, en) = terms.remove(&id).unwrap_or_default();
        out.push(StoredConcept {
            concept: Concept {
                id: name,
                category,
                zh,
                en,
                note,
                sources: sources.remove(&id).unwrap_or_default(),
                case_sensitive,
            },
            origin,
        });
    }
    Ok(out)
}

impl Store {
    /// Every concept of the glossary, by category and id.
    pub fn concepts(&self) -> Result<Vec<StoredConcept>> {
        load_concepts(&self.conn)
    }
}
