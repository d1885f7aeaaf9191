//! Sentence boundaries inside one paragraph.
//!
//! English: `.`, `!`, `?` and ellipses end a sentence when white space and a
//! word that is not in lower case follow, unless the word before a full stop
//! is an abbreviation that rules it out (see `rules.en.txt`). Closing quotes
//! and brackets after the punctuation stay with the sentence.
//!
//! Chinese: 。！？；and …… end a sentence (and their half-width forms next to
//! Chinese text), with closing quotes and brackets after them, except inside
//! a 《title》 or before a comma.

use super::rules::{Abbrev, Rules};
use crate::lang::is_cjk;
use crate::Lang;

/// Characters that close a quotation or bracket and stay with the sentence
/// they follow.
pub fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’'
            | '"'
            | '\''
            | ')'
            | ']'
            | '}'
            | '»'
            | '」'
            | '』'
            | '）'
            | '》'
            | '〕'
            | '】'
            | '〉'
            | '］'
    )
}

pub fn is_opener(c: char) -> bool {
    matches!(
        c,
        '“' | '‘'
            | '"'
            | '\''
            | '('
            | '['
            | '{'
            | '«'
            | '「'
            | '『'
            | '（'
            | '《'
            | '〔'
            | '【'
            | '〈'
            | '［'
    )
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Term {
    /// `.`
    Stop,
    /// `!`, `?`
    Bang,
    /// `...` or `…`
    Ellipsis,
    /// 。！？；…… and half-width forms used in Chinese text
    Chinese,
}

/// Bytes that can start a terminator or a 《》 bracket.
static INTERESTING: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[b';' as usize] = true;
    t[0xE2] = true; // … U+2026
    t[0xE3] = true; // 。《》
    t[0xEF] = true; // ！？；
    t
};

/// Pushes onto `out` the byte offset just past the end of each sentence of
/// `text` (one paragraph); the last sentence always ends at `text.len()`.
pub fn ends(text: &str, lang: Lang, rules: &Rules, out: &mut Vec<usize>) {
    let b = text.as_bytes();
    let mut depth = 0u32; // inside 《》
    let mut i = 0;
    while i < b.len() {
        if !INTERESTING[b[i] as usize] {
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        let term = match c {
            '.' => {
                if b.get(i + 1) == Some(&b'.') {
                    Term::Ellipsis
                } else {
                    Term::Stop
                }
            }
            '!' | '?' | ';' => {
                let chinese_context = lang == Lang::Zh
                    || text[..i].chars().next_back().is_some_and(is_cjk)
                    || text[i + 1..].chars().next().is_some_and(is_cjk);
                if chinese_context {
                    Term::Chinese
                } else if c == ';' {
                    i += 1;
                    continue;
                } else {
                    Term::Bang
                }
            }
            '…' => {
                if lang == Lang::Zh || text[..i].chars().next_back().is_some_and(is_cjk) {
                    Term::Chinese
                } else {
                    Term::Ellipsis
                }
            }
            '。' | '！' | '？' | '；' => Term::Chinese,
            '《' => {
                depth += 1;
                i += c.len_utf8();
                continue;
            }
            '》' => {
                depth = depth.saturating_sub(1);
                i += c.len_utf8();
                continue;
            }
            _ => {
                i += c.len_utf8();
                continue;
            }
        };
        let end = cluster_end(text, i, &mut depth);
        let boundary = match term {
            Term::Chinese => {
                let end = with_citation(text, end);
                (depth == 0 && chinese_boundary(text, end)).then_some(end)
            }
            _ => latin_boundary(text, i, end, term, rules),
        };
        match boundary {
            Some(at) if at < text.len() => {
                out.push(at);
                i = at;
            }
            _ => i = end,
        }
    }
    out.push(text.len());
}

/// The end of the run of terminators and closing quotes starting at `i`.
fn cluster_end(text: &str, i: usize, depth: &mut u32) -> usize {
    let mut j = i;
    for c in text[i..].chars() {
        let terminator =
            matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？' | '；') || (c == ';' && j == i);
        if !(terminator || is_closer(c)) {
            break;
        }
        if c == '》' {
            *depth = depth.saturating_sub(1);
        }
        // A straight quote after white space opens the next sentence.
        j += c.len_utf8();
    }
    j
}

/// A bracketed source right after a quotation belongs to it:
/// “……”。（《共产主义运动中的“左派”幼稚病》）
fn with_citation(text: &str, end: usize) -> usize {
    let rest = &text[end..];
    let Some(open) = rest.chars().next().filter(|c| matches!(c, '（' | '(')) else {
        return end;
    };
    let inner = &rest[open.len_utf8()..];
    if !inner.starts_with('《') {
        return end;
    }
    match inner
        .char_indices()
        .take(120)
        .find(|&(_, c)| matches!(c, '）' | ')'))
    {
        Some((i, c)) => end + open.len_utf8() + i + c.len_utf8(),
        None => end,
    }
}

fn chinese_boundary(text: &str, end: usize) -> bool {
    match text[end..].trim_start().chars().next() {
        None => true,
        Some(c) => !matches!(c, '，' | '、' | ',' | '：' | ':' | '；' | ';') && !c.is_lowercase(),
    }
}

/// The word that ends at `end` (before a full stop): back to white space or
/// an opening quote or bracket. Returns the word and its start offset.
fn word_before(text: &str, end: usize) -> (&str, usize) {
    let head = &text[..end];
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || (is_opener(c) && c != '\''))
        .map_or(0, |(i, c)| i + c.len_utf8());
    (&head[start..], start)
}

/// The word that starts at `start`: letters, with inner dots and apostrophes.
fn word_after(text: &str) -> &str {
    let end = text
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.' || c == '\'' || c == '’'))
        .map_or(text.len(), |(i, _)| i);
    text[..end].trim_end_matches('.')
}

/// Where a sentence ends at the terminator `text[i..end]`, if it does.
fn latin_boundary(text: &str, i: usize, end: usize, term: Term, rules: &Rules) -> Option<usize> {
    let rest = &text[end..];
    let Some(first) = rest.chars().next() else {
        return Some(end);
    };
    if !first.is_whitespace() {
        // "3.5", "U.S.", "e.g.," and "end.Next" are not boundaries; a
        // sentence followed straight by Chinese text is, and so is one with a
        // footnote number glued on ("in 1973.2 However, ...").
        if is_cjk(first) {
            return Some(end);
        }
        return footnote(text, i, end, rules);
    }
    let rest = rest.trim_start();
    let Some(next) = rest.chars().next() else {
        return Some(end);
    };
    if next.is_lowercase() || matches!(next, ',' | ';' | ':' | '%') {
        return None;
    }
    if term != Term::Stop || end != i + 1 {
        // "?", "!", an ellipsis, or a full stop followed by a closing quote.
        return Some(end);
    }
    let (word, word_start) = word_before(text, i);
    let following = || {
        let r = rest.trim_start_matches(is_opener);
        word_after(r)
    };
    let boundary = match rules.abbrev(word) {
        Some(Abbrev::Title | Abbrev::Inner) => false,
        Some(Abbrev::Number) => !next.is_ascii_digit(),
        Some(Abbrev::Final) => rules.abbrev(following()).is_none(),
        Some(Abbrev::Acronym) => rules.is_starter(following()),
        None => {
            let mut chars = word.chars();
            let single = chars.next().filter(|_| chars.next().is_none());
            if single.is_some_and(|c| c.is_uppercase()) {
                // An initial ("John F. Kennedy"), unless a sentence starts.
                rules.is_starter(following())
            } else if word_start == 0 && is_marker(word) {
                // "1.", "a." or "IV." at the start of a paragraph.
                false
            } else {
                !word.is_empty() || i > 0
            }
        }
    };
    boundary.then_some(end)
}

/// A footnote number glued to a full stop: "... in 1973.2 However, ...": one
/// or two digits after the stop, then a capitalised sentence starter, and a
/// word or a year before it (not a decimal like "3.2").
fn footnote(text: &str, i: usize, end: usize, rules: &Rules) -> Option<usize> {
    if end != i + 1 {
        return None;
    }
    let digits = text[end..].bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let after = &text[end + digits..];
    if !after.starts_with(char::is_whitespace) {
        return None;
    }
    let next = word_after(after.trim_start());
    let (word, _) = word_before(text, i);
    let year = word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit());
    let wordy = word.chars().all(char::is_alphabetic) && word.chars().count() > 1;
    (next.starts_with(char::is_uppercase) && rules.is_starter(next) && (year || wordy))
        .then_some(end + digits)
}

/// A list or paragraph number: up to three digits, one letter, a roman numeral.
fn is_marker(word: &str) -> bool {
    (!word.is_empty() && word.len() <= 3 && word.bytes().all(|b| b.is_ascii_digit()))
        || (word.len() == 1 && word.bytes().all(|b| b.is_ascii_alphabetic()))
        || (!word.is_empty() && word.len() <= 5 && word.bytes().all(|b| b"ivxlIVXL".contains(&b)))
}

/// Whether a line ends a sentence: terminal punctuation, perhaps followed by
/// closing quotes or brackets, and not an abbreviation that never ends one.
pub fn line_ends_sentence(line: &str) -> bool {
    let core = line.trim_end().trim_end_matches(is_closer);
    let Some(last) = core.chars().next_back() else {
        return false;
    };
    match last {
        '!' | '?' | '…' | '。' | '！' | '？' | '；' => true,
        ';' => core[..core.len() - 1]
            .chars()
            .next_back()
            .is_some_and(is_cjk),
        '.' => {
            let (word, _) = word_before(core, core.len() - 1);
            !matches!(
                Rules::english().abbrev(word),
                Some(Abbrev::Title | Abbrev::Inner | Abbrev::Number)
            )
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ends() {
        assert!(line_ends_sentence("It ended."));
        assert!(line_ends_sentence("the “two maintenances.”"));
        assert!(line_ends_sentence("坚决做到“两个维护”。"));
        assert!(!line_ends_sentence("to thank Mr."));
        assert!(!line_ends_sentence("Mr. President,"));
        assert!(!line_ends_sentence("the United Nations"));
    }
}
