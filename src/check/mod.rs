//! Checking renderings: deprecated terms, misspelled terms, near
//! renderings, lowered capitals, and Chinese terms whose standard rendering
//! is missing from the English side of a pair; [`bilingual`] adds the QA of
//! pairs (numbers, untranslated Chinese, inconsistent translations).
//! Findings carry byte spans; turning them into lines and columns, or into
//! colours, is the caller's business. [`input`] checks a file of any kind
//! tifa reads; [`fix`] rewrites deprecated renderings; [`accepted`] names
//! the memory's findings by stable ids and accepts them.

pub mod accepted;
pub mod bilingual;
mod fix;
pub mod ignore;
pub mod input;
pub mod near;

pub use fix::{fix, Change, Fixed, Skipped};

use std::collections::BTreeMap;

use rustc_hash::FxHashSet;
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
    /// A significant number of one side of a pair (2024, 15%, 1.2 billion,
    /// 十五) that the other side does not have.
    Number,
    /// A rendering of a concept whose case matters, written with a capital
    /// lowered ("the two upholds", "party committee").
    Case,
    /// Chinese left in the English side of a pair, or a Chinese sentence
    /// with no English in a file that translates the others.
    Untranslated,
    /// The same Chinese sentence translated differently elsewhere in the
    /// file or memory, or the same English translating different Chinese.
    Inconsistent,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Deprecated => "deprecated",
            Kind::Superseded => "superseded",
            Kind::Misspelled => "misspelled",
            Kind::Nonstandard => "nonstandard",
            Kind::Missing => "missing",
            Kind::Case => "case",
            Kind::Number => "number",
            Kind::Untranslated => "untranslated",
            Kind::Inconsistent => "inconsistent",
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
    /// The preferred rendering (empty for the kinds of bilingual QA that
    /// concern no concept: number, untranslated, inconsistent).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub preferred: String,
    /// The concept's main Chinese term and id (empty as `preferred` is).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub zh: String,
    #[serde(skip_serializing_if = "String::is_empty")]
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
    /// Whether the case of concepts that ask for it is checked.
    pub case: CaseRule,
}

/// How the case of renderings is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CaseRule {
    /// A concept whose case matters ([`Concept::case_sensitive`]) must keep
    /// the glossary's capitals; extra capitals (a headline, a sentence
    /// start) are never a finding.
    #[default]
    Strict,
    /// Case is never a finding.
    Ignore,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            as_of: PartialDate::today(),
            min_score: near::DEFAULT_MIN_SCORE,
            case: CaseRule::Strict,
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
            } else if checker.options.case == CaseRule::Strict
                && matcher.concepts()[m.concept].case_sensitive
            {
                let found = &text[at + m.start..at + m.end];
                if let Some(right) = recased(found, &term.text) {
                    let mut f = finding(
                        matcher,
                        Kind::Case,
                        Lang::En,
                        text,
                        m.concept,
                        at + m.start,
                        at + m.end,
                    );
                    f.message = format!(
                        "{found:?} → {right:?}: the glossary writes {:?} with capitals ({})",
                        term.text, f.zh
                    );
                    f.like = Some(right);
                    out.push(f);
                }
            }
        }
        taken.clear();
        taken.extend(matches.iter().map(|m| (m.start, m.end)));
        for miss in matcher.near_misses_in(paragraph, &stream, &matches, &mut memo) {
            taken.push((miss.start, miss.end));
            if en_term_of(matcher, miss.concept, miss.term).is_some_and(|t| {
                !t.status.needs_replacing()
                    && spelling_variants(&paragraph[miss.start..miss.end], &t.text)
            }) {
                // "people-centred philosophy" is the rendering in British
                // spelling, not a typo of it.
                continue;
            }
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

/// Whether `a` and `b` are the same words but for British and American
/// spelling (centred/centered, organisation/organization, labour/labor,
/// defence/defense, programme/program, analyse/analyze), word by word.
fn spelling_variants(a: &str, b: &str) -> bool {
    fn american(word: &str) -> String {
        let mut w = word.to_lowercase();
        for (uk, us) in [
            ("isation", "ization"),
            ("ising", "izing"),
            ("ised", "ized"),
            ("ises", "izes"),
            ("yse", "yze"),
            ("ysing", "yzing"),
            ("tred", "tered"),
            ("tres", "ters"),
            ("tring", "tering"),
            ("ogramme", "ogram"),
            ("fence", "fense"),
            ("ouring", "oring"),
            ("oured", "ored"),
            ("ours", "ors"),
            ("our", "or"),
            ("ise", "ize"),
            ("tre", "ter"),
        ] {
            // A stem of three letters at least for -our: "four" is not
            // "for".
            let least = if uk.starts_with("our") { 3 } else { 1 };
            if let Some(stem) = w.strip_suffix(uk).filter(|s| s.chars().count() >= least) {
                w = format!("{stem}{us}");
                break;
            }
        }
        w
    }
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(american)
            .collect()
    };
    let (x, y) = (words(a), words(b));
    !x.is_empty() && x == y && a.to_lowercase() != b.to_lowercase()
}

/// `found` with the capitals of `form` restored, when it lowers any:
/// "the two upholds" for "the Two Upholds" is "the Two Upholds", "party
/// committees" for "Party committee" is "Party committees". The letters
/// of `found` are matched to a run of the letters of `form` ignoring case
/// (a text may leave out an article or add a plural); a capital `form`
/// does not have (a sentence start, a headline) is kept. `None` when no
/// capital was lowered or the letters do not line up.
fn recased(found: &str, form: &str) -> Option<String> {
    let form: Vec<char> = form.chars().filter(|c| c.is_alphabetic()).collect();
    let lower = |c: &char| c.to_lowercase().next().unwrap_or(*c);
    let want: Vec<char> = form.iter().map(lower).collect();
    let have: Vec<char> = found
        .chars()
        .filter(|c| c.is_alphabetic())
        .map(|c| lower(&c))
        .collect();
    if have.is_empty() {
        return None;
    }
    // Where the found letters start in the form's, allowing the text to
    // add letters at the end (a plural, a possessive).
    let offset = (0..want.len()).find(|&k| {
        let n = (want.len() - k).min(have.len());
        n * 2 > want.len() - k && want[k..k + n] == have[..n]
    })?;
    let mut out = String::with_capacity(found.len());
    let mut changed = false;
    let mut i = offset;
    for c in found.chars() {
        if c.is_alphabetic() {
            match form.get(i) {
                Some(f) if f.is_uppercase() && c.is_lowercase() => {
                    out.extend(c.to_uppercase());
                    changed = true;
                }
                _ => out.push(c),
            }
            i += 1;
        } else {
            out.push(c);
        }
    }
    changed.then_some(out)
}

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

/// The English term a match is of.
fn en_term<'m>(matcher: &'m Matcher, m: &TermMatch) -> Option<&'m Term> {
    en_term_of(matcher, m.concept, m.term)
}

/// The English term `term` of the concept `concept`, if it is English.
fn en_term_of(matcher: &Matcher, concept: usize, term: TermRef) -> Option<&Term> {
    match term {
        TermRef::En(i) => matcher.concepts()[concept].en.get(i as usize),
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
        _ => String::new(),
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
/// concept whose Chinese term occurs in the Chinese side must be rendered in
/// the English side ([`rendered_in`] says what counts).
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
    out.extend(bilingual::numbers(zh, en));
    out.extend(bilingual::untranslated(en));
    if in_zh.is_empty() {
        return Ok(out);
    }
    let rendered = rendered_in(checker, as_of, en);
    for (concept, occurrences) in in_zh {
        if rendered.accepts(matcher.concepts(), concept) {
            continue;
        }
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
            "{} appears {}, {:?} not at all",
            f.found,
            times(occurrences.len()),
            f.preferred,
        );
        out.push(f);
    }
    Ok(out)
}

/// What the English side of a pair renders.
struct Rendered {
    /// Concepts with a correct rendering there, exact or near.
    concepts: FxHashSet<usize>,
    /// The normalised content words of the English, to look for a
    /// rendering's words in.
    words: Vec<String>,
}

impl Rendered {
    /// Whether the English renders `concept`: a correct rendering (in
    /// force at the date) word for word, inflected or in another order; the
    /// head of one ("autonomous organs" of "autonomous organs (of ethnic
    /// autonomous areas)", "secretary general" of "secretary-general of the
    /// CPPCC National Committee"); or a rendering of a longer concept whose
    /// Chinese contains this one's (党中央 in 以习近平同志为核心的党中央).
    /// Presence counts, not the number of times: a translation says "it" or
    /// "such organs" the second time.
    fn accepts(&self, concepts: &[Concept], concept: usize) -> bool {
        if self.concepts.contains(&concept) {
            return true;
        }
        let c = &concepts[concept];
        let mut stream = Stream::default();
        let found =
            c.en.iter()
                .filter(|t| !t.status.needs_replacing())
                .flat_map(|t| std::iter::once(t.text.as_str()).chain(heads(&t.text)))
                .any(|form| {
                    stream.fill(form);
                    let want: Vec<&str> = (0..stream.len())
                        .filter_map(|t| stream.word(t))
                        .filter(|w| !near::is_function_word(w))
                        .collect();
                    spread_in(&self.words, &want) || most_in(&self.words, &want)
                });
        found
            || self.concepts.iter().any(|&other| {
                other != concept
                    && concepts[other].zh.iter().any(|long| {
                        c.zh.iter()
                            .any(|short| long.len() > short.len() && long.contains(short.as_str()))
                    })
            })
    }
}

/// Whether the content words `want` all occur in `words` within a window of
/// three words more, in any order: coordination and ellipsis
/// ("administrative, supervisory, adjudicatory and procuratorial organs" has
/// "supervisory organs", "vocational and higher education" has "vocational
/// education") and another order ("administrative organs of the state" for
/// "state administrative organs").
fn spread_in(words: &[String], want: &[&str]) -> bool {
    if want.is_empty() {
        return false;
    }
    let reach = want.len() + 3;
    (0..words.len()).any(|i| {
        want.contains(&words[i].as_str()) && {
            let window = &words[i..(i + reach).min(words.len())];
            want.iter().all(|w| window.iter().any(|x| x == w))
        }
    })
}

/// Whether a run of at least two and at least half of the content words
/// `want`, in a row, occurs in `words` in a row: a rendering with a modifier
/// left out ("administrative organs" for "state administrative organs",
/// "local people's governments" for "local people's governments at all
/// levels").
fn most_in(words: &[String], want: &[&str]) -> bool {
    let need = want.len().div_ceil(2).max(2);
    (need..=want.len()).rev().any(|n| {
        want.windows(n).any(|run| {
            words
                .windows(n)
                .any(|w| w.iter().zip(run).all(|(a, b)| a == b))
        })
    })
}

/// The shorter forms of a rendering a translation may use for it: without
/// a trailing parenthesis, and the words before its first " of ".
fn heads(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let base = match text.find(" (") {
        Some(i) if text.trim_end().ends_with(')') => text[..i].trim(),
        _ => text.trim(),
    };
    if base != text {
        out.push(base);
    }
    if let Some(i) = base.find(" of ") {
        let head = base[..i].trim();
        let head = head.strip_prefix("the ").unwrap_or(head);
        if !head.is_empty() {
            out.push(head);
        }
    }
    out
}

/// What the English of a pair renders, by the date `as_of`.
fn rendered_in(checker: &Checker, as_of: PartialDate, en: &str) -> Rendered {
    let matcher = &checker.matcher;
    let mut stream = Stream::default();
    let mut matches = Vec::new();
    matcher.find_into(en, &mut stream, &mut matches);
    let mut concepts: FxHashSet<usize> = matches
        .iter()
        .filter(|m| en_term(matcher, m).is_some_and(|t| !t.needs_replacing_at(as_of)))
        .map(|m| m.concept)
        .collect();
    concepts.extend(checker.near.rendered(&stream, &mut NearWords::default()));
    let words = (0..stream.len())
        .filter_map(|t| stream.word(t))
        .filter(|w| !near::is_function_word(w))
        .map(str::to_string)
        .collect();
    Rendered { concepts, words }
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
    /// The finding's stable id ([`accepted::finding_id`]).
    pub id: String,
}

/// Checks every unit of the memory: English sentences as
/// [`check_english`] does, bilingual units as [`check_pair`] does, and a
/// Chinese sentence stored with two translations (or one English with two
/// Chinese sentences) is inconsistent ([`bilingual::Consistency`]), reported
/// at the unit found second.
pub fn check_memory(
    store: &crate::store::Store,
    checker: &Checker,
    mut f: impl FnMut(MemoryFinding) -> Result<()>,
) -> Result<()> {
    let mut consistency = bilingual::Consistency::default();
    store.for_each_placed_unit(|u| {
        let findings = match (&u.zh, &u.en) {
            (Some(zh), Some(en)) => {
                let mut found = check_pair(checker, zh, en)?;
                let place = format!("{}:{}.{}", u.path, u.paragraph, u.sentence);
                found.extend(consistency.see(zh, en, &place));
                found
            }
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
                id: accepted::finding_id(&finding, &text),
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
        let zh = "坚决做到“两个维护”，始终坚持“两个维护”。";
        // The second time, a translation may say "them".
        assert!(check_pair(
            &m,
            zh,
            "Resolutely uphold the Two Upholds, and always uphold them."
        )
        .unwrap()
        .is_empty());
        let f = check_pair(&m, zh, "Resolutely uphold them.").unwrap();
        assert_eq!(f.len(), 1);
        assert_eq!(
            f[0].message,
            "两个维护 appears twice, \"the Two Upholds\" not at all"
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
    fn what_counts_as_rendered_in_a_pair() {
        let mut concepts = test_glossary();
        concepts.push(crate::glossary::test_concept(
            "wellbeing",
            "民生",
            &[("people's wellbeing", Status::Preferred)],
        ));
        concepts.push(crate::glossary::test_concept(
            "admin-organs",
            "国家行政机关",
            &[
                ("state administrative organs", Status::Preferred),
                ("organs of state administration", Status::Admitted),
            ],
        ));
        concepts.push(crate::glossary::test_concept(
            "autonomous-organs",
            "自治机关",
            &[(
                "autonomous organs (of ethnic autonomous areas)",
                Status::Preferred,
            )],
        ));
        concepts.push(crate::glossary::test_concept(
            "central-committee",
            "党中央",
            &[("the CPC Central Committee", Status::Preferred)],
        ));
        concepts.push(crate::glossary::test_concept(
            "core",
            "以习近平同志为核心的党中央",
            &[(
                "the CPC Central Committee with Comrade Xi Jinping at its core",
                Status::Preferred,
            )],
        ));
        let m = Checker::new(concepts, CheckOptions::default()).unwrap();
        // (Chinese, English, the Chinese terms reported missing)
        let cases: &[(&str, &str, &[&str])] = &[
            // Not a word of 人民|生活.
            ("人民生活得到改善。", "People's lives have improved.", &[]),
            (
                "保障和改善民生。",
                "Ensure and improve living standards.",
                &["民生"],
            ),
            ("保障和改善民生。", "Improve the people's wellbeing.", &[]),
            // Inflected, reordered, coordinated, a modifier left out.
            ("国家行政机关", "the state's administrative organs", &[]),
            ("国家行政机关", "administrative organs of the state", &[]),
            (
                "国家行政机关、监察机关",
                "administrative, supervisory or procuratorial organs of the state",
                &[],
            ),
            ("国家行政机关", "other administrative organs", &[]),
            ("国家行政机关", "the State Council", &["国家行政机关"]),
            // An admitted rendering; the head of a parenthetical rendering.
            ("国家行政机关", "organs of state administration", &[]),
            ("自治机关", "the autonomous organs shall", &[]),
            // A second mention may be a pronoun.
            (
                "两个维护，两个维护",
                "the Two Upholds, and uphold them",
                &[],
            ),
            // A deprecated rendering does not render it.
            ("两个维护", "the two maintenances", &["两个维护"]),
            // The rendering of a longer concept that contains it.
            (
                "以习近平同志为核心的党中央",
                "the CPC Central Committee with Comrade Xi Jinping at its core",
                &[],
            ),
        ];
        for (zh, en, want) in cases {
            let missing: Vec<String> = check_pair(&m, zh, en)
                .unwrap()
                .into_iter()
                .filter(|f| f.kind == Kind::Missing)
                .map(|f| f.found)
                .collect();
            assert_eq!(&missing, want, "{zh} / {en}");
        }
    }

    #[test]
    fn british_spelling_is_not_a_typo() {
        for (a, b, same) in [
            (
                "people-centred philosophy",
                "people-centered philosophy",
                true,
            ),
            (
                "people-centred development philosophy",
                "people-centered development philosophy",
                true,
            ),
            ("organisation", "organization", true),
            ("labour unions", "labor unions", true),
            ("national defence", "national defense", true),
            ("Communist Paty of China", "Communist Party of China", false),
            ("for consciousnesses", "Four Consciousnesses", false),
            (
                "people-centered philosophy",
                "people-centered philosophy",
                false,
            ),
        ] {
            assert_eq!(spelling_variants(a, b), same, "{a} / {b}");
        }
    }

    #[test]
    fn capitals_lowered_are_restored() {
        // (found, glossary form, the found text with its capitals back)
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "the two upholds",
                "the Two Upholds",
                Some("the Two Upholds"),
            ),
            ("two upholds", "the Two Upholds", Some("Two Upholds")),
            (
                "party committees",
                "Party committee",
                Some("Party committees"),
            ),
            (
                "party’s overall leadership",
                "the Party's overall leadership",
                Some("Party’s overall leadership"),
            ),
            ("party-building", "Party building", Some("Party-building")),
            // Extra capitals are not a fault: a sentence start, a headline.
            ("The Two Upholds", "the Two Upholds", None),
            ("PARTY BUILDING", "Party building", None),
            ("Party Building", "Party building", None),
            ("Party committee", "Party committee", None),
            // Letters that do not line up are left alone.
            ("party", "Party committee", None),
        ];
        for (found, form, want) in cases {
            assert_eq!(recased(found, form).as_deref(), *want, "{found} / {form}");
        }
    }

    #[test]
    fn case_is_checked_for_concepts_that_ask() {
        let mut concepts = test_glossary();
        for c in &mut concepts {
            c.case_sensitive = c.id == "two-upholds";
        }
        concepts.push(crate::glossary::test_concept(
            "reform-opening",
            "改革开放",
            &[("Reform and Opening Up", Status::Preferred)],
        ));
        let m = Checker::new(concepts.clone(), CheckOptions::default()).unwrap();
        let text = "We uphold the two upholds. THE TWO UPHOLDS. The Two Upholds stand. reform and opening up";
        let f = check_english(&m, text).unwrap();
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].kind, Kind::Case);
        assert_eq!(f[0].found, "two upholds");
        assert_eq!(f[0].like.as_deref(), Some("Two Upholds"));
        assert_eq!(
            fix(text, &f).text,
            text.replacen("two upholds", "Two Upholds", 1)
        );
        let ignore = Checker::new(
            concepts,
            CheckOptions {
                case: CaseRule::Ignore,
                ..CheckOptions::default()
            },
        )
        .unwrap();
        assert!(check_english(&ignore, text).unwrap().is_empty());
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
