//! Looking up a term: Chinese or English, any variant, to its concept.
//!
//! Matching goes through [`term_key`]: case, full- and half-width forms,
//! curly and straight quotes, hyphens and spaces, a leading "the" and simple
//! inflection (plural, possessive) are ignored. When nothing matches exactly,
//! concepts whose terms contain the query are listed ("治党"), and failing
//! that, near misses are suggested ("Communist Paty", "Xi Jinping Though").

use serde::Serialize;

use super::{Concept, Status};
use crate::edit_distance;
use crate::lang::is_han;
use crate::normalize::term_key;
use crate::{Error, Result};

/// How a query met a concept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// The query is one of the concept's terms.
    Exact,
    /// One of the concept's terms contains the query.
    Partial,
    /// One of the concept's terms is close to the query (a misspelling).
    Suggestion,
}

#[derive(Debug, Clone, Serialize)]
pub struct Hit<'a> {
    pub concept: &'a Concept,
    /// The stored term that matched.
    pub term: String,
    /// `zh` or `en`.
    pub lang: &'static str,
    /// The status of the matched English term (`None` for Chinese).
    pub status: Option<Status>,
    pub kind: MatchKind,
    /// Edit distance for suggestions.
    pub distance: usize,
}

/// The concepts `query` names, best first: exact matches if any, else
/// partial matches, else suggestions. Empty when nothing is close.
pub fn lookup<'a>(concepts: &'a [Concept], query: &str, limit: usize) -> Vec<Hit<'a>> {
    let q = term_key(query);
    if q.is_empty() {
        return Vec::new();
    }
    let terms = || {
        concepts.iter().flat_map(|c| {
            c.zh.iter().map(move |t| (c, t.as_str(), "zh", None)).chain(
                c.en.iter()
                    .map(move |t| (c, t.text.as_str(), "en", Some(t.status))),
            )
        })
    };
    let hit = |c, term: &str, lang, status, kind, distance| Hit {
        concept: c,
        term: term.to_string(),
        lang,
        status,
        kind,
        distance,
    };

    let mut exact: Vec<Hit<'a>> = terms()
        .filter(|(_, t, _, _)| term_key(t) == q)
        .map(|(c, t, lang, status)| hit(c, t, lang, status, MatchKind::Exact, 0))
        .collect();
    if !exact.is_empty() {
        dedupe(&mut exact);
        exact.truncate(limit);
        return exact;
    }

    let chinese = q.chars().any(is_han);
    let mut partial: Vec<Hit<'a>> = terms()
        .filter(|(_, t, _, _)| contains(&term_key(t), &q, chinese))
        .map(|(c, t, lang, status)| hit(c, t, lang, status, MatchKind::Partial, 0))
        .collect();
    if !partial.is_empty() {
        partial.sort_by_key(|h| {
            (
                h.status.unwrap_or(Status::Preferred),
                h.term.chars().count(),
            )
        });
        dedupe(&mut partial);
        partial.truncate(limit);
        return partial;
    }

    let budget = match q.chars().count() {
        0..=4 => 1,
        5..=12 => 2,
        _ => 3,
    };
    let mut near: Vec<Hit<'a>> = terms()
        .filter_map(|(c, t, lang, status)| {
            let d = closeness(&term_key(t), &q);
            (d <= budget).then(|| hit(c, t, lang, status, MatchKind::Suggestion, d))
        })
        .collect();
    near.sort_by_key(|h| {
        (
            h.distance,
            h.status.unwrap_or(Status::Preferred),
            h.term.chars().count(),
        )
    });
    dedupe(&mut near);
    near.truncate(limit);
    near
}

/// The concept a `--term` argument names: a concept id, or a term of it.
pub fn resolve_concept<'a>(concepts: &'a [Concept], term: &str) -> Result<&'a Concept> {
    if let Some(c) = concepts.iter().find(|c| c.id == term) {
        return Ok(c);
    }
    let hits = lookup(concepts, term, 2);
    match hits.first() {
        Some(h) if h.kind == MatchKind::Exact => Ok(h.concept),
        _ => Err(Error::NotFound(format!(
            "no glossary concept is called {term:?} (`tifa lookup {term}` suggests some)"
        ))),
    }
}

/// Keeps the first hit of each concept.
fn dedupe(hits: &mut Vec<Hit<'_>>) {
    let mut seen = std::collections::HashSet::new();
    hits.retain(|h| seen.insert(h.concept.id.clone()));
}

/// Whether the term key contains the query: as a substring for Chinese, as a
/// run of whole words for English.
fn contains(term: &str, query: &str, chinese: bool) -> bool {
    if chinese {
        return term.contains(query);
    }
    let words: Vec<&str> = term.split(' ').collect();
    let q: Vec<&str> = query.split(' ').collect();
    q.len() < words.len() && words.windows(q.len()).any(|w| w == q.as_slice())
}

/// How far the query is from the term: the edit distance to the whole term,
/// or to the term's first words when the query has fewer words ("communist
/// paty" is one edit from "communist party" of "Communist Party of China").
fn closeness(term: &str, query: &str) -> usize {
    let whole = edit_distance::chars(term, query);
    let qwords = query.split(' ').count();
    let prefix: String = term.split(' ').take(qwords).collect::<Vec<_>>().join(" ");
    if prefix.len() < term.len() {
        whole.min(edit_distance::chars(&prefix, query))
    } else {
        whole
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::test_concept as concept;

    fn glossary() -> Vec<Concept> {
        vec![
            concept(
                "two-upholds",
                "两个维护",
                &[
                    ("the Two Upholds", Status::Preferred),
                    ("two maintenances", Status::Deprecated),
                ],
            ),
            concept(
                "full-rigorous-party-self-governance",
                "全面从严治党",
                &[
                    ("full and rigorous Party self-governance", Status::Preferred),
                    (
                        "comprehensive and strict party governance",
                        Status::Deprecated,
                    ),
                ],
            ),
            concept(
                "cpc",
                "中国共产党",
                &[
                    ("Communist Party of China", Status::Preferred),
                    ("CPC", Status::Admitted),
                ],
            ),
            concept(
                "xi-thought",
                "习近平新时代中国特色社会主义思想",
                &[(
                    "Xi Jinping Thought on Socialism with Chinese Characteristics for a New Era",
                    Status::Preferred,
                )],
            ),
        ]
    }

    #[test]
    fn lookups() {
        let g = glossary();
        let cases: &[(&str, &str, MatchKind, Option<Status>)] = &[
            (
                "two maintenances",
                "two-upholds",
                MatchKind::Exact,
                Some(Status::Deprecated),
            ),
            (
                "Two Maintenance",
                "two-upholds",
                MatchKind::Exact,
                Some(Status::Deprecated),
            ),
            (
                "The two upholds",
                "two-upholds",
                MatchKind::Exact,
                Some(Status::Preferred),
            ),
            ("两个维护", "two-upholds", MatchKind::Exact, None),
            (
                "治党",
                "full-rigorous-party-self-governance",
                MatchKind::Partial,
                None,
            ),
            (
                "Party self-governance",
                "full-rigorous-party-self-governance",
                MatchKind::Partial,
                Some(Status::Preferred),
            ),
            (
                "Communist Paty",
                "cpc",
                MatchKind::Suggestion,
                Some(Status::Preferred),
            ),
            (
                "Xi Jinping Though",
                "xi-thought",
                MatchKind::Suggestion,
                Some(Status::Preferred),
            ),
            ("ＣＰＣ", "cpc", MatchKind::Exact, Some(Status::Admitted)),
        ];
        for (query, id, kind, status) in cases {
            let hits = lookup(&g, query, 5);
            assert!(!hits.is_empty(), "{query}: nothing");
            assert_eq!(hits[0].concept.id, *id, "{query}");
            assert_eq!(hits[0].kind, *kind, "{query}");
            assert_eq!(hits[0].status, *status, "{query}");
        }
        assert!(lookup(&g, "photosynthesis", 5).is_empty());
        assert!(lookup(&g, "the", 5).is_empty());
    }
}
