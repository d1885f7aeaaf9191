//! Typed queries over the glossary: its concepts with their terms and
//! sources, as stored. (Glossary writes are the writer's.)

use std::collections::HashMap;

use rusqlite::Connection;
use serde::Serialize;

use super::Store;
use crate::glossary::{Concept, Source, Status, Term};
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

pub(super) fn load_concepts(conn: &Connection) -> Result<Vec<StoredConcept>> {
    let mut sources: HashMap<i64, Vec<Source>> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT cs.concept, s.name, s.title, s.publisher, s.url, s.date
             FROM concept_source cs JOIN source s ON s.id = cs.source
             ORDER BY cs.concept, cs.position",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                Source {
                    id: r.get(1)?,
                    title: r.get(2)?,
                    publisher: r.get(3)?,
                    url: r.get(4)?,
                    date: r.get(5)?,
                },
            ))
        })?;
        for row in rows {
            let (concept, source) = row?;
            sources.entry(concept).or_default().push(source);
        }
    }
    let mut terms: HashMap<i64, (Vec<String>, Vec<Term>)> = HashMap::new();
    {
        let mut stmt = conn
            .prepare("SELECT concept, lang, text, status FROM term ORDER BY concept, position")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        for row in rows {
            let (concept, lang, text, status) = row?;
            let slot = terms.entry(concept).or_default();
            if super::lang_column(&lang) == Lang::Zh {
                slot.0.push(text);
            } else {
                slot.1.push(Term {
                    text,
                    status: Status::parse(&status).unwrap_or(Status::Admitted),
                });
            }
        }
    }
    let mut stmt = conn
        .prepare("SELECT id, name, category, note, origin FROM concept ORDER BY category, name")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, name, category, note, origin) = row?;
        let (zh, en) = terms.remove(&id).unwrap_or_default();
        out.push(StoredConcept {
            concept: Concept {
                id: name,
                category,
                zh,
                en,
                note,
                sources: sources.remove(&id).unwrap_or_default(),
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
