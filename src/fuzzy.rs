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
use crate::lang::is_han;
use crate::normalize::key;
use crate::store::annotations::words;
use crate::store::{key_hash, Store};
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
const CANDIDATES: i64 = 128;

/// Words too common to find candidates with: nearly every sentence has
/// them, so they only slow the index down.
const STOPWORDS: &[&str] = &[
    "the", "and", "for", "that", "with", "this", "are", "was", "were", "will", "has", "have",
    "had", "its", "our", "their", "from", "which", "not", "but", "all", "been", "also", "more",
    "than", "such", "into", "they", "them", "there", "these", "those", "who", "what", "would",
    "should", "can", "may", "must",
];

/// How many of the query's rarest words (or character pairs) look for
/// candidates.
const RAREST: usize = 4;

/// How many numbers of the query join the rarest terms.
const NUMBERS: usize = 2;

/// The FTS5 query that finds candidates. Its terms are the query's words
/// (English, without stop words) or character pairs (Chinese); the
/// [`RAREST`] of them by document count are kept, and a candidate must hold
/// two of them: `("a" AND "b") OR ("a" AND "c") OR …`. A sentence that
/// differs from the query by an edit or two still holds two of its rare
/// terms, while the index never ranks the many sentences that share only
/// one common word with the query.
fn candidate_query(store: &Store, text: &str, lang: Lang) -> Result<Option<String>> {
    // Each term: the FTS5 phrase, and the tokens whose document counts
    // bound how common it is.
    let mut terms: Vec<(String, Vec<String>)> = match lang {
        Lang::En => words(text)
            .into_iter()
            .filter(|w| {
                // Numbers count whatever their length: they tell apart
                // sentences that are otherwise the same.
                (w.chars().count() > 2 || w.chars().all(|c| c.is_ascii_digit()))
                    && !STOPWORDS.contains(&w.as_str())
            })
            .map(|w| (w.clone(), vec![w]))
            .collect(),
        Lang::Zh => {
            let han: Vec<char> = text.chars().filter(|c| is_han(*c)).collect();
            if han.len() == 1 {
                vec![(han[0].to_string(), vec![han[0].to_string()])]
            } else {
                han.windows(2)
                    .map(|w| {
                        (
                            format!("{} {}", w[0], w[1]),
                            vec![w[0].to_string(), w[1].to_string()],
                        )
                    })
                    .collect()
            }
        }
    };
    terms.sort();
    terms.dedup();
    if terms.is_empty() {
        return Ok(None);
    }
    let mut words: Vec<&str> = terms
        .iter()
        .flat_map(|(_, t)| t.iter().map(String::as_str))
        .collect();
    words.sort_unstable();
    words.dedup();
    let json = serde_json::to_string(&words).unwrap_or_default();
    let counts: std::collections::HashMap<String, i64> = store
        .query_rows(
            "SELECT term, sentences FROM word WHERE term IN (SELECT value FROM json_each(?1))",
            [json],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
        .into_iter()
        .collect();
    // A term is as common as its least common token allows; terms with a
    // token the memory lacks cannot find anything.
    let mut ranked: Vec<(i64, &str)> = terms
        .iter()
        .filter_map(|(phrase, tokens)| {
            let n = tokens
                .iter()
                .map(|t| counts.get(t).copied().unwrap_or(0))
                .min()?;
            (n > 0).then_some((n, phrase.as_str()))
        })
        .collect();
    ranked.sort_unstable();
    // The rarest terms, and numbers besides: they tell apart sentences that
    // are otherwise the same (years, figures, article numbers).
    let is_number = |t: &str| t.chars().all(|c| c.is_ascii_digit());
    let numbers: Vec<(i64, &str)> = ranked[RAREST.min(ranked.len())..]
        .iter()
        .filter(|(_, t)| is_number(t))
        .take(NUMBERS)
        .copied()
        .collect();
    ranked.truncate(RAREST);
    ranked.extend(numbers);
    let quoted: Vec<String> = ranked
        .iter()
        .map(|(_, t)| format!("\"{}\"", t.replace('"', "\"\"")))
        .collect();
    Ok(match quoted.len() {
        0 => None,
        1 | 2 => Some(quoted.join(" OR ")),
        _ => {
            // Pairs with one of the two rarest terms: a sentence one edit
            // away from the query still has one of them and another term.
            let (a, b) = (&quoted[0], &quoted[1]);
            let rest = quoted[2..].join(" OR ");
            Some(format!("({a} AND ({b} OR {rest})) OR ({b} AND ({rest}))"))
        }
    })
}

/// The best matches for `text`, best first, at least `min` percent.
pub fn find_matches(
    store: &Store,
    text: &str,
    lang: Lang,
    limit: usize,
    min: u32,
) -> Result<Vec<FuzzyMatch>> {
    let query_key = key(text);
    let query_tokens = tokens(text, lang);
    let mut candidates: Vec<(i64, String)> = store.query_rows(
        "SELECT id, text FROM segment WHERE key_hash = ?1 AND lang = ?2",
        rusqlite::params![key_hash(lang, text), lang.code()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    candidates.retain(|(_, t)| key(t) == query_key);
    if let Some(q) = candidate_query(store, text, lang)? {
        candidates.extend(store.query_rows(
            "SELECT s.id, s.text FROM segment_fts f JOIN segment s ON s.id = f.rowid
             WHERE segment_fts MATCH ?1 AND s.lang = ?2 ORDER BY f.rank LIMIT ?3",
            rusqlite::params![q, lang.code(), CANDIDATES],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?);
    }
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
        assert_eq!(band(97), "95-99");
        assert_eq!(band(74), "<75");
    }
}
