//! The writer's glossary writes: concepts with their terms and sources,
//! imported in one transaction, and the re-annotation they set off.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, OptionalExtension};

use super::Writer;
use crate::glossary::{Concept, Kind, Source, Status, Term};
use crate::normalize::term_key;
use crate::store::glossary::{load_concepts, GlossaryChanges, StoredConcept};
use crate::Result;

impl Writer<'_> {
    pub fn concepts(&self) -> Result<Vec<StoredConcept>> {
        load_concepts(&self.tx)
    }

    /// Stores concepts, each group as coming from its origin (a file, or
    /// "added"): new ones are added, changed ones replaced, identical ones
    /// left alone. For a group whose flag is set, the concepts of its origin
    /// that are not in the group are removed. Every removal happens before
    /// any insertion, so a term may move from one concept to another. The
    /// caller has validated the result as a whole.
    pub fn import_concepts(
        &mut self,
        groups: &[(String, Vec<Concept>, bool)],
    ) -> Result<GlossaryChanges> {
        let existing: HashMap<String, StoredConcept> = self
            .concepts()?
            .into_iter()
            .map(|c| (c.concept.id.clone(), c))
            .collect();
        let mut changes = GlossaryChanges::default();
        for (origin, concepts, _) in groups.iter().filter(|g| g.2) {
            let incoming: HashSet<&str> = concepts.iter().map(|c| c.id.as_str()).collect();
            for (name, stored) in &existing {
                if stored.origin == *origin && !incoming.contains(name.as_str()) {
                    self.delete_concept(name)?;
                    changes.removed.push(name.clone());
                }
            }
        }
        let mut to_write = Vec::new();
        for (origin, concepts, _) in groups {
            for concept in concepts {
                match existing.get(&concept.id) {
                    Some(stored) if stored.concept == *concept && stored.origin == *origin => {
                        changes.unchanged += 1
                    }
                    Some(_) => {
                        self.delete_concept(&concept.id)?;
                        changes.updated.push(concept.id.clone());
                        to_write.push((origin, concept));
                    }
                    None => {
                        changes.added.push(concept.id.clone());
                        to_write.push((origin, concept));
                    }
                }
            }
        }
        for (origin, concept) in to_write {
            self.insert_concept(concept, origin)?;
        }
        changes.removed.sort();
        self.tx.execute(
            "DELETE FROM source WHERE id NOT IN (SELECT source FROM concept_source)
             AND id NOT IN (SELECT source FROM term_source)",
            [],
        )?;
        let changed: Vec<String> = changes
            .added
            .iter()
            .chain(&changes.updated)
            .cloned()
            .collect();
        let touched = std::mem::take(&mut self.touched);
        changes.reannotated = self.reannotate(touched, &changed)?;
        Ok(changes)
    }

    /// Removes a concept with its terms.
    pub fn remove_concept(&mut self, name: &str) -> Result<()> {
        self.delete_concept(name)?;
        self.tx.execute(
            "DELETE FROM source WHERE id NOT IN (SELECT source FROM concept_source)
             AND id NOT IN (SELECT source FROM term_source)",
            [],
        )?;
        Ok(())
    }

    fn delete_concept(&mut self, name: &str) -> Result<()> {
        let touched = self.segments_with_concepts(&[name.to_string()])?;
        self.touched.extend(touched);
        self.tx
            .prepare_cached("DELETE FROM concept WHERE name = ?1")?
            .execute([name])?;
        Ok(())
    }

    fn insert_concept(&mut self, c: &Concept, origin: &str) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO concept (name, category, note, origin, updated_at, case_sensitive) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![c.id, c.category, c.note, origin, self.now, c.case_sensitive])?;
        let concept = self.tx.last_insert_rowid();
        let mut position = 0i64;
        for (i, zh) in c.zh.iter().enumerate() {
            position += 1;
            let status = if i == 0 {
                Status::Preferred
            } else {
                Status::Admitted
            };
            self.insert_term(concept, "zh", &Term::new(zh.as_str(), status), position)?;
        }
        for term in &c.en {
            position += 1;
            self.insert_term(concept, "en", term, position)?;
        }
        for (i, source) in c.sources.iter().enumerate() {
            let id = self.source_id(source)?;
            self.tx
                .prepare_cached("INSERT OR IGNORE INTO concept_source (concept, source, position) VALUES (?1, ?2, ?3)")?
                .execute(params![concept, id, i as i64])?;
        }
        Ok(())
    }

    fn insert_term(&mut self, concept: i64, lang: &str, t: &Term, position: i64) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO term (concept, lang, text, status, position, key, kind, valid_from, valid_until, evidence, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                concept,
                lang,
                t.text,
                t.status.code(),
                position,
                term_key(&t.text),
                t.kind.map(Kind::code),
                t.valid_from.map(|d| d.to_string()),
                t.valid_until.map(|d| d.to_string()),
                t.evidence,
                t.note
            ])?;
        let term = self.tx.last_insert_rowid();
        for (i, source) in t.sources.iter().enumerate() {
            let id = self.source_id(source)?;
            self.tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO term_source (term, source, position) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![term, id, i as i64])?;
        }
        Ok(())
    }

    /// The row of a source, stored or updated to match `s`.
    fn source_id(&mut self, s: &Source) -> Result<i64> {
        let found: Option<(i64, String, String, String, String)> = self
            .tx
            .prepare_cached("SELECT id, title, publisher, url, date FROM source WHERE name = ?1")?
            .query_row([&s.id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .optional()?;
        match found {
            Some((id, title, publisher, url, date)) => {
                if (
                    title.as_str(),
                    publisher.as_str(),
                    url.as_str(),
                    date.as_str(),
                ) != (
                    s.title.as_str(),
                    s.publisher.as_str(),
                    s.url.as_str(),
                    s.date.as_str(),
                ) {
                    self.tx
                        .prepare_cached("UPDATE source SET title = ?2, publisher = ?3, url = ?4, date = ?5 WHERE id = ?1")?
                        .execute(params![id, s.title, s.publisher, s.url, s.date])?;
                }
                Ok(id)
            }
            None => {
                self.tx
                    .prepare_cached("INSERT INTO source (name, title, publisher, url, date) VALUES (?1, ?2, ?3, ?4, ?5)")?
                    .execute(params![s.id, s.title, s.publisher, s.url, s.date])?;
                Ok(self.tx.last_insert_rowid())
            }
        }
    }
}
