//! The consistency report of the renderings in the memory: for each
//! glossary concept the memory uses, which renderings occur, how often and
//! in which documents, and whether the concept is rendered inconsistently.

use std::collections::BTreeMap;

use crate::glossary::{Concept, Status};
use crate::store::{Store, TermUsage};
use crate::{Lang, Result};

/// How one rendering of a concept is used across the memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendering {
    pub term: String,
    pub lang: Lang,
    /// A near miss (misspelling) of the term rather than the term.
    pub near: bool,
    pub status: Status,
    pub total: u64,
    /// Documents (paths) and how often the rendering occurs in each.
    pub places: Vec<(String, u64)>,
}

/// How one concept is rendered in the memory.
#[derive(Debug, Clone)]
pub struct ConceptUsage {
    pub concept: String,
    /// Its main Chinese term and preferred rendering.
    pub zh: String,
    pub preferred: String,
    pub inconsistent: bool,
    /// One row per term and document, as the store counts them.
    pub uses: Vec<TermUsage>,
    /// The same, one entry per rendering.
    pub renderings: Vec<Rendering>,
}

/// A concept is rendered inconsistently when its English side uses more
/// than one rendering, or a deprecated or misspelled one.
pub fn inconsistent(uses: &[TermUsage]) -> bool {
    let mut english: Vec<&str> = uses
        .iter()
        .filter(|u| u.lang == Lang::En)
        .map(|u| u.term.as_str())
        .collect();
    english.sort();
    english.dedup();
    english.len() > 1
        || uses
            .iter()
            .any(|u| u.near || u.status == Status::Deprecated)
}

/// The concepts the memory uses, most used first (then by id); with
/// `inconsistent_only`, only those rendered inconsistently.
pub fn usage(store: &Store, inconsistent_only: bool) -> Result<Vec<ConceptUsage>> {
    let concepts: BTreeMap<String, Concept> = store
        .concepts()?
        .into_iter()
        .map(|s| (s.concept.id.clone(), s.concept))
        .collect();
    let mut by_concept: BTreeMap<String, Vec<TermUsage>> = BTreeMap::new();
    for u in store.term_usage()? {
        by_concept.entry(u.concept.clone()).or_default().push(u);
    }
    let mut out: Vec<ConceptUsage> = by_concept
        .into_iter()
        .map(|(id, uses)| {
            let c = concepts.get(&id);
            let mut grouped: BTreeMap<(Lang, bool, String), Vec<&TermUsage>> = BTreeMap::new();
            for u in &uses {
                grouped
                    .entry((u.lang, u.near, u.term.clone()))
                    .or_default()
                    .push(u);
            }
            let renderings = grouped
                .into_iter()
                .map(|((lang, near, term), places)| Rendering {
                    total: places.iter().map(|p| p.count).sum(),
                    status: places[0].status,
                    places: places.iter().map(|p| (p.path.clone(), p.count)).collect(),
                    term,
                    lang,
                    near,
                })
                .collect();
            ConceptUsage {
                zh: c.and_then(|c| c.zh.first()).cloned().unwrap_or_default(),
                preferred: c.map_or_else(String::new, |c| c.preferred().to_string()),
                inconsistent: inconsistent(&uses),
                concept: id,
                uses,
                renderings,
            }
        })
        .filter(|u| !inconsistent_only || u.inconsistent)
        .collect();
    out.sort_by_key(|u| {
        (
            std::cmp::Reverse(u.uses.iter().map(|x| x.count).sum::<u64>()),
            u.concept.clone(),
        )
    });
    Ok(out)
}
