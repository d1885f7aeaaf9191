//! Fuzzy matching: the units of the memory closest to a new sentence.
//!
//! The score is an edit distance, as CAT tools compute it: over normalised
//! words for English (case, quotes, dashes and spacing folded; punctuation
//! marks count as words), over characters for Chinese. The similarity is
//! 100 × (1 − distance ÷ the longer length), rounded down; 100 is kept for
//! identical text, so a sentence that differs only in case or punctuation
//! spacing scores 99. Exact matches are found by a hash of the normalised key;
//! fuzzy candidates come from the full-text index (the query's words, or
//! its character pairs for Chinese), so a lookup never reads the whole
//! memory.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::glossary::matcher::{Matcher, Stream};
use crate::glossary::Concept;

use crate::edit_distance;
use crate::normalize::key;
use crate::store::Store;
use crate::{Lang, Result};

/// The units of comparison of a sentence: words and punctuation marks of the
/// normalised text (English), or its characters without spaces (Chinese).
pub fn tokens(text: &str, lang: Lang) -> Vec<String> {
    let k = key(text);
    match lang {
        Lang::Zh => k
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(String::from)
            .collect(),
        Lang::En => {
            let mut out = Vec::new();
            let mut word = String::new();
            for c in k.chars() {
                if c.is_alphanumeric() || c == '\'' {
                    word.push(c);
                } else {
                    if !word.is_empty() {
                        out.push(std::mem::take(&mut word));
                    }
                    if !c.is_whitespace() {
                        out.push(c.to_string());
                    }
                }
            }
            if !word.is_empty() {
                out.push(word);
            }
            out
        }
    }
}

/// Similarity in percent: 100 only for identical text.
pub fn score(query: &str, candidate: &str, lang: Lang) -> u32 {
    score_against(query, &tokens(query, lang), candidate, lang)
}

/// [`score`] with the query's tokens made once for many candidates.
fn score_against(query: &str, query_tokens: &[String], candidate: &str, lang: Lang) -> u32 {
    if query == candidate {
        return 100;
    }
    let b = tokens(candidate, lang);
    let longest = query_tokens.len().max(b.len()).max(1);
    let d = edit_distance::distance(query_tokens, &b);
    let s = (100 * (longest - d.min(longest))) / longest;
    (s as u32).min(99)
}

/// A piece of a match compared with its query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A token both have.
    Same(String),
    /// A token only the match has.
    Deleted(String),
    /// A token only the query has.
    Inserted(String),
}

/// What differs between a match and its query, token by token (the
/// longest common subsequence of their tokens), in the match's order. The
/// tokens are joined by a space for English and by nothing for Chinese.
pub fn diff(query: &str, found: &str, lang: Lang) -> Vec<Change> {
    let a = tokens(found, lang);
    let b = tokens(query, lang);
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push(Change::Same(a[i].clone()));
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push(Change::Inserted(b[j].clone()));
            j += 1;
        } else {
            out.push(Change::Deleted(a[i].clone()));
            i += 1;
        }
    }
    out
}

/// The band a CAT tool would put a score in.
pub fn band(score: u32) -> &'static str {
    match score {
        100 => "100",
        95..=99 => "95-99",
        85..=94 => "85-94",
        75..=84 => "75-84",
        _ => "<75",
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct FuzzyMatch {
    pub score: u32,
    pub band: &'static str,
    pub segment: i64,
    pub lang: Lang,
    pub text: String,
    /// The other language's side, where the memory has one.
    pub translation: Option<String>,
    pub path: String,
    pub paragraph: u64,
    pub sentence: u64,
    /// The glossary concepts (ids) the match shares with the query; filled
    /// by [`mark_shared_concepts`].
    pub concepts: Vec<String>,
}

/// The glossary concepts (ids) whose terms `text` uses, near misses left
/// out.
pub fn concepts_in(matcher: &Matcher, text: &str) -> BTreeSet<String> {
    let mut stream = Stream::default();
    let mut found = Vec::new();
    matcher.find_into(text, &mut stream, &mut found);
    found
        .iter()
        .map(|m| matcher.concepts()[m.concept].id.clone())
        .collect()
}

/// Fills each match's `concepts` with the glossary concepts that both it
/// (as stored, with its term occurrences) and the query use. Only the
/// concepts the matches use are looked for in the query, with a matcher of
/// those alone, so this costs little however large `glossary` is (the
/// stored glossary, loaded once by the caller).
pub fn mark_shared_concepts(
    store: &Store,
    glossary: &[Concept],
    query: &str,
    found: &mut [FuzzyMatch],
) -> Result<()> {
    let mut used: Vec<Vec<String>> = Vec::with_capacity(found.len());
    for m in found.iter() {
        used.push(store.concepts_of_segment(m.segment)?);
    }
    let names: BTreeSet<&String> = used.iter().flatten().collect();
    if names.is_empty() {
        return Ok(());
    }
    let concepts: Vec<Concept> = glossary
        .iter()
        .filter(|c| names.contains(&c.id))
        .cloned()
        .collect();
    let wanted = concepts_in(&Matcher::new(concepts)?, query);
    for (m, used) in found.iter_mut().zip(used) {
        m.concepts = used.into_iter().filter(|c| wanted.contains(c)).collect();
    }
    Ok(())
}

/// How many candidates the full-text index hands to scoring.
const CANDIDATES: usize = 128;

/// The best matches for `text`, best first, at least `min` percent.
pub fn find_matches(
    store: &Store,
    text: &str,
    lang: Lang,
    limit: usize,
    min: u32,
) -> Result<Vec<FuzzyMatch>> {
    let query_tokens = tokens(text, lang);
    let mut candidates = store.sentences_with_key(lang, text)?;
    candidates.extend(store.fuzzy_candidates(lang, text, CANDIDATES)?);
    candidates.sort();
    candidates.dedup();
    let mut scored: Vec<(u32, i64, String)> = candidates
        .into_iter()
        .map(|(id, t)| (score_against(text, &query_tokens, &t, lang), id, t))
        .filter(|(s, _, _)| *s >= min)
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.truncate(limit);
    let mut out = Vec::new();
    for (s, id, t) in scored {
        let translation = store.translation_of(id, lang)?;
        let (path, paragraph, sentence, _) = store.first_place(id)?.unwrap_or_default();
        out.push(FuzzyMatch {
            score: s,
            band: band(s),
            segment: id,
            lang,
            text: t,
            translation,
            path,
            paragraph,
            sentence,
            concepts: Vec::new(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{DocumentFormat, NewDocument};

    /// A memory of sentences that differ only in a number, as numbered
    /// articles or yearly reports do.
    fn variants() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let mut w = store.writer().unwrap();
        let d = w
            .replace_document(&NewDocument {
                path: "variants.txt",
                title: "t",
                lang: Some(Lang::En),
                format: DocumentFormat::Text,
                encoding: "UTF-8",
                hash: "h",
                size: 1,
            })
            .unwrap();
        for n in 0..300u64 {
            let text = format!(
                "Article {n}: the plenary session stressed full and rigorous Party self-governance."
            );
            let s = w.segment(Lang::En, &text).unwrap();
            let u = w.unit(Some(s), None).unwrap();
            w.occurrence(d, n + 1, u, n + 1, 1).unwrap();
        }
        w.commit().unwrap();
        store
    }

    #[test]
    fn the_number_decides_between_sentences_that_are_otherwise_the_same() {
        let store = variants();
        for n in [7, 42, 123, 299] {
            let query = format!(
                "Article {n}: the session stressed full and rigorous Party self-governance."
            );
            let found = find_matches(&store, &query, Lang::En, 5, 0).unwrap();
            assert_eq!(
                found[0].text,
                format!(
                    "Article {n}: the plenary session stressed full and rigorous Party self-governance."
                ),
                "{query}"
            );
            assert!(
                found[0].score < 100 && found[0].score >= 85,
                "{}",
                found[0].score
            );
            assert!(found[1].score < found[0].score);
        }
    }

    #[test]
    fn an_identical_sentence_is_found_by_its_hash_and_scores_100() {
        let store = variants();
        let text =
            "Article 5: the plenary session stressed full and rigorous Party self-governance.";
        let found = find_matches(&store, text, Lang::En, 1, 0).unwrap();
        assert_eq!((found[0].score, found[0].text.as_str()), (100, text));
        let spaced =
            "article 5 :  the plenary session stressed full and rigorous party self-governance.";
        let found = find_matches(&store, spaced, Lang::En, 1, 0).unwrap();
        assert_eq!((found[0].score, found[0].text.as_str()), (99, text));
    }

    #[test]
    fn scores() {
        let en = Lang::En;
        assert_eq!(
            score(
                "The session was held in Chongqing.",
                "The session was held in Chongqing.",
                en
            ),
            100
        );
        assert_eq!(
            score(
                "The session was held in Chongqing.",
                "the session was held in Chongqing.",
                en
            ),
            99
        );
        // One word of eight tokens changed.
        assert_eq!(
            score(
                "The session was held in Chongqing.",
                "The session was held in Beijing.",
                en
            ),
            85
        );
        // Reordered words cost two edits each.
        assert!(
            score(
                "Peace and development remain the trend.",
                "Development and peace remain the trend.",
                en
            ) < 80
        );
        assert_eq!(
            score("坚决做到两个维护。", "坚决做到两个确立。", Lang::Zh),
            77
        );
        assert_eq!(band(100), "100");
        assert_eq!(
            diff("The session was held.", "The meeting was held.", en),
            [
                Change::Same("the".into()),
                Change::Inserted("session".into()),
                Change::Deleted("meeting".into()),
                Change::Same("was".into()),
                Change::Same("held".into()),
                Change::Same(".".into()),
            ]
        );
        assert_eq!(band(97), "95-99");
        assert_eq!(band(74), "<75");
    }
}
