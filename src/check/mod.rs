//! Checking renderings: deprecated terms, misspelled terms, and Chinese
//! terms whose standard rendering is missing from the English side of a pair.
//! Findings carry byte spans; turning them into lines and columns, or into
//! colours, is the caller's business. [`input`] checks a file of any kind
//! tifa reads; [`fix`] rewrites deprecated renderings.

mod fix;
pub mod input;
pub mod near;

pub use fix::fix;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::date::PartialDate;
use crate::glossary::matcher::{Matcher, NearMemo, Stream, TermMatch, TermRef};
use crate::glossary::{Concept, Status, Term};
use crate::{Error, Lang, Result};
use near::{NearIndex, NearWords};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A deprecated rendering: replace it with the preferred one.
    Deprecated,
    /// A rendering that was official and had been replaced by the date the
    /// text is judged by.
    Superseded,
    /// A near miss of a term: probably a typo.
    Misspelled,
    /// A span that looks like a glossary rendering drifted (inflected,
    /// reordered, a word substituted) into a form nobody listed.
    Nonstandard,
    /// A Chinese term of the source whose rendering is missing in the target.
    Missing,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Deprecated => "deprecated",
            Kind::Superseded => "superseded",
            Kind::Misspelled => "misspelled",
            Kind::Nonstandard => "nonstandard",
            Kind::Missing => "missing",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub kind: Kind,
    pub side: Lang,
    /// Byte span in the checked text (the Chinese source for `missing`).
    pub start: usize,
    pub end: usize,
    /// The text as written there.
    pub found: String,
    /// The preferred rendering.
    pub preferred: String,
    /// The concept's main Chinese term and id.
    pub zh: String,
    pub concept: String,
    /// A sentence that says it all.
    pub message: String,
    /// For a near rendering: the rendering it looks like, how closely (0 to
    /// 1), and the rendering's words found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub like: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub matched: Vec<String>,
    /// The source that sets the preferred rendering (the preferred term's
    /// first source, else the concept's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<crate::glossary::Source>,
}

/// How texts are judged.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions {
    /// The date a text is judged by: a superseded rendering still in force
    /// at that date is not a finding.
    pub as_of: PartialDate,
    /// The lowest score of a near rendering that is reported; above 1, none
    /// are.
    pub min_score: f64,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            as_of: PartialDate::today(),
            min_score: near::DEFAULT_MIN_SCORE,
        }
    }
}

/// The glossary's matcher and near-rendering index with the options texts
/// are judged by.
pub struct Checker {
    pub matcher: Matcher,
    pub near: NearIndex,
    pub options: CheckOptions,
}

impl Checker {
    pub fn new(concepts: Vec<Concept>, options: CheckOptions) -> Result<Checker> {
        let near = NearIndex::new(&concepts);
        Ok(Checker {
            matcher: Matcher::new(concepts)?,
            near,
            options,
        })
    }
}

/// Deprecated renderings and misspelled terms in English text. The text is
/// read a paragraph (up to a blank line) at a time, so memory stays small
/// however long it is; a term broken across a single line break is found.
/// Long texts are split at paragraph boundaries and checked on all cores.
pub fn check_english(checker: &Checker, text: &str) -> Result<Vec<Finding>> {
    check_english_at(checker, checker.options.as_of, text)
}

/// [`check_english`] judging by the date `as_of`.
pub fn check_english_at(checker: &Checker, as_of: PartialDate, text: &str) -> Result<Vec<Finding>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || text.len() < 1 << 20 {
        return Ok(check_english_part(checker, as_of, text, 0));
    }
    let mut out: Vec<Finding> = in_parts(text, threads, |part, offset| {
        check_english_part(checker, as_of, part, offset)
    })?
    .into_iter()
    .flatten()
    .collect();
    out.sort_by_key(|f| f.start);
    Ok(out)
}

/// Runs `work` on `parts` pieces of `text` cut at paragraph boundaries,
/// about equally long, each on its own thread, with the offset where the
/// piece starts. A worker that panics is an error, not a piece without
/// findings.
fn in_parts<T: Send>(
    text: &str,
    parts: usize,
    work: impl Fn(&str, usize) -> T + Sync,
) -> Result<Vec<T>> {
    let mut cuts = vec![0];
    for k in 1..parts {
        let aim = text.floor_char_boundary(text.len() * k / parts);
        let at = text[aim..].find("\n\n").map_or(text.len(), |i| aim + i + 2);
        if at > *cuts.last().unwrap_or(&0) && at < text.len() {
            cuts.push(at);
        }
    }
    cuts.push(text.len());
    std::thread::scope(|scope| {
        let handles: Vec<_> = cuts
            .windows(2)
            .map(|w| {
                let (from, to) = (w[0], w[1]);
                let work = &work;
                scope.spawn(move || work(&text[from..to], from))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join().map_err(|_| {
                    Error::Invalid(
                        "checking failed: a worker thread stopped unexpectedly (a bug in tifa); no findings are reported".into(),
                    )
                })
            })
            .collect()
    })
}

/// [`check_english`] on one part of a text that starts at `offset`.
fn check_english_part(
    checker: &Checker,
    as_of: PartialDate,
    text: &str,
    offset: usize,
) -> Vec<Finding> {
    let matcher = &checker.matcher;
    let mut stream = Stream::default();
    let mut memo = NearMemo::default();
    let mut words = NearWords::default();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut matches = Vec::new();
    let mut out = Vec::new();
    let mut at = 0;
    for paragraph in text.split_inclusive("\n\n") {
        matcher.find_into(paragraph, &mut stream, &mut matches);
        for m in &matches {
            let Some(term) = en_term(matcher, m) else {
                continue;
            };
            if term.needs_replacing_at(as_of) && reportable(term) {
                let kind = if term.status == Status::Superseded {
                    Kind::Superseded
                } else {
                    Kind::Deprecated
                };
                let mut f = finding(
                    matcher,
                    kind,
                    Lang::En,
                    text,
                    m.concept,
                    at + m.start,
                    at + m.end,
                );
                if kind == Kind::Superseded {
                    let when = match term.valid_until {
                        Some(d) => format!("official until {d}"),
                        None => "no longer official".to_string(),
                    };
                    f.message = format!("{:?} → {:?} ({}; {when})", f.found, f.preferred, f.zh);
                }
                out.push(f);
            }
        }
        taken.clear();
        taken.extend(matches.iter().map(|m| (m.start, m.end)));
        for miss in matcher.near_misses_in(paragraph, &stream, &matches, &mut memo) {
            taken.push((miss.start, miss.end));
            out.push(finding(
                matcher,
                Kind::Misspelled,
                Lang::En,
                text,
                miss.concept,
                at + miss.start,
                at + miss.end,
            ));
        }
        if checker.options.min_score <= 1.0 {
            let concepts = matcher.concepts();
            for n in checker.near.find(
                concepts,
                &stream,
                &taken,
                checker.options.min_score,
                &mut words,
            ) {
                let like = concepts[n.concept].en[n.term].text.clone();
                let mut f = finding(
                    matcher,
                    Kind::Nonstandard,
                    Lang::En,
                    text,
                    n.concept,
                    at + n.start,
                    at + n.end,
                );
                f.message = if like == f.preferred {
                    format!(
                        "{:?} looks like {:?} ({}), score {:.2}",
                        f.found, f.preferred, f.zh, n.score
                    )
                } else {
                    format!(
                        "{:?} looks like {:?} ({}): use {:?}, score {:.2}",
                        f.found, like, f.zh, f.preferred, n.score
                    )
                };
                f.like = Some(like);
                f.score = Some(n.score);
                f.matched = n.matched;
                out.push(f);
            }
        }
        at += paragraph.len();
    }
    for f in &mut out {
        f.start += offset;
        f.end += offset;
    }
    out.sort_by_key(|f| f.start);
    out
}

/// The English term a match is of.
/// Whether a non-standard rendering found word for word is reported. One
/// ordinary English word ("President" for 主席团 in a garbled headline,
/// "duties" for 党员义务, "streets" for 街道) is attested as a rendering,
/// and `tifa lookup` says so, but alone in a text it is nearly always that
/// word's ordinary meaning: it is reported only when it is an acronym or a
/// hyphenated or multi-word form ("CCP", "five-in-One").
fn reportable(term: &Term) -> bool {
    let text = term.text.trim();
    let one_word = !text.contains(|c: char| c.is_whitespace() || c == '-');
    let acronym = text
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    !one_word || acronym
}

fn en_term<'m>(matcher: &'m Matcher, m: &TermMatch) -> Option<&'m Term> {
    match m.term {
        TermRef::En(i) => matcher.concepts()[m.concept].en.get(i as usize),
        TermRef::Zh(_) => None,
    }
}

fn finding(
    matcher: &Matcher,
    kind: Kind,
    side: Lang,
    text: &str,
    concept: usize,
    start: usize,
    end: usize,
) -> Finding {
    let c = &matcher.concepts()[concept];
    let found = text[start..end].to_string();
    let preferred = c.preferred().to_string();
    let source =
        c.en.iter()
            .find(|t| t.status == Status::Preferred)
            .and_then(|t| t.sources.first())
            .or(c.sources.first())
            .cloned();
    let zh = c.zh.first().cloned().unwrap_or_default();
    let message = match kind {
        Kind::Deprecated | Kind::Superseded => format!("{found:?} → {preferred:?} ({zh})"),
        Kind::Misspelled => format!("{found:?}: did you mean {preferred:?}? ({zh})"),
        Kind::Missing | Kind::Nonstandard => String::new(),
    };
    Finding {
        kind,
        side,
        start,
        end,
        found,
        preferred,
        zh,
        concept: c.id.clone(),
        message,
        like: None,
        score: None,
        matched: Vec::new(),
        source,
    }
}

fn times(n: usize) -> String {
    match n {
        0 => "not at all".into(),
        1 => "once".into(),
        2 => "twice".into(),
        n => format!("{n} times"),
    }
}

/// Checks a pair: the English side as [`check_english`] does, and each
/// concept whose Chinese term occurs in the Chinese side must have its
/// preferred or an admitted rendering in the English side as many times.
pub fn check_pair(checker: &Checker, zh: &str, en: &str) -> Result<Vec<Finding>> {
    check_pair_at(checker, checker.options.as_of, zh, en)
}

/// [`check_pair`] judging by the date `as_of`.
pub fn check_pair_at(
    checker: &Checker,
    as_of: PartialDate,
    zh: &str,
    en: &str,
) -> Result<Vec<Finding>> {
    let matcher = &checker.matcher;
    let mut out = check_english_at(checker, as_of, en)?;
    let mut in_zh: BTreeMap<usize, Vec<&TermMatch>> = BTreeMap::new();
    let zh_matches = matcher.find(zh);
    for m in &zh_matches {
        if matches!(m.term, TermRef::Zh(_)) {
            in_zh.entry(m.concept).or_default().push(m);
        }
    }
    let en_matches = matcher.find(en);
    for (concept, occurrences) in in_zh {
        let rendered = en_matches
            .iter()
            .filter(|m| {
                m.concept == concept
                    && en_term(matcher, m).is_some_and(|t| !t.needs_replacing_at(as_of))
            })
            .count();
        if rendered < occurrences.len() {
            let first = occurrences[0];
            let mut f = finding(
                matcher,
                Kind::Missing,
                Lang::Zh,
                zh,
                concept,
                first.start,
                first.end,
            );
            f.message = format!(
                "{} appears {}, {:?} {}",
                f.found,
                times(occurrences.len()),
                f.preferred,
                times(rendered)
            );
            out.push(f);
        }
    }
    Ok(out)
}

/// A finding in the stored memory, at the first place its sentence occurs.
#[derive(Debug, Clone)]
pub struct MemoryFinding {
    pub path: String,
    pub paragraph: u64,
    pub sentence: u64,
    /// Other places the same unit occurs in.
    pub more: u64,
    /// The text of the side the finding is on.
    pub text: String,
    pub finding: Finding,
}

/// Checks every unit of the memory: English sentences as
/// [`check_english`] does, bilingual units as [`check_pair`] does.
pub fn check_memory(
    store: &crate::store::Store,
    checker: &Checker,
    mut f: impl FnMut(MemoryFinding) -> Result<()>,
) -> Result<()> {
    store.for_each_placed_unit(|u| {
        let findings = match (&u.zh, &u.en) {
            (Some(zh), Some(en)) => check_pair(checker, zh, en)?,
            (None, Some(en)) => check_english(checker, en)?,
            _ => Vec::new(),
        };
        for finding in findings {
            let text = match finding.side {
                Lang::En => u.en.clone().unwrap_or_default(),
                Lang::Zh => u.zh.clone().unwrap_or_default(),
            };
            f(MemoryFinding {
                path: u.path.clone(),
                paragraph: u.paragraph,
                sentence: u.sentence,
                more: u.more,
                text,
                finding,
            })?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::test_glossary;

    fn matcher() -> Checker {
        Checker::new(test_glossary(), CheckOptions::default()).unwrap()
    }

    #[test]
    fn english_findings() {
        let m = matcher();
        let text =
            "Members resolutely achieve the “two maintenances.” The Communist Paty of China leads.";
        let f = check_english(&m, text).unwrap();
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].kind, Kind::Deprecated);
        assert_eq!(
            f[0].message,
            "\"two maintenances\" → \"the Two Upholds\" (两个维护)"
        );
        assert_eq!(f[1].kind, Kind::Misspelled);
        assert_eq!(&text[f[1].start..f[1].end], "Communist Paty of China");
        assert!(check_english(&m, "They uphold the Two Upholds.")
            .unwrap()
            .is_empty());
    }

    #[test]
    fn pairs_count_renderings() {
        let m = matcher();
        let f = check_pair(
            &m,
            "坚决做到“两个维护”，始终坚持“两个维护”。",
            "Resolutely uphold the Two Upholds.",
        )
        .unwrap();
        assert_eq!(f.len(), 1);
        assert_eq!(
            f[0].message,
            "两个维护 appears twice, \"the Two Upholds\" once"
        );
        assert!(check_pair(&m, "两个维护", "the Two Upholds")
            .unwrap()
            .is_empty());
        let f = check_pair(&m, "两个维护", "the two maintenances").unwrap();
        assert_eq!(
            f.iter().map(|f| f.kind).collect::<Vec<_>>(),
            [Kind::Deprecated, Kind::Missing]
        );
    }

    #[test]
    fn a_worker_that_panics_is_an_error_not_a_clean_part() {
        let text = "First part.\n\nSecond part.\n\nThird part.\n\nFourth part.";
        let parts = in_parts(text, 4, |part, offset| (offset, part.to_string())).unwrap();
        assert!(parts.len() >= 3, "{parts:?}");
        assert_eq!(
            parts.iter().map(|(_, p)| p.as_str()).collect::<String>(),
            text
        );
        let err = in_parts(text, 4, |part, _| {
            if part.contains("Fourth") {
                panic!("a bug");
            }
            1
        })
        .unwrap_err();
        assert!(
            err.to_string().contains("no findings are reported"),
            "{err}"
        );
    }
}
