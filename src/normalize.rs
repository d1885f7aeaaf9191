//! Unicode normalisation and folding, in one place for the whole of tifa.
//!
//! Stored text is NFC and otherwise exactly as in the source. Matching uses a
//! *key*: NFKC (so full-width Ｌａｔｉｎ and half-width forms meet), lower case,
//! curly and straight quotes and apostrophes folded together, the many dashes
//! and hyphens folded to `-`, and runs of white space folded to one space.
//! Nothing here decides what counts as a word or a term; that belongs to the
//! segmenter and the glossary matcher.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// The text in Unicode Normalization Form C, borrowed when it already is.
pub fn nfc(text: &str) -> Cow<'_, str> {
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        _ => Cow::Owned(text.nfc().collect()),
    }
}

/// Folds one character of NFKC text for matching: quotes, apostrophes and
/// dashes to their ASCII forms, white space to a plain space.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '`'
        | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// The matching key of a text: NFKC, lower case, quotes, dashes and spaces
/// folded, white space collapsed and trimmed. Two segments with the same key
/// are the same sentence for exact matching.
pub fn key(text: &str) -> String {
    if text.is_ascii() {
        return ascii_key(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfkc() {
        let c = fold_char(c);
        if c == ' ' {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// [`key`] for ASCII text, which NFKC leaves as it is.
fn ascii_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for b in text.bytes() {
        let c = match b {
            b'`' => b'\'',
            b if b.is_ascii_whitespace() => b' ',
            b => b.to_ascii_lowercase(),
        };
        if c == b' ' {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c as char);
    }
    out
}

/// OpenCC's traditional → simplified character table (data/opencc).
const TRADITIONAL: &str = include_str!("../data/opencc/TSCharacters.txt");

fn traditional_table() -> &'static HashMap<char, char> {
    static TABLE: OnceLock<HashMap<char, char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = HashMap::new();
        for line in TRADITIONAL.lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut parts = line.split('\t');
            let (Some(from), Some(to)) = (parts.next(), parts.next()) else {
                continue;
            };
            let mut from_chars = from.chars();
            let (Some(f), None) = (from_chars.next(), from_chars.next()) else {
                continue;
            };
            if let Some(t) = to.split(' ').next().and_then(|t| t.chars().next()) {
                if t != f {
                    map.insert(f, t);
                }
            }
        }
        map
    })
}

/// The simplified form of a Chinese character written in traditional
/// characters (從 → 从, 黨 → 党), or the character itself. One character
/// for one, so spans in the text are kept.
pub fn simplified(c: char) -> char {
    if (c as u32) < 0x3400 {
        return c;
    }
    traditional_table().get(&c).copied().unwrap_or(c)
}

/// The text with traditional characters folded to simplified ones.
pub fn simplify(text: &str) -> Cow<'_, str> {
    if text.chars().all(|c| simplified(c) == c) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().map(simplified).collect())
    }
}

/// The key of a glossary term or lookup query: [`key`], then hyphens and
/// spaces folded together, a leading "the" dropped, and each English word
/// reduced to a simple stem (possessive and plural endings removed), so that
/// "The Party’s", "party's" and "parties" meet, and "two maintenances" meets
/// "two maintenance". Chinese text loses its spaces.
pub fn term_key(text: &str) -> String {
    let base = key(text);
    let mut words: Vec<String> = Vec::new();
    for word in base.split([' ', '-', '_']) {
        if word.is_empty() {
            continue;
        }
        words.push(stem(word));
    }
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    let han = words.iter().any(|w| w.chars().any(crate::lang::is_han));
    if han {
        // Chinese: traditional characters meet simplified ones.
        return simplify(&words.concat()).into_owned();
    }
    words.join(" ")
}

/// A simple English stem: drops a possessive ('s, s') and a plural ending.
/// Words with non-ASCII letters (Chinese) are returned as they are.
pub fn stem(word: &str) -> String {
    let (base, suffix) = stem_parts(word);
    let mut out = String::with_capacity(base.len() + suffix.len());
    out.push_str(base);
    out.push_str(suffix);
    out
}

/// [`stem`] without allocating: the stem is `base` followed by `suffix`
/// ("policies" → ("polic", "y")).
pub fn stem_parts(word: &str) -> (&str, &'static str) {
    // Most words do not end in "s" (or an apostrophe): nothing to remove.
    if !word.ends_with(['s', '\'', '"']) {
        return (word.trim_start_matches(['\'', '"']), "");
    }
    let mut w = word.trim_matches(|c: char| c == '\'' || c == '"');
    if !w.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'\'') {
        return (w, "");
    }
    if let Some(base) = w.strip_suffix("'s") {
        w = base;
    }
    let w = w.trim_end_matches('\'');
    let n = w.len();
    if n > 4 && w.ends_with("ies") {
        return (&w[..n - 3], "y");
    }
    if n > 4
        && (w.ends_with("ches") || w.ends_with("shes") || w.ends_with("sses") || w.ends_with("xes"))
    {
        return (&w[..n - 2], "");
    }
    if n > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        return (&w[..n - 1], "");
    }
    (w, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_characters_fold_to_simplified() {
        assert_eq!(simplify("全面從嚴治黨"), "全面从严治党");
        assert_eq!(simplify("兩個維護"), "两个维护");
        assert!(matches!(
            simplify("全面从严治党 and Latin"),
            Cow::Borrowed(_)
        ));
        assert_eq!(term_key("全面從嚴治黨"), term_key("全面从严治党"));
        // One character for one: spans stay where they were.
        let t = "堅持黨的全面領導";
        assert_eq!(simplify(t).chars().count(), t.chars().count());
    }

    #[test]
    fn nfc_composes() {
        assert_eq!(nfc("e\u{301}"), "\u{e9}");
        assert!(matches!(nfc("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn keys_fold_what_translators_consider_the_same() {
        let cases = [
            ("The Party’s leadership", "the party's leadership"),
            ("  the  “Two Upholds”\n", "the \"two upholds\""),
            ("Ｘｉ　Ｊｉｎｐｉｎｇ", "xi jinping"),
            ("self–reform", "self-reform"),
            ("两个维护", "两个维护"),
            ("（两个确立）", "(两个确立)"),
            ("ÉTAT", "état"),
            (
                "  Plain  ASCII\ttext `quoted`  ",
                "plain ascii text 'quoted'",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(key(input), want, "{input:?}");
        }
    }

    #[test]
    fn term_keys_meet_across_variants() {
        let same = [
            ("the Two Upholds", "two upholds"),
            ("two maintenances", "Two Maintenance"),
            ("The Party’s leadership", "party leadership"),
            ("Party-building", "party building"),
            (
                "full and rigorous Party self-governance",
                "Full and Rigorous Party Self Governance",
            ),
            ("两个 维护", "两个维护"),
            ("ｔｈｅ　Ｔｗｏ　Ｕｐｈｏｌｄｓ", "two upholds"),
            ("policies", "policy"),
        ];
        for (a, b) in same {
            assert_eq!(term_key(a), term_key(b), "{a:?} vs {b:?}");
        }
        assert_ne!(term_key("process"), term_key("proces"));
        assert_eq!(term_key("the"), "the");
        assert_eq!(stem("status"), "status");
        assert_eq!(stem("crisis"), "crisis");
    }
}
