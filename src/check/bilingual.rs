//! Bilingual QA of translation pairs, the checks Xbench and CheckMate users
//! rely on besides terminology: numbers that differ between the sides
//! ([`numbers`]), Chinese left in the English ([`untranslated`]), and one
//! sentence translated two ways ([`Consistency`]). Findings of these kinds
//! concern no concept: their `concept`, `zh` and `preferred` are empty.

use rustc_hash::FxHashMap;

use super::{Finding, Kind};
use crate::lang::{is_cjk_punct, is_han};
use crate::normalize;
use crate::numbers::Mismatch;
use crate::Lang;

fn plain(kind: Kind, side: Lang, text: &str, start: usize, end: usize, message: String) -> Finding {
    Finding {
        kind,
        side,
        start,
        end,
        found: text[start..end].to_string(),
        preferred: String::new(),
        zh: String::new(),
        concept: String::new(),
        message,
        like: None,
        score: None,
        matched: Vec::new(),
        source: None,
    }
}

/// The significant numbers of either side that the other side lacks, each
/// a finding on its own side. A
/// number is judged by presence, not by count: a value the other side has
/// at least once is not reported however often it repeats ("adopted on
/// December 4, 1982 and promulgated on December 4, 1982" may well be
/// "adopted and promulgated on December 4, 1982"). When the other side has
/// unmatched numbers too, the message names them: a changed number ("2023"
/// for 二〇二四年) reads as one.
pub fn numbers(zh: &str, en: &str) -> Vec<Finding> {
    let sides = [
        (Lang::En, en, crate::numbers::numbers(Lang::En, en)),
        (Lang::Zh, zh, crate::numbers::numbers(Lang::Zh, zh)),
    ];
    // The significant numbers whose value the other side never has, English
    // first, each side in text order (what [`crate::numbers::mismatches`] leaves
    // once counts do not matter).
    let all: Vec<Mismatch> = sides
        .iter()
        .enumerate()
        .flat_map(|(side, (lang, text, found))| {
            let other = &sides[1 - side].2;
            found
                .iter()
                .filter(|n| !n.weak && !other.iter().any(|o| o.value.matches(n.value)))
                .map(|n| Mismatch {
                    lang: *lang,
                    start: n.start,
                    end: n.end,
                    text: n.written(text).to_string(),
                    value: n.value,
                })
        })
        .collect();
    let listed = |lang: Lang| -> String {
        let others: Vec<String> = all.iter().filter(|m| m.lang == lang).map(shown).collect();
        others.join(", ")
    };
    let (zh_left, en_left) = (listed(Lang::Zh), listed(Lang::En));
    // A changed number is one finding, on the English side, naming the
    // Chinese; the Chinese side's own are reported when the English has
    // none left.
    let english_has = !en_left.is_empty();
    all.iter()
        .filter(|m| m.lang == Lang::En || !english_has)
        .map(|m| {
            let (text, other, other_left) = match m.lang {
                Lang::En => (en, "Chinese", &zh_left),
                Lang::Zh => (zh, "English", &en_left),
            };
            let mut message = format!("{} is not in the {other}", shown(m));
            if !other_left.is_empty() {
                message.push_str(&format!("; the {other} has {other_left}"));
            }
            plain(Kind::Number, m.lang, text, m.start, m.end, message)
        })
        .collect()
}

/// A number as written, with its value when that reads otherwise:
/// `"2023"`, `"十八" (18)`.
fn shown(m: &Mismatch) -> String {
    if m.text == m.value.to_string() {
        format!("{:?}", m.text)
    } else {
        format!("{:?} ({})", m.text, m.value)
    }
}

/// Runs of Chinese characters in the English side of a pair (with the
/// Chinese punctuation and spaces between them), each a finding.
pub fn untranslated(en: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut chars = en.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_han(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if is_han(c) {
                end = i + c.len_utf8();
            } else if !(is_cjk_punct(c) || c == ' ' || c == '\u{3000}') {
                break;
            }
            chars.next();
        }
        let n = en[start..end].chars().filter(|&c| is_han(c)).count();
        out.push(plain(
            Kind::Untranslated,
            Lang::En,
            en,
            start,
            end,
            format!(
                "Chinese left in the English: {:?} ({n} character{})",
                &en[start..end],
                if n == 1 { "" } else { "s" }
            ),
        ));
    }
    out
}

/// A Chinese sentence with no English, in a file whose other units are
/// translated.
pub fn no_english(zh: &str) -> Finding {
    let end = zh.trim_end().len();
    let start = zh.len() - zh.trim_start().len();
    plain(
        Kind::Untranslated,
        Lang::Zh,
        zh,
        start.min(end),
        end,
        "this Chinese has no English translation".to_string(),
    )
}

/// Segments shorter than these are not compared for consistency: a short
/// fragment ("Yes.", 是。, "a chairperson," for both 主席 and 主任 in a
/// list of a committee's members) may well translate several things.
const MIN_HAN: usize = 6;
const MIN_WORDS: usize = 4;

fn long_enough(lang: Lang, text: &str) -> bool {
    match lang {
        Lang::Zh => text.chars().filter(|&c| is_han(c)).count() >= MIN_HAN,
        Lang::En => {
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .count()
                >= MIN_WORDS
        }
    }
}

/// The translations seen so far, to report one sentence translated two
/// ways: the same Chinese with another English, and the same English for
/// another Chinese. Sentences are compared by their matching key
/// ([`normalize::key`]: case, width, quotes and spacing do not count).
#[derive(Debug, Default)]
pub struct Consistency {
    /// Chinese key → (English key, English text, where it was seen).
    by_zh: FxHashMap<String, (String, String, String)>,
    /// English key → (Chinese key, Chinese text, where it was seen).
    by_en: FxHashMap<String, (String, String, String)>,
}

impl Consistency {
    /// Takes in the pair `zh`/`en` seen at `place` (as the message should
    /// name it: "line 12", "report.txt:3.1") and returns its findings
    /// against the pairs seen before: on the English side when the same
    /// Chinese was translated otherwise, on the Chinese side when the same
    /// English translated other Chinese. The first translation seen is the
    /// one others are measured against.
    pub fn see(&mut self, zh: &str, en: &str, place: &str) -> Vec<Finding> {
        let (zk, ek) = (normalize::key(zh), normalize::key(en));
        let mut out = Vec::new();
        if long_enough(Lang::Zh, zh) {
            out.extend(compare(
                &mut self.by_zh,
                (&zk, &ek, en, place),
                Lang::En,
                "the same Chinese is translated otherwise",
            ));
        }
        if long_enough(Lang::En, en) {
            out.extend(compare(
                &mut self.by_en,
                (&ek, &zk, zh, place),
                Lang::Zh,
                "the same English translates other Chinese",
            ));
        }
        out
    }
}

/// One direction of [`Consistency::see`]: `seen` maps a sentence's key to
/// the first translation seen (its key, text and place). A translation
/// `(key, other_key, other, place)` whose sentence was seen with another
/// translation is a finding on `side`, the other's; a sentence seen first is
/// remembered.
fn compare(
    seen: &mut FxHashMap<String, (String, String, String)>,
    (key, other_key, other, place): (&str, &str, &str, &str),
    side: Lang,
    message: &str,
) -> Option<Finding> {
    if other_key.is_empty() {
        return None;
    }
    match seen.get(key) {
        Some((first, text, at)) => {
            (first != other_key).then(|| differing(side, other, text, format!("{message} at {at}")))
        }
        None => {
            seen.insert(
                key.to_string(),
                (other_key.to_string(), other.to_string(), place.to_string()),
            );
            None
        }
    }
}

/// A finding over the part of `text` that differs from `other` (after the
/// longest common beginning and end, in whole words), the message followed
/// by the other's part in a little context: `…age of 18, regardless…`.
fn differing(side: Lang, text: &str, other: &str, message: String) -> Finding {
    let ((start, end), (o_start, o_end)) = difference(text, other);
    let (start, end) = if start < end {
        (start, end)
    } else {
        // Words left out here: mark the word (or Chinese character) before
        // the gap.
        let before = text[..start].trim_end();
        let from = match before.chars().next_back() {
            Some(c) if is_han(c) || is_cjk_punct(c) => before.len() - c.len_utf8(),
            _ => before
                .rfind(|c: char| c.is_whitespace())
                .map_or(0, |i| i + 1),
        };
        (from, before.len().max(from))
    };
    // Four words or 40 bytes (a dozen Chinese characters) either side.
    let context = |s: &str, from: usize, to: usize| -> String {
        const WORDS: usize = 4;
        const BYTES: usize = 40;
        let mut a = from;
        let mut spaces = 0;
        for (i, c) in s[..from].char_indices().rev() {
            if from - i > BYTES
                || (c.is_whitespace() && {
                    spaces += 1;
                    spaces > WORDS
                })
            {
                break;
            }
            a = i;
        }
        let mut b = to;
        spaces = 0;
        for (i, c) in s[to..].char_indices() {
            if i > BYTES
                || (c.is_whitespace() && {
                    spaces += 1;
                    spaces > WORDS
                })
            {
                break;
            }
            b = to + i + c.len_utf8();
        }
        format!(
            "{}{}{}",
            if a > 0 { "…" } else { "" },
            s[a..b].trim(),
            if b < s.len() { "…" } else { "" }
        )
    };
    let mut f = plain(
        Kind::Inconsistent,
        side,
        text,
        start,
        end,
        format!("{message}: {:?}", context(other, o_start, o_end)),
    );
    if f.found.is_empty() {
        f.found = text.trim().to_string();
    }
    f
}

/// The spans of `a` and of `b` between their longest common beginning and
/// end, cut at word boundaries (characters for Chinese).
fn difference(a: &str, b: &str) -> ((usize, usize), (usize, usize)) {
    let word = |c: char| (c.is_alphanumeric() && !is_han(c)) || c == '-' || c == '\'' || c == '’';
    let boundary = |s: &str, i: usize| -> bool {
        let before = s[..i].chars().next_back();
        let after = s[i..].chars().next();
        !(before.is_some_and(word) && after.is_some_and(word))
    };
    let mut pre = 0;
    for ((i, x), y) in a.char_indices().zip(b.chars()) {
        if x != y {
            break;
        }
        pre = i + x.len_utf8();
    }
    while pre > 0 && !(boundary(a, pre) && boundary(b, pre)) {
        pre = a.floor_char_boundary(pre - 1);
    }
    let mut suf = 0;
    for (x, y) in a[pre..].chars().rev().zip(b[pre..].chars().rev()) {
        if x != y {
            break;
        }
        suf += x.len_utf8();
    }
    while suf > 0 && !(boundary(a, a.len() - suf) && boundary(b, b.len() - suf)) {
        let first = a[a.len() - suf..].chars().next().map_or(1, char::len_utf8);
        suf -= first;
    }
    ((pre, a.len() - suf), (pre, b.len() - suf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_that_differ_are_findings_on_their_side() {
        // (Chinese, English, findings as (side, found))
        type Case<'a> = (&'a str, &'a str, &'a [(Lang, &'a str)]);
        let cases: &[Case] = &[
            ("二〇二四年增长百分之十五。", "Growth was 15% in 2024.", &[]),
            (
                "二〇二四年增长百分之十五。",
                "Growth was 15% in 2023.",
                &[(Lang::En, "2023")],
            ),
            ("人口达到12亿。", "The population reached 1.2 billion.", &[]),
            (
                "人口达到12亿。",
                "The population reached 1.3 billion.",
                &[(Lang::En, "1.3 billion")],
            ),
            (
                "人口达到12亿。",
                "The population grew.",
                &[(Lang::Zh, "12亿")],
            ),
            ("第十四个五年规划", "the 14th Five-Year Plan", &[]),
            // Presence, not count.
            (
                "1982年12月4日通过，1982年12月4日公布",
                "adopted and promulgated on December 4, 1982",
                &[],
            ),
        ];
        for (zh, en, want) in cases {
            let got: Vec<(Lang, String)> = numbers(zh, en)
                .into_iter()
                .map(|f| (f.side, f.found))
                .collect();
            let want: Vec<(Lang, String)> = want.iter().map(|(l, s)| (*l, s.to_string())).collect();
            assert_eq!(got, want, "{zh} / {en}");
        }
        let f = numbers("二〇二四年", "in 2023");
        assert_eq!(
            f[0].message,
            "\"2023\" is not in the Chinese; the Chinese has \"二〇二四\" (2024)"
        );
        assert_eq!(f[0].kind, Kind::Number);
    }

    #[test]
    fn chinese_in_the_english_is_untranslated() {
        let en = "We will improve 民生 and uphold 两个 维护。 today.";
        let got: Vec<String> = untranslated(en).into_iter().map(|f| f.found).collect();
        assert_eq!(got, ["民生", "两个 维护"]);
        for f in untranslated(en) {
            assert_eq!(&en[f.start..f.end], f.found);
        }
        assert!(untranslated("All English — “quoted”, too.").is_empty());
        let f = no_english(" 改革开放。 ");
        assert_eq!(f.found, "改革开放。");
        assert_eq!(f.side, Lang::Zh);
    }

    #[test]
    fn one_sentence_translated_two_ways() {
        let mut c = Consistency::default();
        let zh = "坚持以人民为中心的发展思想。";
        assert!(c
            .see(
                zh,
                "We must stay committed to a people-centered philosophy.",
                "line 2"
            )
            .is_empty());
        // Case, spacing and quotes do not make it another translation.
        assert!(c
            .see(
                zh,
                "We must stay committed to a  People-centered philosophy. ",
                "line 3"
            )
            .is_empty());
        let f = c.see(
            zh,
            "We must stay committed to a people-centred development thought.",
            "line 4",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].side, Lang::En);
        assert_eq!(f[0].found, "people-centred development thought");
        assert_eq!(
            f[0].message,
            "the same Chinese is translated otherwise at line 2: \"…stay committed to a people-centered philosophy.\""
        );
        // The reverse: one English for two Chinese sentences.
        let f = c.see(
            "坚持以人民为中心。",
            "We must stay committed to a people-centered philosophy.",
            "line 5",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].side, Lang::Zh);
        assert_eq!(f[0].found, "心");
        assert!(
            f[0].message
                .contains("at line 2: \"坚持以人民为中心的发展思想。\""),
            "{}",
            f[0].message
        );
        // Short segments are not compared.
        assert!(c.see("是。", "Yes.", "line 6").is_empty());
        assert!(c.see("是。", "Right.", "line 7").is_empty());
        assert!(c.see("主席，", "a chairperson,", "line 8").is_empty());
        assert!(c.see("主任，", "a chairperson,", "line 9").is_empty());
    }
}
