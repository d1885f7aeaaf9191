//! The full-text index and the word counts: what text the index holds for a
//! sentence (each Chinese character a token of its own), the words the
//! counts know, and the queries that go through them. The one place that
//! decides how Chinese is indexed.

use rusqlite::{params_from_iter, types::Value};

use super::Store;
use crate::lang::is_han;
use crate::normalize::simplified;
use crate::{Lang, Result};

/// The distinct words of a sentence as the word counts know them: runs of
/// letters and digits in lower case, each Chinese character on its own (in
/// its simplified form: the index holds traditional characters as the
/// simplified ones they fold to).
pub fn words(text: &str) -> Vec<String> {
    words_folded(text, simplified)
}

/// [`words`] as tifa counted them before traditional characters were
/// folded (migration 0008 takes these counts back).
pub(super) fn words_unfolded(text: &str) -> Vec<String> {
    words_folded(text, |c| c)
}

fn words_folded(text: &str, fold: impl Fn(char) -> char) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if is_han(c) {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            out.push(fold(c).to_string());
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The text the full-text index holds for a sentence: Chinese characters
/// each a token of their own, traditional ones folded to simplified.
pub fn fts_body(text: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        if is_han(c) {
            out.push(' ');
            out.push(simplified(c));
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// The FTS5 query for a phrase: Chinese characters spaced as the index
/// holds them, the whole quoted as one phrase.
fn fts_phrase(text: &str) -> String {
    let mut spaced = String::new();
    for c in text.chars() {
        if is_han(c) {
            spaced.push(' ');
            spaced.push(simplified(c));
            spaced.push(' ');
        } else if c == '"' {
            spaced.push_str("\"\"");
        } else {
            spaced.push(c);
        }
    }
    format!(
        "\"{}\"",
        spaced.split_whitespace().collect::<Vec<_>>().join(" ")
    )
}

/// Which sentences [`Store::sentences`] reads.
#[derive(Debug, Clone, Default)]
pub struct SentenceFilter<'a> {
    /// A phrase the sentence holds (English: whole words; Chinese: a
    /// substring), found through the full-text index.
    pub phrase: Option<&'a str>,
    /// Only these sentences.
    pub ids: Option<&'a [i64]>,
    pub lang: Option<Lang>,
    /// Only sentences of this document (id).
    pub document: Option<i64>,
    /// At most this many (at least one).
    pub limit: usize,
}

impl Store {
    /// The sentences the filter takes (id, language, text), in id order.
    pub fn sentences(&self, filter: &SentenceFilter<'_>) -> Result<Vec<(i64, Lang, String)>> {
        let mut sql = String::from("SELECT s.id, s.lang, s.text FROM segment s");
        let mut params: Vec<Value> = Vec::new();
        let mut filters: Vec<String> = vec!["1".into()];
        if let Some(text) = filter.phrase {
            sql.push_str(" JOIN segment_fts f ON f.rowid = s.id");
            params.push(Value::Text(fts_phrase(text)));
            filters.push(format!("segment_fts MATCH ?{}", params.len()));
        }
        if let Some(ids) = filter.ids {
            params.push(Value::Text(serde_json::to_string(ids).unwrap_or_default()));
            filters.push(format!(
                "s.id IN (SELECT value FROM json_each(?{}))",
                params.len()
            ));
        }
        if let Some(lang) = filter.lang {
            params.push(Value::Text(lang.code().into()));
            filters.push(format!("s.lang = ?{}", params.len()));
        }
        if let Some(doc) = filter.document {
            params.push(Value::Integer(doc));
            filters.push(format!(
                "EXISTS (SELECT 1 FROM unit u JOIN occurrence o ON o.unit = u.id
                         WHERE (u.en = s.id OR u.zh = s.id) AND o.document = ?{})",
                params.len()
            ));
        }
        sql.push_str(" WHERE ");
        sql.push_str(&filters.join(" AND "));
        params.push(Value::Integer(filter.limit.max(1) as i64));
        // With a phrase, the full-text index hands its rows over in rowid
        // order, so the query stops after `limit` hits instead of sorting
        // them all.
        let order = if filter.phrase.is_some() {
            "f.rowid"
        } else {
            "s.id"
        };
        sql.push_str(&format!(" ORDER BY {order} LIMIT ?{}", params.len()));
        self.query_rows(&sql, params_from_iter(params), |r| {
            Ok((
                r.get(0)?,
                super::lang_column(&r.get::<_, String>(1)?),
                r.get(2)?,
            ))
        })
    }

    /// Candidates for fuzzy matches of `text`: at most `limit` sentences in
    /// `lang` that hold at least two of its rarest terms (see
    /// [`candidate_query`]), best ranked first.
    pub fn fuzzy_candidates(
        &self,
        lang: Lang,
        text: &str,
        limit: usize,
    ) -> Result<Vec<(i64, String)>> {
        let Some(q) = candidate_query(self, text, lang)? else {
            return Ok(Vec::new());
        };
        self.query_rows(
            "SELECT s.id, s.text FROM segment_fts f JOIN segment s ON s.id = f.rowid
             WHERE segment_fts MATCH ?1 AND s.lang = ?2 ORDER BY f.rank LIMIT ?3",
            rusqlite::params![q, lang.code(), limit as i64],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_for_the_index() {
        assert_eq!(fts_phrase("两个维护"), "\"两 个 维 护\"");
        assert_eq!(fts_phrase("兩個維護"), "\"两 个 维 护\"");
        assert_eq!(
            fts_phrase("the \"Two\" Upholds"),
            "\"the \"\"Two\"\" Upholds\""
        );
    }
}
