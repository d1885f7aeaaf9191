//! The term matcher: finds glossary terms (every status) in running text.
//!
//! English is matched on normalised words: NFKC, lower case, curly and
//! straight quotes and apostrophes alike, hyphens, dashes, spaces and line
//! breaks all one separator ("party-building" = "Party building", a term
//! broken across a line end still matches), possessive and plural endings
//! removed ("Party’s" = "party"); whole words only. Chinese is matched as
//! substrings (each Han character is a token of its own) that begin and end
//! on word boundaries ([`super::zh_words`]: 人民|生活 holds no 民生). Other punctuation
//! is a barrier no term crosses. Matches are leftmost-longest: a short term
//! inside a longer matched term is not reported, and every match maps back
//! to the byte span of the original text.
//!
//! Near misses of multi-word English terms (one word off by one letter:
//! "Communist Paty of China") are found separately, without flagging
//! ordinary words.

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};

use aho_corasick::{AhoCorasick, Input, MatchKind};

use super::zh_words::on_word_boundaries;
use unicode_normalization::UnicodeNormalization;

use super::{Concept, Status};
use crate::lang::is_han;
use crate::normalize::{fold_char, simplified, stem_parts};
use crate::{Error, Result};

/// Marks the start and end of each token in the normalised stream, so that
/// patterns match whole tokens only and consecutive matches do not share
/// anything.
const OPEN: char = '\u{1}';
const CLOSE: char = '\u{2}';

/// A token of the normalised stream and where it came from.
#[derive(Debug, Clone, Copy)]
struct Token {
    /// Offset of the token's OPEN marker in the stream.
    at: u32,
    start: u32,
    end: u32,
    /// A word (letters or digits), not a Han character or punctuation.
    word: bool,
}

/// Text turned into a stream of normalised tokens, reusable between calls.
#[derive(Debug, Default)]
pub struct Stream {
    norm: String,
    tokens: Vec<Token>,
    word: String,
}

fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '_'
                | '‐'
                | '‑'
                | '‒'
                | '–'
                | '—'
                | '―'
                | '−'
                | '﹣'
                | '－'
                | '"'
                | '“'
                | '”'
                | '„'
                | '‟'
                | '«'
                | '»'
                | '「'
                | '」'
                | '『'
                | '』'
                | '＂'
                | '\''
                | '‘'
                | '’'
                | '‚'
                | '‛'
                | '`'
                | '´'
        )
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | '＇')
}

impl Stream {
    /// Tokenises `text` into this stream.
    pub fn fill(&mut self, text: &str) {
        self.norm.clear();
        self.tokens.clear();
        let bytes = text.as_bytes();
        let mut word_start: Option<usize> = None;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                // ASCII: the common case, without decoding.
                if b.is_ascii_alphanumeric() {
                    if word_start.is_none() {
                        word_start = Some(i);
                    }
                    // The rest of the word at once.
                    i += 1;
                    while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                        i += 1;
                    }
                    continue;
                }
                if b == b'\''
                    && word_start.is_some()
                    && bytes.get(i + 1).is_some_and(|n| n.is_ascii_alphanumeric())
                {
                    i += 1;
                    continue;
                }
                if let Some(start) = word_start.take() {
                    self.push_word(text, start, i);
                }
                if !is_separator(b as char) {
                    self.push_char(b as char, i);
                }
                i += 1;
                continue;
            }
            let c = text[i..].chars().next().unwrap_or(' ');
            let len = c.len_utf8();
            if c.is_alphanumeric() && !is_han(c) {
                word_start.get_or_insert(i);
                i += len;
                continue;
            }
            // An apostrophe between letters belongs to the word ("Party’s").
            if is_apostrophe(c) && word_start.is_some() {
                if let Some(next) = text[i + len..].chars().next() {
                    if next.is_alphanumeric() && !is_han(next) {
                        i += len;
                        continue;
                    }
                }
            }
            if let Some(start) = word_start.take() {
                self.push_word(text, start, i);
            }
            if !is_separator(c) {
                self.push_char(c, i);
            }
            i += len;
        }
        if let Some(start) = word_start {
            self.push_word(text, start, text.len());
        }
    }

    fn push_word(&mut self, text: &str, start: usize, end: usize) {
        let raw = &text[start..end];
        let at = self.norm.len() as u32;
        self.norm.push(OPEN);
        if raw.is_ascii() && !raw.contains('\'') {
            // Lower case straight into the stream, then cut the ending off.
            let from = self.norm.len();
            self.norm.push_str(raw);
            self.norm[from..].make_ascii_lowercase();
            if self.norm.ends_with('s') {
                let (base, suffix) = stem_parts(&self.norm[from..]);
                let (keep, suffix) = (base.len(), suffix);
                self.norm.truncate(from + keep);
                self.norm.push_str(suffix);
            }
        } else {
            self.word.clear();
            if raw.is_ascii() {
                for b in raw.bytes() {
                    self.word.push(b.to_ascii_lowercase() as char);
                }
            } else {
                for c in raw.nfkc() {
                    let c = fold_char(c);
                    self.word.extend(c.to_lowercase());
                }
            }
            let (base, suffix) = stem_parts(&self.word);
            self.norm.push_str(base);
            self.norm.push_str(suffix);
        }
        self.norm.push(CLOSE);
        self.tokens.push(Token {
            at,
            start: start as u32,
            end: end as u32,
            word: true,
        });
    }

    fn push_char(&mut self, c: char, i: usize) {
        let at = self.norm.len() as u32;
        self.norm.push(OPEN);
        if c.is_ascii() {
            self.norm.push(c);
        } else {
            for n in std::iter::once(c).nfkc() {
                self.norm.push(fold_char(simplified(n)));
            }
        }
        self.norm.push(CLOSE);
        self.tokens.push(Token {
            at,
            start: i as u32,
            end: (i + c.len_utf8()) as u32,
            word: false,
        });
    }

    /// How many tokens there are.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The normalised text of token `t` when it is a word (lower case,
    /// plural and possessive endings removed), else `None`.
    pub fn word(&self, t: usize) -> Option<&str> {
        self.tokens[t].word.then(|| self.token_text(t))
    }

    /// The normalised text of token `t` (a word, a Han character or a
    /// punctuation mark).
    pub fn text(&self, t: usize) -> &str {
        self.token_text(t)
    }

    /// The byte span of token `t` in the text.
    pub fn span(&self, t: usize) -> (usize, usize) {
        let token = self.tokens[t];
        (token.start as usize, token.end as usize)
    }

    fn token_text(&self, t: usize) -> &str {
        let at = self.tokens[t].at as usize + OPEN.len_utf8();
        let end = self
            .tokens
            .get(t + 1)
            .map_or(self.norm.len(), |n| n.at as usize)
            - CLOSE.len_utf8();
        &self.norm[at..end]
    }

    /// The index of the token whose OPEN marker is at stream offset `at`.
    fn token_at(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| (t.at as usize) < at)
    }
}

/// Which term of a concept: a Chinese form or an English term, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TermRef {
    Zh(u32),
    En(u32),
}

#[derive(Debug, Clone, Copy)]
struct Target {
    concept: u32,
    term: TermRef,
}

/// A term found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermMatch {
    /// Index of the concept in [`Matcher::concepts`].
    pub concept: usize,
    pub term: TermRef,
    /// Byte span in the text.
    pub start: usize,
    pub end: usize,
}

/// A near miss of a multi-word English term: one word one edit away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearMiss {
    pub concept: usize,
    pub term: TermRef,
    pub start: usize,
    pub end: usize,
}

/// A multi-word English pattern, for near misses.
#[derive(Debug, Clone)]
struct Phrase {
    target: u32,
    words: Vec<String>,
    /// Whether each word of the term is capitalised in the glossary.
    capitalised: Vec<bool>,
}

/// Finds glossary terms in text. Built once from the glossary.
pub struct Matcher {
    concepts: Vec<Concept>,
    targets: Vec<Target>,
    ac: Option<AhoCorasick>,
    phrases: Vec<Phrase>,
    /// Every word of every phrase.
    phrase_words: FxHashSet<String>,
    /// A phrase word and each of its one-letter deletions → (phrase,
    /// position): the index that finds words one edit away from a phrase
    /// word (as in SymSpell).
    deletions: FxHashMap<String, Vec<(u32, u8)>>,
}

/// What a text word may be a misspelling of, remembered per distinct word.
#[derive(Default)]
pub struct NearMemo {
    seen: FxHashMap<String, Vec<(u32, u8)>>,
}

/// The one-letter deletions of a word.
fn deletions(word: &str) -> impl Iterator<Item = String> + '_ {
    word.char_indices().map(move |(i, c)| {
        let mut d = String::with_capacity(word.len());
        d.push_str(&word[..i]);
        d.push_str(&word[i + c.len_utf8()..]);
        d
    })
}

impl Matcher {
    pub fn new(concepts: Vec<Concept>) -> Result<Matcher> {
        let mut patterns: Vec<String> = Vec::new();
        let mut targets = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut phrases = Vec::new();
        let mut stream = Stream::default();
        for (ci, c) in concepts.iter().enumerate() {
            let terms =
                c.zh.iter()
                    .enumerate()
                    .map(|(i, t)| (TermRef::Zh(i as u32), t.as_str()))
                    .chain(
                        c.en.iter()
                            .enumerate()
                            .map(|(i, t)| (TermRef::En(i as u32), t.text.as_str())),
                    );
            for (term, text) in terms {
                stream.fill(text);
                let mut first = 0;
                if stream.tokens.len() > 1 && stream.token_text(0) == "the" {
                    first = 1;
                }
                if first >= stream.tokens.len() {
                    continue;
                }
                let pattern = stream.norm[stream.tokens[first].at as usize..].to_string();
                if seen.contains_key(&pattern) {
                    continue;
                }
                seen.insert(pattern.clone(), targets.len());
                let target = targets.len() as u32;
                targets.push(Target {
                    concept: ci as u32,
                    term,
                });
                patterns.push(pattern);
                let words: Vec<usize> = (first..stream.tokens.len()).collect();
                if matches!(term, TermRef::En(_))
                    && words.len() >= 2
                    && words.iter().all(|&t| stream.tokens[t].word)
                {
                    phrases.push(Phrase {
                        target,
                        words: words
                            .iter()
                            .map(|&t| stream.token_text(t).to_string())
                            .collect(),
                        capitalised: words
                            .iter()
                            .map(|&t| {
                                text[stream.tokens[t].start as usize..]
                                    .starts_with(char::is_uppercase)
                            })
                            .collect(),
                    });
                }
            }
        }
        let ac = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&patterns)
                    .map_err(|e| Error::Invalid(format!("building the term matcher: {e}")))?,
            )
        };
        let mut phrase_words = FxHashSet::default();
        let mut deletion_index: FxHashMap<String, Vec<(u32, u8)>> = FxHashMap::default();
        for (pi, p) in phrases.iter().enumerate() {
            for (wi, w) in p.words.iter().enumerate() {
                phrase_words.insert(w.clone());
                if w.chars().count() < 3 {
                    continue;
                }
                let entry = (pi as u32, wi as u8);
                deletion_index.entry(w.clone()).or_default().push(entry);
                for d in deletions(w) {
                    deletion_index.entry(d).or_default().push(entry);
                }
            }
        }
        for list in deletion_index.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        Ok(Matcher {
            concepts,
            targets,
            ac,
            phrases,
            phrase_words,
            deletions: deletion_index,
        })
    }

    pub fn concepts(&self) -> &[Concept] {
        &self.concepts
    }

    /// The number of distinct term patterns.
    pub fn patterns(&self) -> usize {
        self.targets.len()
    }

    /// The status of a matched term (Chinese forms count as preferred).
    pub fn status(&self, m: &TermMatch) -> Status {
        self.term_status(m.concept, m.term)
    }

    pub fn term_status(&self, concept: usize, term: TermRef) -> Status {
        match term {
            TermRef::Zh(_) => Status::Preferred,
            TermRef::En(i) => self.concepts[concept].en[i as usize].status,
        }
    }

    /// The glossary text of a term.
    pub fn term_text(&self, concept: usize, term: TermRef) -> &str {
        let c = &self.concepts[concept];
        match term {
            TermRef::Zh(i) => &c.zh[i as usize],
            TermRef::En(i) => &c.en[i as usize].text,
        }
    }

    /// Every term in `text`, in order, leftmost-longest.
    pub fn find(&self, text: &str) -> Vec<TermMatch> {
        let mut stream = Stream::default();
        let mut out = Vec::new();
        self.find_into(text, &mut stream, &mut out);
        out
    }

    /// [`Matcher::find`] reusing a stream and an output vector.
    pub fn find_into(&self, text: &str, stream: &mut Stream, out: &mut Vec<TermMatch>) {
        out.clear();
        let Some(ac) = &self.ac else {
            return;
        };
        stream.fill(text);
        let hay = stream.norm.as_str();
        let mut pos = 0;
        while pos < hay.len() {
            let Some(m) = ac.find(Input::new(hay).span(pos..hay.len())) else {
                break;
            };
            let first = stream.token_at(m.start());
            let last = stream.token_at(m.end()) - 1;
            let target = self.targets[m.pattern().as_usize()];
            let (start, end) = (
                stream.tokens[first].start as usize,
                stream.tokens[last].end as usize,
            );
            // A Chinese term across a word boundary (人民|生活 is not 民生)
            // is no hit; a term may still start at the next character.
            if matches!(target.term, TermRef::Zh(_)) && !on_word_boundaries(text, start, end) {
                pos = stream
                    .tokens
                    .get(first + 1)
                    .map_or(hay.len(), |t| t.at as usize);
                continue;
            }
            out.push(TermMatch {
                concept: target.concept as usize,
                term: target.term,
                start,
                end,
            });
            pos = m.end();
        }
    }

    /// Near misses of multi-word English terms in `text`: windows of words
    /// where all words but one are the term's, and that one is a single edit
    /// away, written with the same capitalisation, at least four letters
    /// long, and not itself a word of any glossary term. Spans that overlap
    /// an exact match are not reported.
    pub fn near_misses(&self, text: &str, exact: &[TermMatch]) -> Vec<NearMiss> {
        let mut stream = Stream::default();
        stream.fill(text);
        self.near_misses_in(text, &stream, exact, &mut NearMemo::default())
    }

    /// [`Matcher::near_misses`] on a stream already filled with `text` (by
    /// [`Matcher::find_into`]), remembering in `memo` what each distinct
    /// word may be a misspelling of.
    pub fn near_misses_in(
        &self,
        text: &str,
        stream: &Stream,
        exact: &[TermMatch],
        memo: &mut NearMemo,
    ) -> Vec<NearMiss> {
        let mut found: Vec<NearMiss> = Vec::new();
        if self.phrases.is_empty() {
            return found;
        }
        let n = stream.tokens.len();
        for i in 0..n {
            if !stream.tokens[i].word {
                continue;
            }
            let word = stream.token_text(i);
            let candidates = match memo.seen.get(word) {
                Some(c) => c,
                None => {
                    let c = self.misspelling_of(word);
                    memo.seen.entry(word.to_string()).or_insert(c)
                }
            };
            for &(pi, pos) in candidates {
                let Some(start) = i.checked_sub(pos as usize) else {
                    continue;
                };
                let phrase = &self.phrases[pi as usize];
                if start + phrase.words.len() > n {
                    continue;
                }
                if let Some(miss) = self.check_window(text, stream, start, phrase) {
                    let overlaps = exact
                        .iter()
                        .any(|m| m.start < miss.end && miss.start < m.end)
                        || found
                            .iter()
                            .any(|f| f.start < miss.end && miss.start < f.end);
                    if !overlaps {
                        found.push(miss);
                    }
                }
            }
        }
        found.sort_by_key(|m| m.start);
        found
    }

    /// The (phrase, position) pairs whose word is one edit from `word`, when
    /// `word` is long enough and not itself a phrase word.
    fn misspelling_of(&self, word: &str) -> Vec<(u32, u8)> {
        if word.chars().count() < 4 || self.phrase_words.contains(word) {
            return Vec::new();
        }
        let mut out: Vec<(u32, u8)> = Vec::new();
        let mut probe = |key: &str| {
            if let Some(list) = self.deletions.get(key) {
                for &(pi, pos) in list {
                    let want = &self.phrases[pi as usize].words[pos as usize];
                    if crate::edit_distance::chars(word, want) == 1 || transposed(word, want) {
                        out.push((pi, pos));
                    }
                }
            }
        };
        probe(word);
        for d in deletions(word) {
            probe(&d);
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    fn check_window(
        &self,
        text: &str,
        stream: &Stream,
        start: usize,
        phrase: &Phrase,
    ) -> Option<NearMiss> {
        let mut miss = None;
        for (k, want) in phrase.words.iter().enumerate() {
            let t = start + k;
            if !stream.tokens[t].word {
                return None;
            }
            let got = stream.token_text(t);
            if got == want {
                continue;
            }
            if miss.is_some() {
                return None;
            }
            miss = Some((k, t, got));
        }
        let (k, t, got) = miss?;
        let want = &phrase.words[k];
        if got.chars().count() < 4 || self.phrase_words.contains(got) || COMMON_WORDS.contains(&got)
        {
            return None;
        }
        let tok = stream.tokens[t];
        let written = &text[tok.start as usize..tok.end as usize];
        if written.starts_with(char::is_uppercase) != phrase.capitalised[k] {
            return None;
        }
        if phrase.words.len() == 2 && !phrase.capitalised.iter().all(|c| *c) {
            // Two ordinary words are too easily one letter off.
            return None;
        }
        if crate::edit_distance::chars(got, want) != 1 && !transposed(got, want) {
            return None;
        }
        let target = self.targets[phrase.target as usize];
        Some(NearMiss {
            concept: target.concept as usize,
            term: target.term,
            start: stream.tokens[start].start as usize,
            end: stream.tokens[start + phrase.words.len() - 1].end as usize,
        })
    }
}

/// Common English words one letter from common term words ("There must"
/// is not "Three Musts", "form" is not "from"): a misspelling is never one
/// of them.
const COMMON_WORDS: &[&str] = &[
    "there", "their", "these", "those", "where", "which", "while", "from", "form", "with", "that",
    "this", "they", "them", "then", "than", "when", "were", "have", "been", "into", "over",
    "under", "after", "other", "about", "work", "word", "world", "what", "whom",
];

/// Two adjacent letters swapped ("Pary" for "Pray").
fn transposed(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len() != b.len() {
        return false;
    }
    let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    diff.len() == 2
        && diff[1] == diff[0] + 1
        && a[diff[0]] == b[diff[1]]
        && a[diff[1]] == b[diff[0]]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::test_glossary;

    fn matcher() -> Matcher {
        Matcher::new(test_glossary()).unwrap()
    }

    /// (text, [(matched text, concept id)])
    #[test]
    fn hard_cases() {
        let m = matcher();
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                "the Party’s leadership",
                &[("Party’s leadership", "party-leadership")],
            ),
            (
                "under the party's Leadership.",
                &[("party's Leadership", "party-leadership")],
            ),
            (
                "Party-building work",
                &[("Party-building", "party-building")],
            ),
            ("PARTY BUILDING", &[("PARTY BUILDING", "party-building")]),
            (
                "strengthen Party\nbuilding in the new era",
                &[("Party\nbuilding", "party-building")],
            ),
            (
                "achieve the “two maintenances.”",
                &[("two maintenances", "two-upholds")],
            ),
            ("two maintenance", &[("two maintenance", "two-upholds")]),
            ("坚持全面从严治党。", &[("全面从严治党", "full-rigorous")]),
            ("推进从严治党", &[("从严治党", "strict")]),
            ("中国共产党的领导", &[("中国共产党", "cpc")]),
            (
                "promote comprehensive and strict party governance",
                &[("comprehensive and strict party governance", "full-rigorous")],
            ),
            (
                "Communist Party of China",
                &[("Communist Party of China", "cpc")],
            ),
            ("the CPC.", &[("CPC", "cpc")]),
            ("CPCs", &[("CPCs", "cpc")]),
            ("MCPC", &[]),
            ("party, building", &[]),
            ("rebuilding", &[]),
            (
                "Ｔｗｏ　Ｕｐｈｏｌｄｓ",
                &[("Ｔｗｏ　Ｕｐｈｏｌｄｓ", "two-upholds")],
            ),
            (
                "governance and Party building",
                &[
                    ("governance", "governance"),
                    ("Party building", "party-building"),
                ],
            ),
        ];
        for (text, want) in cases {
            let got: Vec<(&str, &str)> = m
                .find(text)
                .iter()
                .map(|x| (&text[x.start..x.end], m.concepts()[x.concept].id.as_str()))
                .collect();
            assert_eq!(got, *want, "{text:?}");
        }
    }

    #[test]
    fn near_misses_of_multi_word_terms() {
        let m = matcher();
        let cases: &[(&str, &[&str])] = &[
            (
                "the sixth Communist Paty of China (CPC) Chongqing",
                &["Communist Paty of China"],
            ),
            ("the Communist Party of China", &[]),
            ("the communist parts of China", &[]),
            (
                "full and rigorous Party self-governence",
                &["full and rigorous Party self-governence"],
            ),
            ("the party constructs a road", &[]),
        ];
        for (text, want) in cases {
            let exact = m.find(text);
            let got: Vec<&str> = m
                .near_misses(text, &exact)
                .iter()
                .map(|x| &text[x.start..x.end])
                .collect();
            assert_eq!(got, *want, "{text:?}");
        }
    }
}
