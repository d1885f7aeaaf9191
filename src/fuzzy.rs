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

use serde::Serialize;

use crate::lang::is_han;
use crate::normalize::key;
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

/// Edit distance over tokens.
pub fn distance(a: &[String], b: &[String]) -> usize {
    if a.is_empty() || b.is_empty() {
        return a.len().max(b.len());
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let cost = usize::from(x != y);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Similarity in percent: 100 only for identical text.
pub fn score(query: &str, candidate: &str, lang: Lang) -> u32 {
    if query == candidate {
        return 100;
    }
    let (a, b) = (tokens(query, lang), tokens(candidate, lang));
    let longest = a.len().max(b.len()).max(1);
    let d = distance(&a, &b);
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

/// How many of the query's rarest words look for candidates.
const RAREST: usize = 8;

/// The FTS5 query that finds candidates: the query's rarest words
/// (English; common words would make the index score most of the memory),
/// or its character pairs (Chinese).
fn candidate_query(store: &Store, text: &str, lang: Lang) -> Result<Option<String>> {
    let mut terms: Vec<String> = match lang {
        Lang::En => tokens(text, lang)
            .into_iter()
            .filter(|w| {
                w.chars().all(char::is_alphanumeric)
                    && w.chars().count() > 2
                    && !STOPWORDS.contains(&w.as_str())
            })
            .collect(),
        Lang::Zh => {
            let han: Vec<char> = text.chars().filter(|c| is_han(*c)).collect();
            if han.len() == 1 {
                vec![han[0].to_string()]
            } else {
                han.windows(2)
                    .map(|w| format!("{} {}", w[0], w[1]))
                    .collect()
            }
        }
    };
    terms.sort();
    terms.dedup();
    if terms.is_empty() {
        return Ok(None);
    }
    if lang == Lang::En && terms.len() > RAREST {
        let json = serde_json::to_string(&terms).unwrap_or_default();
        let counts: Vec<(String, i64)> = store.query_rows(
            "SELECT q.value, ifnull(v.doc, 0) FROM json_each(?1) q LEFT JOIN segment_vocab v ON v.term = q.value",
            [json],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut ranked: Vec<(i64, String)> = counts
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|(t, n)| (n, t))
            .collect();
        ranked.sort();
        if !ranked.is_empty() {
            terms = ranked.into_iter().take(RAREST).map(|(_, t)| t).collect();
        }
    }
    Ok(Some(
        terms
            .iter()
            .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(" OR "),
    ))
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
    let mut candidates: Vec<(i64, String)> = store.query_rows(
        "SELECT id, text FROM segment WHERE key_hash = ?1 AND lang = ?2",
        rusqlite::params![key_hash(lang, text), lang.code()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    candidates.retain(|(_, t)| key(t) == query_key);
    if let Some(q) = candidate_query(store, text, lang)? {
        let more: Vec<(i64, String)> = store.query_rows(
            "SELECT s.id, s.text FROM segment_fts f JOIN segment s ON s.id = f.rowid
             WHERE segment_fts MATCH ?1 AND s.lang = ?2 ORDER BY f.rank LIMIT ?3",
            rusqlite::params![q, lang.code(), CANDIDATES],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        candidates.extend(more);
    }
    candidates.sort();
    candidates.dedup();
    let mut scored: Vec<(u32, i64, String)> = candidates
        .into_iter()
        .map(|(id, t)| (score(text, &t, lang), id, t))
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
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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
