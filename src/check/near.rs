//! Near renderings: spans of English text that are a glossary rendering up
//! to inflection and derivation, function words, the order of the content
//! words, and the word substitutions that drift is seen to make, although
//! nobody listed that exact form. "comprehensively and strictly governing
//! the Party's conduct" is recognised as a drifted "comprehensively and
//! strictly governing the Party" (a deprecated rendering of 全面从严治党).
//!
//! How a span is found:
//! - Every English rendering (any status) with two or more content words is
//!   reduced to its content-word **stems** (Snowball English: "governing",
//!   "governance" and "governed" are "govern"; function words such as of,
//!   the, a, for, in, on, and are left out).
//! - **Substitutions** are learnt from the glossary itself: where a
//!   non-standard rendering differs from a correct rendering of the same
//!   concept by exactly one content stem ("strict Party governance" against
//!   "rigorous Party governance"), that pair of stems is a substitution seen
//!   in drift. A pair seen in two or more concepts is generalised: the two
//!   stems count as the same word, at a small cost, everywhere.
//!   [`NearIndex::substitutions`] lists each with the concepts it came from.
//! - Each rendering is indexed under its rarest stem (over all renderings),
//!   so the text is read once: a word whose stem is a key brings only the
//!   renderings it keys, and each is looked for in a window of content words
//!   around it, never across sentence punctuation.
//! - The **score** of a span against a rendering is the share of the
//!   rendering's stems found, a found substitution counting 0.8, times 0.9
//!   when the words come in another order, times 0.95 for each other content
//!   word inside the span. Spans at or above the minimum score (0.75 unless
//!   set) whose best rendering is non-standard, or a correct one reached only
//!   through a substitution, are reported; a span that is a correct rendering
//!   up to inflection, function words and order is correct usage and hides
//!   every other candidate over it.
//!
//! Exact matches stay the matcher's: a span that overlaps an exact match of
//! any glossary term is not a near rendering.

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use crate::glossary::matcher::Stream;
use crate::glossary::{Concept, Status};

/// Words that carry no content for matching renderings.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "for", "in", "on", "and", "to", "with", "by", "at", "from", "as",
    "its", "it", "their", "our", "over", "into", "that", "this", "is", "be", "are", "which", "or",
];

/// A learnt pair of stems counts as a match at this weight.
const SUBSTITUTED: f64 = 0.8;
/// The factor for words in another order than the rendering's.
const REORDERED: f64 = 0.9;
/// The factor for each other content word inside the span.
const EXTRA_WORD: f64 = 0.95;
/// The minimum score reported unless another is asked for.
pub const DEFAULT_MIN_SCORE: f64 = 0.75;
/// How many other content words a span may hold.
const MAX_EXTRA: usize = 0;

/// A substitution of one content word by another, learnt from attested
/// non-standard renderings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Substitution {
    /// The two stems.
    pub from: String,
    pub to: String,
    /// The concepts whose renderings show it.
    pub concepts: Vec<String>,
}

#[derive(Debug, Clone)]
struct NearTerm {
    concept: u32,
    /// Index of the term in the concept's `en`.
    term: u32,
    status: Status,
    /// Stem ids of the content words, in order.
    stems: Vec<u32>,
    /// How many function words it has between its first and last content
    /// word.
    function_words: usize,
    /// The bits of its stems' classes (see [`class_bit`]): a clause lacking
    /// one of them cannot hold it.
    mask: u128,
}

/// A stem class's bit in a clause's or a rendering's mask.
fn class_bit(class: u32) -> u128 {
    1u128 << (class.wrapping_mul(0x9E37_79B9) >> 25)
}

/// A near rendering found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NearRendering {
    pub concept: usize,
    /// The rendering it looks like (index into the concept's `en`).
    pub term: usize,
    pub start: usize,
    pub end: usize,
    pub score: f64,
    /// The rendering's content words that were found, as written in the text.
    pub matched: Vec<String>,
}

/// The index of renderings by content stems, built once from the glossary.
pub struct NearIndex {
    terms: Vec<NearTerm>,
    /// Stem text → stem id.
    stem_ids: FxHashMap<String, u32>,
    /// Stem id → the class it belongs to (itself, or its substitution
    /// class).
    class: Vec<u32>,
    /// Class → the renderings keyed by it, as a range of `keyed_terms`
    /// (empty for a class that keys none).
    keyed: Vec<(u32, u32)>,
    keyed_terms: Vec<u32>,
    substitutions: Vec<Substitution>,
    stemmer: Stemmer,
}

/// What a text word stands for, remembered per distinct word.
#[derive(Default)]
pub struct NearWords {
    /// Word → `None` for a function word, else its stem id if any
    /// rendering has that stem.
    seen: FxHashMap<String, Option<Option<u32>>>,
    /// Scratch space of [`NearIndex::find`], kept between paragraphs.
    content: Vec<(usize, Option<u32>, u32)>,
    masks: Vec<u128>,
}

/// Whether a normalised word is a function word.
pub(crate) fn is_function_word(w: &str) -> bool {
    FUNCTION_WORDS.contains(&w)
}

/// Whether the token is punctuation that ends a clause: a rendering is never
/// looked for across it.
fn is_barrier(t: &str) -> bool {
    !matches!(t, "/" | "&" | "·")
}

impl NearIndex {
    pub fn new(concepts: &[Concept]) -> NearIndex {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut stem_ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut stream = Stream::default();
        let mut terms = Vec::new();
        for (ci, c) in concepts.iter().enumerate() {
            for (ti, t) in c.en.iter().enumerate() {
                let (stems, function_words) = content_stems(&stemmer, &mut stream, &t.text);
                if stems.len() < 2 {
                    continue;
                }
                let stems = stems
                    .into_iter()
                    .map(|s| {
                        let next = stem_ids.len() as u32;
                        *stem_ids.entry(s).or_insert(next)
                    })
                    .collect();
                terms.push(NearTerm {
                    concept: ci as u32,
                    term: ti as u32,
                    status: t.status,
                    stems,
                    function_words,
                    mask: 0,
                });
            }
        }
        let mut names = vec![String::new(); stem_ids.len()];
        for (s, &id) in &stem_ids {
            names[id as usize] = s.clone();
        }
        let substitutions = learn_substitutions(concepts, &terms, &names);
        let mut terms = searchable(terms);
        let mut class: Vec<u32> = (0..stem_ids.len() as u32).collect();
        for s in &substitutions {
            let (a, b) = (stem_ids[&s.from], stem_ids[&s.to]);
            let (ra, rb) = (root(&mut class, a), root(&mut class, b));
            if ra != rb {
                class[ra.max(rb) as usize] = ra.min(rb);
            }
        }
        for i in 0..class.len() {
            let r = root(&mut class, i as u32);
            class[i] = r;
        }
        for t in &mut terms {
            t.mask = t
                .stems
                .iter()
                .fold(0, |m, &s| m | class_bit(class[s as usize]));
        }
        // How many renderings use each class: a rendering is keyed by its
        // rarest.
        let mut uses = vec![0u32; class.len()];
        for t in &terms {
            for &s in &t.stems {
                uses[class[s as usize] as usize] += 1;
            }
        }
        let mut by_key: Vec<(u32, u32)> = terms
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let key = t
                    .stems
                    .iter()
                    .map(|&s| class[s as usize])
                    .min_by_key(|&c| uses[c as usize])
                    .expect("two or more stems");
                (key, i as u32)
            })
            .collect();
        by_key.sort_unstable();
        let mut keyed = vec![(0u32, 0u32); class.len()];
        for (at, &(key, _)) in by_key.iter().enumerate() {
            let range = &mut keyed[key as usize];
            if range.1 == 0 {
                range.0 = at as u32;
            }
            range.1 += 1;
        }
        let keyed_terms = by_key.into_iter().map(|(_, t)| t).collect();
        NearIndex {
            terms,
            stem_ids,
            class,
            keyed,
            keyed_terms,
            substitutions,
            stemmer,
        }
    }

    /// The substitutions learnt from the glossary, with the concepts each
    /// came from.
    pub fn substitutions(&self) -> &[Substitution] {
        &self.substitutions
    }

    /// The renderings keyed by a class.
    fn keyed(&self, class: u32) -> &[u32] {
        let (at, n) = self.keyed[class as usize];
        &self.keyed_terms[at as usize..(at + n) as usize]
    }

    /// `None` for a function word, else the word's stem id if any rendering
    /// has that stem.
    fn stem_of(&self, word: &str, words: &mut NearWords) -> Option<Option<u32>> {
        if let Some(&s) = words.seen.get(word) {
            return s;
        }
        let s = if is_function_word(word) {
            None
        } else {
            Some(self.stem_ids.get(self.stemmer.stem(word).as_ref()).copied())
        };
        if words.seen.len() < 1 << 20 {
            words.seen.insert(word.to_string(), s);
        }
        s
    }

    /// The near renderings in a text already tokenised into `stream`, none
    /// overlapping a span of `exact` (the exact matches of any term).
    pub fn find(
        &self,
        concepts: &[Concept],
        stream: &Stream,
        exact: &[(usize, usize)],
        min_score: f64,
        words: &mut NearWords,
    ) -> Vec<NearRendering> {
        let mut candidates = self.candidates(stream, words);
        if candidates.is_empty() {
            return Vec::new();
        }
        let content = &words.content;
        // Correct usage hides every candidate over it; of the rest, the best
        // score wins each place.
        let correct: Vec<(usize, usize)> = candidates
            .iter()
            .filter(|c| c.correct)
            .map(|c| (c.from, c.to))
            .collect();
        candidates.retain(|c| {
            !c.correct
                && c.score >= min_score
                && !correct.iter().any(|&(f, t)| f <= c.to && c.from <= t)
        });
        candidates.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then((b.to - b.from).cmp(&(a.to - a.from)))
                .then(a.from.cmp(&b.from))
        });
        let mut out: Vec<NearRendering> = Vec::new();
        for c in candidates {
            let (start, _) = stream.span(content[c.from].0);
            let (_, end) = stream.span(content[c.to].0);
            let overlaps = |(s, e): (usize, usize)| s < end && start < e;
            if exact.iter().any(|&span| overlaps(span))
                || out.iter().any(|n| overlaps((n.start, n.end)))
            {
                continue;
            }
            let term = &self.terms[c.term as usize];
            let concept = term.concept as usize;
            if concepts[concept].preferred().is_empty() {
                continue;
            }
            out.push(NearRendering {
                concept,
                term: term.term as usize,
                start,
                end,
                score: (c.score * 100.0).round() / 100.0,
                matched: c
                    .matched
                    .iter()
                    .map(|&k| stream.word(content[k].0).unwrap_or("").to_string())
                    .collect(),
            });
        }
        out.sort_by_key(|n| n.start);
        out
    }

    /// The concepts of which a correct rendering (preferred or admitted, in
    /// force) is in the text up to inflection, function words and the order
    /// of its content words: what a pair's English may use for a Chinese
    /// term ("the reform and opening-up" for "reform and opening up").
    pub fn rendered(&self, stream: &Stream, words: &mut NearWords) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .candidates(stream, words)
            .iter()
            .filter(|c| c.correct)
            .map(|c| self.terms[c.term as usize].concept as usize)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Every candidate span in a text tokenised into `stream`, scored; the
    /// correct ones marked.
    fn candidates(&self, stream: &Stream, words: &mut NearWords) -> Vec<Candidate> {
        if self.terms.is_empty() {
            return Vec::new();
        }
        // The content words: (token index, stem id or none), with a clause
        // number so that windows stop at punctuation.
        // Each clause's mask of the stem classes in it.
        let mut content = std::mem::take(&mut words.content);
        let mut masks = std::mem::take(&mut words.masks);
        content.clear();
        masks.clear();
        masks.push(0);
        let mut clause = 0u32;
        let mut keys = false;
        for t in 0..stream.len() {
            match stream.word(t) {
                Some(w) => {
                    let Some(stem) = self.stem_of(w, words) else {
                        continue;
                    };
                    if let Some(s) = stem {
                        let class = self.class[s as usize];
                        masks[clause as usize] |= class_bit(class);
                        keys |= self.keyed[class as usize].1 > 0;
                    }
                    content.push((t, stem, clause));
                }
                None => {
                    if is_barrier(stream.text(t)) {
                        clause += 1;
                        masks.push(0);
                    }
                }
            }
        }
        let mut candidates: Vec<Candidate> = Vec::new();
        if keys {
            for (i, &(_, stem, clause)) in content.iter().enumerate() {
                let Some(stem) = stem else { continue };
                let keyed = self.keyed(self.class[stem as usize]);
                let mask = masks[clause as usize];
                for &ti in keyed {
                    let term = &self.terms[ti as usize];
                    if term.mask & mask != term.mask {
                        continue;
                    }
                    if let Some(c) = self.score(term, ti, &content, i, clause) {
                        candidates.push(c);
                    }
                }
            }
        }
        words.content = content;
        words.masks = masks;
        candidates
    }

    /// How well the content words around `at` (in one clause) match
    /// `term`, whose key stem is at `at`.
    fn score(
        &self,
        term: &NearTerm,
        ti: u32,
        content: &[(usize, Option<u32>, u32)],
        at: usize,
        clause: u32,
    ) -> Option<Candidate> {
        let n = term.stems.len();
        let reach = n + MAX_EXTRA;
        let lo = at.saturating_sub(reach);
        let hi = (at + reach).min(content.len() - 1);
        let mut used: Vec<usize> = Vec::with_capacity(n);
        let mut weight = 0.0;
        let mut substitutions = 0;
        for &stem in &term.stems {
            let class = self.class[stem as usize];
            // The nearest unused content word of the same stem, else of the
            // same class.
            let mut best: Option<(usize, bool)> = None;
            for (k, &(_, s, c)) in content.iter().enumerate().take(hi + 1).skip(lo) {
                if c != clause || used.contains(&k) {
                    continue;
                }
                let Some(s) = s else { continue };
                let exact = s == stem;
                if !exact && self.class[s as usize] != class {
                    continue;
                }
                let closer = best.is_none_or(|(b, be)| {
                    (exact && !be) || (exact == be && k.abs_diff(at) < b.abs_diff(at))
                });
                if closer {
                    best = Some((k, exact));
                }
            }
            // Every content word must be there.
            let (k, exact) = best?;
            used.push(k);
            weight += if exact { 1.0 } else { SUBSTITUTED };
            substitutions += usize::from(!exact);
            if substitutions > 1 {
                return None;
            }
        }
        // One substitution, in a rendering of four or more content words
        // (in three, one word of three changed is too often another phrase:
        // "executive commission meetings" is not "Executive Committee
        // meeting").
        if !used.contains(&at) || substitutions > 1 || (substitutions == 1 && n < 4) {
            return None;
        }
        // Every content word.
        let whole = used.len() == n;
        if !whole {
            return None;
        }
        let from = *used.iter().min()?;
        let to = *used.iter().max()?;
        let extra = (to - from + 1) - used.len();
        if extra > MAX_EXTRA {
            return None;
        }
        // No more function words inside than the rendering has, and one.
        let (first, last) = (content[from].0, content[to].0);
        if last - first + 1 - (to - from + 1) > term.function_words + 1 {
            return None;
        }
        let in_order = used.windows(2).all(|w| w[0] < w[1]);
        // One departure at a time: a substitution or another order.
        if substitutions > 0 && !in_order {
            return None;
        }
        let mut score = weight / n as f64;
        if !in_order {
            score *= REORDERED;
        }
        score *= EXTRA_WORD.powi(extra as i32);
        // A correct rendering found whole, with no substitution and nothing
        // inside it: that is the rendering, inflected.
        let correct = !term.status.needs_replacing() && whole && substitutions == 0 && extra == 0;
        // A correct rendering reached through a substitution or another
        // order is not reported: on official text that is mostly another,
        // correct phrase ("socialist country with Chinese characteristics"
        // is not "socialism with Chinese characteristics").
        if !term.status.needs_replacing() && !correct {
            return None;
        }
        let mut matched = used.clone();
        matched.sort_unstable();
        Some(Candidate {
            term: ti,
            from,
            to,
            score,
            correct,
            matched,
        })
    }
}

#[derive(Debug)]
struct Candidate {
    term: u32,
    /// First and last content-word index of the span.
    from: usize,
    to: usize,
    score: f64,
    /// A correct rendering, inflected: not a finding, and it hides others.
    correct: bool,
    matched: Vec<usize>,
}

fn root(class: &mut [u32], mut i: u32) -> u32 {
    while class[i as usize] != i {
        let up = class[class[i as usize] as usize];
        class[i as usize] = up;
        i = up;
    }
    i
}

/// The stems of the content words of `text`, in order, and how many
/// function words lie between the first and the last.
fn content_stems(stemmer: &Stemmer, stream: &mut Stream, text: &str) -> (Vec<String>, usize) {
    stream.fill(text);
    let words: Vec<&str> = (0..stream.len()).filter_map(|t| stream.word(t)).collect();
    let first = words.iter().position(|w| !is_function_word(w));
    let last = words.iter().rposition(|w| !is_function_word(w));
    let function_words = match (first, last) {
        (Some(f), Some(l)) => words[f..=l].iter().filter(|w| is_function_word(w)).count(),
        _ => 0,
    };
    let stems = words
        .iter()
        .filter(|w| !is_function_word(w))
        .map(|w| stemmer.stem(w).into_owned())
        .collect();
    (stems, function_words)
}

/// The renderings worth looking for near forms of: three or more content
/// words (two are too common a pair in ordinary prose: "socialist country"
/// is not a drifted "socialistic country"), and not a non-standard
/// rendering whose stems are those of a correct rendering ("rule by law"
/// and "rule of law"): the exact matcher tells those apart, stems cannot;
/// nor one whose stems run, in order, inside a correct rendering of its own
/// concept, in any order ("powerful modern socialist country" and "modern
/// and powerful socialist country" inside "powerful modern socialist
/// country in all respects"): a near form of it is as likely the correct one
/// cut short.
fn searchable(terms: Vec<NearTerm>) -> Vec<NearTerm> {
    let mut correct_runs: FxHashMap<u32, Vec<Vec<u32>>> = FxHashMap::default();
    for t in terms.iter().filter(|t| !t.status.needs_replacing()) {
        correct_runs
            .entry(t.concept)
            .or_default()
            .push(t.stems.clone());
    }
    let inside_correct = |t: &NearTerm| {
        let mut own = t.stems.clone();
        own.sort_unstable();
        correct_runs.get(&t.concept).is_some_and(|goods| {
            goods.iter().any(|g| {
                g.windows(t.stems.len()).any(|w| {
                    let mut w = w.to_vec();
                    w.sort_unstable();
                    w == own
                })
            })
        })
    };
    let sorted = |t: &NearTerm| {
        let mut s = t.stems.clone();
        s.sort_unstable();
        s
    };
    let correct: FxHashSet<Vec<u32>> = terms
        .iter()
        .filter(|t| !t.status.needs_replacing())
        .map(sorted)
        .collect();
    terms
        .into_iter()
        .filter(|t| t.stems.len() >= 3)
        .filter(|t| {
            !t.status.needs_replacing() || !(correct.contains(&sorted(t)) || inside_correct(t))
        })
        .collect()
}

/// The substitutions attested by two or more concepts: a non-standard
/// rendering and a correct one of the same concept with the same number of
/// content stems, differing in exactly one.
fn learn_substitutions(
    concepts: &[Concept],
    terms: &[NearTerm],
    names: &[String],
) -> Vec<Substitution> {
    let mut by_concept: FxHashMap<u32, Vec<&NearTerm>> = FxHashMap::default();
    for t in terms {
        by_concept.entry(t.concept).or_default().push(t);
    }
    let mut seen: FxHashMap<(u32, u32), FxHashSet<u32>> = FxHashMap::default();
    for (&concept, ts) in &by_concept {
        for bad in ts.iter().filter(|t| t.status.needs_replacing()) {
            for good in ts.iter().filter(|t| !t.status.needs_replacing()) {
                if bad.stems.len() != good.stems.len() {
                    continue;
                }
                let only_bad: Vec<u32> = bad
                    .stems
                    .iter()
                    .filter(|s| !good.stems.contains(s))
                    .copied()
                    .collect();
                let only_good: Vec<u32> = good
                    .stems
                    .iter()
                    .filter(|s| !bad.stems.contains(s))
                    .copied()
                    .collect();
                if let ([a], [b]) = (only_bad.as_slice(), only_good.as_slice()) {
                    let pair = ((*a).min(*b), (*a).max(*b));
                    seen.entry(pair).or_default().insert(concept);
                }
            }
        }
    }
    let mut out: Vec<Substitution> = seen
        .into_iter()
        .filter(|(_, cs)| cs.len() >= 2)
        .map(|((a, b), cs)| {
            let mut ids: Vec<String> = cs
                .iter()
                .map(|&c| concepts[c as usize].id.clone())
                .collect();
            ids.sort();
            Substitution {
                from: names[a as usize].clone(),
                to: names[b as usize].clone(),
                concepts: ids,
            }
        })
        .collect();
    out.sort_by(|a, b| (&a.from, &a.to).cmp(&(&b.from, &b.to)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{Concept, Term};

    fn concept(id: &str, zh: &str, terms: &[(&str, Status)]) -> Concept {
        Concept {
            id: id.into(),
            category: "theory".into(),
            zh: vec![zh.into()],
            en: terms.iter().map(|&(t, s)| Term::new(t, s)).collect(),
            note: String::new(),
            sources: Vec::new(),
            case_sensitive: false,
        }
    }

    fn glossary() -> Vec<Concept> {
        use Status::*;
        vec![
            concept(
                "full-rigorous-party-self-governance",
                "全面从严治党",
                &[
                    ("full and rigorous Party self-governance", Preferred),
                    ("full and strict governance over the Party", Admitted),
                    ("comprehensively and strictly governing the Party", Deprecated),
                    ("strict Party governance", Deprecated),
                ],
            ),
            concept(
                "party-conduct",
                "党风廉政建设",
                &[
                    ("rigorous Party conduct", Preferred),
                    ("strict Party conduct", Deprecated),
                ],
            ),
            concept(
                "xi-thought",
                "习近平新时代中国特色社会主义思想",
                &[
                    (
                        "Xi Jinping Thought on Socialism with Chinese Characteristics for a New Era",
                        Preferred,
                    ),
                    ("Xi Jinping Thought", Admitted),
                ],
            ),
            concept(
                "strict-review",
                "从严审查",
                &[("rigorous review", Preferred), ("strict review", Deprecated)],
            ),
            concept(
                "eradicate-absolute-poverty",
                "消除绝对贫困",
                &[("eradicate absolute poverty", Preferred)],
            ),
        ]
    }

    fn find(index: &NearIndex, concepts: &[Concept], text: &str) -> Vec<(String, String, f64)> {
        let mut stream = Stream::default();
        stream.fill(text);
        index
            .find(
                concepts,
                &stream,
                &[],
                DEFAULT_MIN_SCORE,
                &mut NearWords::default(),
            )
            .into_iter()
            .map(|n| {
                (
                    text[n.start..n.end].to_string(),
                    concepts[n.concept].en[n.term].text.clone(),
                    n.score,
                )
            })
            .collect()
    }

    #[test]
    fn substitutions_are_learnt_from_two_concepts() {
        let g = glossary();
        let index = NearIndex::new(&g);
        let subs = index.substitutions();
        assert_eq!(subs.len(), 1, "{subs:?}");
        assert_eq!(
            (subs[0].from.as_str(), subs[0].to.as_str()),
            ("rigor", "strict")
        );
        assert_eq!(subs[0].concepts, ["party-conduct", "strict-review"]);
    }

    #[test]
    fn drifted_forms_are_found_and_correct_ones_are_not() {
        let g = glossary();
        let index = NearIndex::new(&g);
        let cases: &[(&str, Option<&str>)] = &[
            // Inflection of a deprecated rendering.
            (
                "They stressed comprehensive and strict governance of the Party.",
                Some("comprehensively and strictly governing the Party"),
            ),
            // Order and function words.
            (
                "They spoke of governing the Party comprehensively and strictly.",
                Some("comprehensively and strictly governing the Party"),
            ),
            // A non-standard rendering whose words lie inside a correct one
            // ("strict Party governance" in "full and strict governance over
            // the Party") is not looked for near: on correct text it would
            // fire on every inflected use of the correct one.
            ("the Party's strict governance was stressed", None),
            // A correct rendering reached through a learnt substitution.
            // A learnt substitution: "rigorous" for "strict", in a rendering
            // of four content words; not in one of three.
            (
                "It stressed comprehensively and rigorously governing the Party.",
                Some("comprehensively and strictly governing the Party"),
            ),
            ("It upheld rigorous Party governance.", None),
            // Correct usage, inflected: nothing.
            (
                "We must exercise full and rigorous self-governance of the Party.",
                None,
            ),
            ("Xinhua said China had eradicated absolute poverty.", None),
            ("full and strict governance over the Party", None),
            // Words of a rendering spread over two sentences: nothing.
            ("Governance matters. The Party is strict.", None),
        ];
        for (text, want) in cases {
            let got = find(&index, &g, text);
            match want {
                Some(term) => {
                    assert_eq!(got.len(), 1, "{text}: {got:?}");
                    assert_eq!(got[0].1, *term, "{text}: {got:?}");
                }
                None => assert!(got.is_empty(), "{text}: {got:?}"),
            }
        }
    }
}
