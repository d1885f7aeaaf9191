//! Concordance search over the memory: English whole-word phrases and
//! Chinese substrings through the full-text index, and every sentence that
//! uses a glossary concept in any of its renderings through the stored term
//! occurrences. Hits come with their spans, for keyword-in-context display.

use serde::Serialize;

use crate::glossary::lookup::resolve_concept;
use crate::glossary::{Concept, Status};
use crate::lang::is_han;
use crate::normalize::simplified;
use crate::store::{SentenceFilter, Store};
use crate::{Error, Lang, Result};

/// What to search for; at least one of `text` and `term`.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    /// A phrase (English: whole words; Chinese: any substring).
    pub text: Option<String>,
    /// A concept id or any of its terms: every sentence using the concept.
    pub term: Option<String>,
    /// Only sentences of this document (id).
    pub document: Option<i64>,
    pub lang: Option<Lang>,
    /// With `term`: only occurrences of renderings of this status;
    /// `misspelled` is `Some(None)`.
    pub status: Option<Option<Status>>,
    pub limit: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub segment: i64,
    pub lang: Lang,
    pub text: String,
    /// Byte spans of what matched.
    pub spans: Vec<(usize, usize)>,
    /// The first place the sentence occurs, and how many more there are.
    pub path: String,
    pub paragraph: u64,
    pub sentence: u64,
    pub more: u64,
}

/// Where the phrase occurs in a sentence: substrings for Chinese, runs of
/// whole words (any case, hyphens and spaces alike) for English.
pub fn locate(text: &str, query: &str) -> Vec<(usize, usize)> {
    if query.chars().any(is_han) {
        // Traditional and simplified characters alike: both sides folded,
        // one character for one, and the spans taken back to the text.
        let starts: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let folded: Vec<char> = text.chars().map(simplified).collect();
        let q: Vec<char> = query.chars().map(simplified).collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i + q.len() <= folded.len() {
            if folded[i..i + q.len()] == q[..] {
                out.push((starts[i], starts[i + q.len()]));
                i += q.len();
            } else {
                i += 1;
            }
        }
        return out;
    }
    let words = |s: &str| -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in s.char_indices() {
            if c.is_alphanumeric() {
                start.get_or_insert(i);
            } else if let Some(st) = start.take() {
                out.push((st, i));
            }
        }
        if let Some(st) = start {
            out.push((st, s.len()));
        }
        out
    };
    let q: Vec<String> = words(query)
        .iter()
        .map(|&(a, b)| query[a..b].to_lowercase())
        .collect();
    if q.is_empty() {
        return Vec::new();
    }
    let t = words(text);
    let lower: Vec<String> = t.iter().map(|&(a, b)| text[a..b].to_lowercase()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + q.len() <= t.len() {
        if lower[i..i + q.len()] == q[..] {
            out.push((t[i].0, t[i + q.len() - 1].1));
            i += q.len();
        } else {
            i += 1;
        }
    }
    out
}

pub fn search(store: &Store, query: &SearchQuery) -> Result<Vec<Hit>> {
    if query.text.is_none() && query.term.is_none() {
        return Err(Error::Invalid(
            "give a phrase to search for, or --term".into(),
        ));
    }
    let mut term_spans: std::collections::HashMap<i64, Vec<(usize, usize)>> = Default::default();
    let mut ids: Option<Vec<i64>> = None;
    if let Some(term) = &query.term {
        let concepts: Vec<Concept> = store.concepts()?.into_iter().map(|s| s.concept).collect();
        let concept = resolve_concept(&concepts, term)?;
        for (segment, start, end) in store.term_occurrences(&concept.id, query.status)? {
            term_spans.entry(segment).or_default().push((start, end));
        }
        if term_spans.is_empty() {
            return Ok(Vec::new());
        }
        ids = Some(term_spans.keys().copied().collect());
    }
    let rows = store.sentences(&SentenceFilter {
        phrase: query.text.as_deref(),
        ids: ids.as_deref(),
        lang: query.lang,
        document: query.document,
        limit: query.limit,
    })?;
    let mut hits = Vec::new();
    for (id, lang, text) in rows {
        let mut spans = match &query.text {
            Some(q) => locate(&text, q),
            None => Vec::new(),
        };
        if let Some(t) = term_spans.get(&id) {
            if query.text.is_none() {
                spans = t.clone();
            }
        }
        spans.sort();
        let (path, paragraph, sentence, more) = store.first_place(id)?.unwrap_or_default();
        hits.push(Hit {
            segment: id,
            lang,
            text,
            spans,
            path,
            paragraph,
            sentence,
            more,
        });
    }
    Ok(hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locating_matches() {
        assert_eq!(
            locate("Party-building and party building.", "party building"),
            [(0, 14), (19, 33)]
        );
        assert_eq!(locate("rebuilding", "building"), []);
        assert_eq!(locate("坚决做到两个维护", "维护"), [(18, 24)]);
        assert_eq!(locate("堅決做到兩個維護", "维护"), [(18, 24)]);
        assert_eq!(locate("坚决做到两个维护", "維護"), [(18, 24)]);
    }
}
