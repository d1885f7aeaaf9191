//! Numbers in English and Chinese text, each with one exact, comparable
//! value, so that a check can report the numbers that differ between the
//! two sides of a translation pair and an aligner can use numbers as
//! anchors.
//!
//! [`numbers`] finds the numbers of a text, each a [`Number`]: its byte
//! span (`&text[start..end]` is the written form: `1.2 billion`, `百分之十五`,
//! `第十四`, `14th`), its [`Value`] and whether it is weak. [`mismatches`]
//! compares the two sides of a pair. This module only reads text: it knows
//! no glossary, memory or output format.
//!
//! # Values
//! A [`Value`] is a decimal (an integer mantissa and a power of ten, never a
//! float) and a [`Kind`]: plain, percent or ordinal. It prints as
//! `1200000000`, `5.3%` or `14th`. `1.2 billion`, `12亿` and `1,200,000,000`
//! are one value; so are `15%`, `15 percent`, `15 per cent`, `15％` and
//! `百分之十五`. `0.5 percentage points` and `0.5个百分点` are the plain 0.5.
//! When the two sides are compared, ordinal and plain are the same number
//! (`第一百零一条` is "Article 101", `二十世纪` "the 20th century"); percent
//! is not (5.2% is not 5.2 percentage points).
//!
//! # What is read
//! - Both sides: Arabic digits, half- or full-width (`２０２４`), with
//!   thousands separators (`1,200.5`: a comma followed by exactly three
//!   digits) and a decimal point; a range (`2021-2025`, `2021—2025年`) is
//!   two numbers; no signs (a hyphen is never a minus). A digit run that
//!   does not fit an `i128` is skipped, not saturated.
//! - English: `%`, `percent`, `per cent`, `percentage point(s)`; the scale
//!   words thousand, million, billion, trillion after digits; `1st`,
//!   `14th`; number words (zero … nineteen, twenty … ninety, hundred,
//!   thousand …, joined as in `twenty-five`, `one hundred and five`, `two
//!   million`); ordinal words (first … nineteenth, twentieth … ninetieth,
//!   `twenty-first`, hundredth); `centenary`/`centennial` (100); month
//!   names, capitalised, as their number (`May` only next to digits, as in
//!   `May 4` or `4 May`). Plurals (`hundreds of millions`) are not numbers.
//! - Chinese: the numerals 〇零一二两三四五六七八九十百千万亿 (and 兩萬億)
//!   as a number (`一百零五` 105, `三千五百万`, `十亿四千万`, `九百六十多万`
//!   9,600,000); digits with 万/亿 (`1.2亿`, `3万亿`, `3400多万`); decimals
//!   with 点 (`十八点五`, `七点二个百分点`; `一点一滴` is not 1.1: a
//!   one-character integer part needs 百分之 before or 万/亿/岁/个百分点/%
//!   after); digit-by-digit numerals (`二〇二四`, `一九四九`: three or more
//!   digit characters, or two with 〇/零); `百分之…`, `%`, `％`; `第` makes
//!   an ordinal (`第十四个五年规划` gives 14th, then a weak 5; `十四五` gives
//!   14 and a weak 5). Dates need no rule of their own: `2024年3月5日` is
//!   2024, 3 and 5, and `March 5, 2024` a weak 3, 5 and 2024.
//!
//! Not read: Roman numerals (`Chapter III`), signs, fractions as values
//! (五分之一 is a weak 5 and a weak 1), decades (`the 1990s` is 1990,
//! 九十年代 90), `a dozen`; a two-character run without 〇 is two digits
//! (`九二共识` gives a weak 9 and 2, not 1992).
//!
//! # Significant and weak
//! A significant number must appear on the other side; a weak one may pair
//! with a number there but is never required.
//! - Significant: anything written with digits; Chinese numerals of 10 or
//!   more, with a decimal, percent (`百分之五`), or digit by digit.
//! - Weak: English number, ordinal and month words; Chinese numerals below
//!   10 (一带一路, 两个维护, 三个代表, 五年, 一些, 统一, 第一: 一 is never
//!   required); Chinese numerals with no digit character at all, as idioms
//!   write them (十分 "very", 老百姓, 千万 "must", 万一, 十万火急, 百分之百);
//!   approximate ones (几十万, 数十, 二十几); both parts of a fraction
//!   (五分之一, 三分之二 "two-thirds"); list numbering at the start of a
//!   line or after `。！？；：.!?;:` (`一、`, `（三）`, `(1)`, `1.` below 1000),
//!   kept weak rather than dropped because an aligner can pair them.
//!
//! # Comparing a pair
//! [`mismatches`] matches the numbers of the two sides as multisets, one
//! value at a time: a significant number pairs first with a significant one
//! of the other side, then with a weak one; what is left is reported (the
//! last occurrences of a value, as the first ones are taken to be the
//! matched ones).
//!
//! On the 2018 Constitution's 763 paragraph pairs (the official Chinese and
//! English, line by line; 255 pairs have numbers, 158 significant ones),
//! this reports 4 mismatches on 2 pairs, none of them a misread number:
//! one real (the English of Article 70 reads "Article 70 Article 70"), and
//! three true by the multiset rule but harmless as translation: the
//! preamble's note gives 1982年12月4日 twice in Chinese (adopted, then
//! promulgated) and "December 4, 1982" once in English for both.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

use crate::Lang;

/// What a value counts: a plain number, a percentage or a rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Plain,
    Percent,
    Ordinal,
}

/// An exact decimal `mantissa × 10^exponent` of a [`Kind`], kept normalised
/// (no trailing zeros in the mantissa, zero with exponent 0) so that equal
/// numbers are equal values. Ordered by number, then kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Value {
    mantissa: i128,
    exponent: i32,
    kind: Kind,
}

impl Value {
    pub fn new(mantissa: i128, exponent: i32, kind: Kind) -> Value {
        let (mut mantissa, mut exponent) = (mantissa, exponent);
        if mantissa == 0 {
            exponent = 0;
        }
        while mantissa != 0 && mantissa % 10 == 0 {
            mantissa /= 10;
            exponent = exponent.saturating_add(1);
        }
        Value {
            mantissa,
            exponent,
            kind,
        }
    }

    pub fn integer(n: i128, kind: Kind) -> Value {
        Value::new(n, 0, kind)
    }

    pub fn mantissa(self) -> i128 {
        self.mantissa
    }

    pub fn exponent(self) -> i32 {
        self.exponent
    }

    pub fn kind(self) -> Kind {
        self.kind
    }

    /// Whether the two stand for the same number in a translation: equal
    /// decimals, and both percent or neither (ordinal and plain are one
    /// number across languages: 第一百零一条 is "Article 101").
    pub fn matches(self, other: Value) -> bool {
        self.key() == other.key()
    }

    fn key(self) -> (i128, i32, bool) {
        (self.mantissa, self.exponent, self.kind == Kind::Percent)
    }

    fn with_kind(self, kind: Kind) -> Value {
        Value { kind, ..self }
    }

    fn shifted(self, by: i32) -> Value {
        Value::new(self.mantissa, self.exponent.saturating_add(by), self.kind)
    }
}

/// Compares two positive normalised decimals without overflow: first by
/// the position of their leading digit, then digit by digit.
fn cmp_magnitude(a: (u128, i32), b: (u128, i32)) -> Ordering {
    let digits = |m: u128| m.checked_ilog10().map_or(0, |d| d + 1) as i64;
    let (da, db) = (digits(a.0), digits(b.0));
    match (da + a.1 as i64).cmp(&(db + b.1 as i64)) {
        Ordering::Equal => {}
        other => return other,
    }
    // Same leading position: align the mantissas to the same digit count.
    let scale = |m: u128, by: i64| 10u128.checked_pow(by as u32).and_then(|p| m.checked_mul(p));
    match da.cmp(&db) {
        Ordering::Equal => a.0.cmp(&b.0),
        Ordering::Greater => scale(b.0, da - db).map_or(Ordering::Less, |b| a.0.cmp(&b)),
        Ordering::Less => scale(a.0, db - da).map_or(Ordering::Greater, |a| a.cmp(&b.0)),
    }
}

impl Ord for Value {
    fn cmp(&self, other: &Value) -> Ordering {
        let sign = |m: i128| m.signum();
        let by_number = match sign(self.mantissa).cmp(&sign(other.mantissa)) {
            Ordering::Equal if self.mantissa == 0 => Ordering::Equal,
            Ordering::Equal => {
                let a = (self.mantissa.unsigned_abs(), self.exponent);
                let b = (other.mantissa.unsigned_abs(), other.exponent);
                let c = cmp_magnitude(a, b);
                if self.mantissa < 0 {
                    c.reverse()
                } else {
                    c
                }
            }
            other => other,
        };
        by_number.then(self.kind.cmp(&other.kind))
    }
}

impl PartialOrd for Value {
    fn partial_cmp(&self, other: &Value) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.mantissa.unsigned_abs().to_string();
        if self.mantissa < 0 {
            f.write_str("-")?;
        }
        let point = digits.len() as i64 + self.exponent as i64;
        if self.exponent >= 0 {
            f.write_str(&digits)?;
            for _ in 0..self.exponent {
                f.write_str("0")?;
            }
        } else if point > 0 {
            let (int, frac) = digits.split_at(point as usize);
            write!(f, "{int}.{frac}")?;
        } else {
            f.write_str("0.")?;
            for _ in 0..-point {
                f.write_str("0")?;
            }
            f.write_str(&digits)?;
        }
        match self.kind {
            Kind::Plain => Ok(()),
            Kind::Percent => f.write_str("%"),
            Kind::Ordinal => {
                // A normalised mantissa ends in a non-zero digit: with any
                // exponent but 0 the last digit of the number is 0 (or it is
                // not an integer), and the suffix is "th".
                let tail = if self.exponent == 0 {
                    (self.mantissa.unsigned_abs() % 100) as u32
                } else {
                    0
                };
                let suffix = match (tail % 100, tail % 10) {
                    (11..=13, _) => "th",
                    (_, 1) => "st",
                    (_, 2) => "nd",
                    (_, 3) => "rd",
                    _ => "th",
                };
                f.write_str(suffix)
            }
        }
    }
}

impl Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A number found in a text: `&text[start..end]` is how it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Number {
    pub start: usize,
    pub end: usize,
    pub value: Value,
    /// May pair with a number on the other side but is not required there.
    pub weak: bool,
}

impl Number {
    /// The number as the text writes it.
    pub fn written(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// A significant number of one side with no equal number left on the other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mismatch {
    /// The side the number is on.
    pub lang: Lang,
    pub start: usize,
    pub end: usize,
    /// The number as written.
    pub text: String,
    pub value: Value,
}

/// The numbers of a text in `lang`, in text order, never overlapping.
pub fn numbers(lang: Lang, text: &str) -> Vec<Number> {
    let s = Scan::new(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.chars.len() {
        let step = match lang {
            Lang::En => english_at(&s, i),
            Lang::Zh => chinese_at(&s, i),
        };
        let next = match step {
            Some((number, next)) => {
                if let Some(n) = number {
                    out.push(n);
                }
                next
            }
            None => i + 1,
        };
        // Every reader consumes at least one character, so this is linear.
        i = next.max(i + 1);
    }
    out
}

/// The significant numbers of either side of a pair that find no equal
/// number (significant or weak) on the other side, matched as multisets;
/// English ones first, each side in text order.
pub fn mismatches(zh: &str, en: &str) -> Vec<Mismatch> {
    let sides = [
        (Lang::En, en, numbers(Lang::En, en)),
        (Lang::Zh, zh, numbers(Lang::Zh, zh)),
    ];
    // Per value: on each side, the indexes of the significant numbers and
    // the count of weak ones.
    let mut by_key: HashMap<_, [Tally; 2]> = HashMap::new();
    for (side, (_, _, found)) in sides.iter().enumerate() {
        for (at, n) in found.iter().enumerate() {
            let entry = by_key.entry(n.value.key()).or_default();
            if n.weak {
                entry[side].1 += 1;
            } else {
                entry[side].0.push(at);
            }
        }
    }
    let mut left: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
    for counts in by_key.values() {
        let both = counts[0].0.len().min(counts[1].0.len());
        for side in 0..2 {
            let strong = &counts[side].0;
            let rest = strong.len() - both;
            let unmatched = rest - rest.min(counts[1 - side].1);
            left[side].extend_from_slice(&strong[strong.len() - unmatched..]);
        }
    }
    let mut out = Vec::new();
    for (side, (lang, text, found)) in sides.iter().enumerate() {
        left[side].sort_unstable();
        for &at in &left[side] {
            let n = found[at];
            out.push(Mismatch {
                lang: *lang,
                start: n.start,
                end: n.end,
                text: n.written(text).to_string(),
                value: n.value,
            });
        }
    }
    out
}

/// The significant numbers of one value on one side (their indexes) and
/// how many weak ones there are.
type Tally = (Vec<usize>, usize);

/// A text as characters with their byte offsets, for lookahead and
/// lookbehind by character.
struct Scan<'a> {
    text: &'a str,
    chars: Vec<(usize, char)>,
}

/// What a reader found at a position: maybe a number, and where to go on.
type Step = Option<(Option<Number>, usize)>;

impl<'a> Scan<'a> {
    fn new(text: &'a str) -> Scan<'a> {
        Scan {
            text,
            chars: text.char_indices().collect(),
        }
    }

    fn ch(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|c| c.1)
    }

    fn before(&self, i: usize) -> Option<char> {
        i.checked_sub(1).and_then(|i| self.ch(i))
    }

    fn byte(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.text.len(), |c| c.0)
    }

    fn starts_with(&self, i: usize, s: &str) -> bool {
        i < self.chars.len() && self.text[self.byte(i)..].starts_with(s)
    }

    fn number(&self, start: usize, end: usize, value: Value, weak: bool) -> Number {
        Number {
            start: self.byte(start),
            end: self.byte(end),
            value,
            weak,
        }
    }

    /// The ASCII word at `i` and the index after it.
    fn word(&self, i: usize) -> Option<(&'a str, usize)> {
        let mut j = i;
        while self.ch(j).is_some_and(|c| c.is_ascii_alphabetic()) {
            j += 1;
        }
        (j > i).then(|| (&self.text[self.byte(i)..self.byte(j)], j))
    }

    /// The index after spaces from `i`.
    fn skip_spaces(&self, i: usize) -> usize {
        let mut j = i;
        while self.ch(j).is_some_and(is_space) {
            j += 1;
        }
        j
    }

    /// Whether `i` starts a line or a sentence: only spaces between it and
    /// the start of the text, a line break or a sentence or clause end.
    fn at_line_start(&self, i: usize) -> bool {
        let mut j = i;
        while let Some(c) = self.before(j) {
            if is_space(c) {
                j -= 1;
                continue;
            }
            return matches!(
                c,
                '\n' | '\r' | '。' | '！' | '？' | '；' | '：' | '.' | '!' | '?' | ';' | ':'
            );
        }
        true
    }

    /// Whether the number at `start..end` (an integer below 1000) is list
    /// numbering: `(1)`, `（三）` anywhere a line starts, or `1.`, `一、`.
    fn is_list_marker(&self, start: usize, end: usize, value: Value) -> bool {
        if value.exponent < 0 || value > Value::integer(999, value.kind) {
            return false;
        }
        let next = self.ch(end);
        if matches!(self.before(start), Some('(' | '（')) {
            return matches!(next, Some(')' | '）')) && self.at_line_start(start - 1);
        }
        let marker = match next {
            Some('、' | ')' | '）') => true,
            Some('.' | '．') => self.ch(end + 1).is_none_or(|c| digit(c).is_none()),
            _ => false,
        };
        marker && self.at_line_start(start)
    }
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{3000}')
}

/// An Arabic digit, half- or full-width.
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Reads an Arabic number at `i`: its value (None if it overflows) and the
/// index after it.
fn arabic(s: &Scan, i: usize) -> (Option<Value>, usize) {
    let mut mantissa: Option<i128> = Some(0);
    let push = |d: u32, m: &mut Option<i128>| {
        *m = m
            .and_then(|m| m.checked_mul(10))
            .and_then(|m| m.checked_add(d as i128));
    };
    let mut j = i;
    while let Some(d) = s.ch(j).and_then(digit) {
        push(d, &mut mantissa);
        j += 1;
    }
    // Thousands separators: only after a first group of at most three
    // digits, and each group exactly three digits.
    if j - i <= 3 {
        loop {
            let group = (1..=3).all(|k| s.ch(j + k).and_then(digit).is_some());
            let closed = s.ch(j + 4).is_none_or(|c| digit(c).is_none());
            if s.ch(j) == Some(',') && group && closed {
                for k in 1..=3 {
                    if let Some(d) = s.ch(j + k).and_then(digit) {
                        push(d, &mut mantissa);
                    }
                }
                j += 4;
            } else {
                break;
            }
        }
    }
    let mut exponent = 0i32;
    if matches!(s.ch(j), Some('.' | '．')) && s.ch(j + 1).and_then(digit).is_some() {
        j += 1;
        while let Some(d) = s.ch(j).and_then(digit) {
            push(d, &mut mantissa);
            exponent = exponent.saturating_sub(1);
            j += 1;
        }
    }
    (mantissa.map(|m| Value::new(m, exponent, Kind::Plain)), j)
}

/// After an English number ending at `j`: a percent or percentage-point
/// unit, and where the number then ends.
fn english_unit(s: &Scan, j: usize, value: Value) -> (Value, usize) {
    let k = s.skip_spaces(j);
    if matches!(s.ch(k), Some('%' | '％')) {
        return (value.with_kind(Kind::Percent), k + 1);
    }
    let Some((word, after)) = s.word(k) else {
        return (value, j);
    };
    let word = word.to_ascii_lowercase();
    let next = s.word(s.skip_spaces(after));
    let next_is = |w: &[&str]| {
        next.filter(|(n, _)| w.iter().any(|w| n.eq_ignore_ascii_case(w)))
            .map(|(_, end)| end)
    };
    match word.as_str() {
        "percent" => (value.with_kind(Kind::Percent), after),
        "per" => match next_is(&["cent"]) {
            Some(end) => (value.with_kind(Kind::Percent), end),
            None => (value, j),
        },
        "percentage" => match next_is(&["point", "points"]) {
            Some(end) => (value, end),
            None => (value, j),
        },
        _ => (value, j),
    }
}

const SCALES: &[(&str, i32)] = &[
    ("thousand", 3),
    ("million", 6),
    ("billion", 9),
    ("trillion", 12),
];

fn english_at(s: &Scan, i: usize) -> Step {
    let c = s.ch(i)?;
    let glued = s.before(i).is_some_and(|b| b.is_alphanumeric());
    if digit(c).is_some() {
        let (value, digits_end) = arabic(s, i);
        let mut j = digits_end;
        let Some(mut value) = value else {
            return Some((None, j));
        };
        let suffix = s.word(j);
        let ordinal = suffix.filter(|(w, _)| {
            ["st", "nd", "rd", "th"]
                .iter()
                .any(|o| w.eq_ignore_ascii_case(o))
        });
        if let Some((_, end)) = ordinal.filter(|_| value.exponent >= 0) {
            value = value.with_kind(Kind::Ordinal);
            j = end;
        } else {
            let k = s.skip_spaces(j);
            if let Some((word, after)) = s.word(k).filter(|_| k > j) {
                if let Some((_, by)) = SCALES.iter().find(|(w, _)| word.eq_ignore_ascii_case(w)) {
                    value = value.shifted(*by);
                    j = after;
                }
            }
            (value, j) = english_unit(s, j, value);
        }
        let weak = value.kind == Kind::Plain && s.is_list_marker(i, digits_end, value);
        return Some((Some(s.number(i, j, value, weak)), j));
    }
    if !c.is_ascii_alphabetic() || glued {
        return None;
    }
    let (word, after) = s.word(i)?;
    if let Some(month) = month(s, word, i, after) {
        let value = Value::integer(month, Kind::Plain);
        return Some((Some(s.number(i, after, value, true)), after));
    }
    match english_words(s, i) {
        Some((value, end)) => Some((Some(s.number(i, end, value, true)), end)),
        None => Some((None, after)),
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A capitalised month name as its number; `May` only next to digits, as
/// it is also the verb.
fn month(s: &Scan, word: &str, start: usize, end: usize) -> Option<i128> {
    let at = MONTHS.iter().position(|m| *m == word)?;
    if word == "May" {
        let after = s.skip_spaces(end);
        let digit_after = after > end && s.ch(after).and_then(digit).is_some();
        let mut b = start;
        while s.before(b).is_some_and(is_space) {
            b -= 1;
        }
        let digit_before = b < start && s.before(b).and_then(digit).is_some();
        if !digit_after && !digit_before {
            return None;
        }
    }
    Some(at as i128 + 1)
}

#[derive(Clone, Copy, PartialEq)]
enum Word {
    Unit(i128),
    Tens(i128),
    Hundred,
    Scale(i128),
    OrdinalUnit(i128),
    OrdinalTens(i128),
    Hundredth,
    Alone(i128),
}

const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const ORDINAL_UNITS: [&str; 20] = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const ORDINAL_TENS: [&str; 8] = [
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
];

fn word_kind(word: &str) -> Option<Word> {
    let w = word.to_ascii_lowercase();
    let find = |list: &[&str]| list.iter().position(|x| *x == w).map(|p| p as i128);
    if let Some(n) = find(&UNITS) {
        return Some(Word::Unit(n));
    }
    if let Some(n) = find(&ORDINAL_UNITS) {
        return Some(Word::OrdinalUnit(n));
    }
    if let Some(n) = find(&TENS) {
        return Some(Word::Tens(20 + 10 * n));
    }
    if let Some(n) = find(&ORDINAL_TENS) {
        return Some(Word::OrdinalTens(20 + 10 * n));
    }
    match w.as_str() {
        "hundred" => Some(Word::Hundred),
        "hundredth" => Some(Word::Hundredth),
        "centenary" | "centennial" => Some(Word::Alone(100)),
        _ => SCALES
            .iter()
            .find(|(s, _)| *s == w)
            .map(|(_, e)| Word::Scale(10i128.pow(*e as u32))),
    }
}

/// English number words from `i`: `fifteen`, `twenty-five`, `one hundred
/// and five`, `two million`, `twenty-first`.
fn english_words(s: &Scan, i: usize) -> Option<(Value, usize)> {
    #[derive(Clone, Copy, PartialEq)]
    enum Last {
        None,
        Unit,
        Tens,
        Hundred,
        Scale,
    }
    let (mut total, mut current) = (0i128, 0i128);
    let mut last = Last::None;
    let mut end = i;
    let mut at = i;
    let mut hyphen = false;
    let mut kind = Kind::Plain;
    while let Some((word, after)) = s.word(at) {
        let Some(w) = word_kind(word) else {
            break;
        };
        let open = matches!(last, Last::None | Last::Hundred | Last::Scale);
        let after_tens = last == Last::Tens;
        let fits = match w {
            Word::Unit(n) | Word::OrdinalUnit(n) => {
                open && !hyphen || after_tens && (1..=9).contains(&n)
            }
            Word::Tens(_) | Word::OrdinalTens(_) => open && !hyphen,
            Word::Hundred | Word::Hundredth => {
                !hyphen && matches!(last, Last::None | Last::Unit | Last::Tens)
            }
            Word::Scale(_) => !hyphen && matches!(last, Last::Unit | Last::Tens | Last::Hundred),
            Word::Alone(_) => last == Last::None,
        };
        if !fits {
            break;
        }
        end = after;
        let mut done = false;
        match w {
            Word::Unit(n) => {
                current = current.saturating_add(n);
                last = Last::Unit;
            }
            Word::Tens(n) => {
                current = current.saturating_add(n);
                last = Last::Tens;
            }
            Word::Hundred | Word::Hundredth => {
                current = current.max(1).saturating_mul(100);
                last = Last::Hundred;
                done = w == Word::Hundredth;
            }
            Word::Scale(by) => {
                total = total.saturating_add(current.saturating_mul(by));
                current = 0;
                last = Last::Scale;
            }
            Word::OrdinalUnit(n) | Word::OrdinalTens(n) => {
                current = current.saturating_add(n);
                done = true;
            }
            Word::Alone(n) => {
                current = n;
                done = true;
            }
        }
        if matches!(
            w,
            Word::OrdinalUnit(_) | Word::OrdinalTens(_) | Word::Hundredth
        ) {
            kind = Kind::Ordinal;
        }
        if done {
            break;
        }
        // What may join the next word: a hyphen after tens, a space, or
        // "and" after hundred or a scale.
        hyphen = false;
        at = match s.ch(after) {
            Some('-') if last == Last::Tens => {
                hyphen = true;
                after + 1
            }
            Some(' ') => {
                let next = after + 1;
                match s.word(next) {
                    Some((w, a))
                        if w.eq_ignore_ascii_case("and")
                            && matches!(last, Last::Hundred | Last::Scale)
                            && s.ch(a) == Some(' ') =>
                    {
                        a + 1
                    }
                    _ => next,
                }
            }
            _ => break,
        };
    }
    (end > i).then(|| (Value::integer(total.saturating_add(current), kind), end))
}

/// A Chinese digit character (两 is a digit only inside a number).
fn zh_digit(c: char) -> Option<i128> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' | '兩' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn zh_unit(c: char) -> Option<i128> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

/// 万 and 亿 as powers of ten.
fn zh_big(c: char) -> Option<i32> {
    match c {
        '万' | '萬' => Some(4),
        '亿' | '億' => Some(8),
        _ => None,
    }
}

fn is_zh_numeral(c: char) -> bool {
    zh_digit(c).is_some() || zh_unit(c).is_some() || zh_big(c).is_some()
}

/// A Chinese numeral as read, before the context decides its kind and weight.
struct ZhNumeral {
    value: Option<Value>,
    end: usize,
    /// Has a digit character: 十 or 百万 alone are idioms more than numbers.
    has_digit: bool,
    /// Has a decimal part or is read digit by digit: written as a figure.
    figure: bool,
}

/// After a number ending at `j`: 多/余 then 万 and 亿, as a power of ten and
/// the index after them (`j` and 0 if there are none).
fn zh_bigs(s: &Scan, j: usize) -> (i32, usize) {
    let mut k = j;
    if matches!(s.ch(k), Some('多' | '余')) && s.ch(k + 1).and_then(zh_big).is_some() {
        k += 1;
    }
    let mut by = 0i32;
    while let Some(b) = s.ch(k).and_then(zh_big) {
        by = by.saturating_add(b);
        k += 1;
    }
    if by == 0 {
        (0, j)
    } else {
        (by, k)
    }
}

/// Reads a Chinese numeral at `i` (which is a numeral character).
fn zh_numeral(s: &Scan, i: usize, percent: bool) -> ZhNumeral {
    // Digit by digit: 二〇二四, 一九四九.
    let mut k = i;
    let mut zero = false;
    let mut by_digit: Option<i128> = Some(0);
    while let Some(c) = s.ch(k).filter(|c| !matches!(c, '两' | '兩')) {
        let Some(d) = zh_digit(c) else { break };
        zero |= d == 0;
        by_digit = by_digit.and_then(|m| m.checked_mul(10)?.checked_add(d));
        k += 1;
    }
    let run = k - i;
    if run >= 3 || (run == 2 && zero) {
        return ZhNumeral {
            value: by_digit.map(|m| Value::integer(m, Kind::Plain)),
            end: k,
            has_digit: true,
            figure: true,
        };
    }
    let first = s.ch(i).unwrap_or(' ');
    let magnitude = match first {
        '百' => Some(100),
        '千' => Some(1000),
        c => zh_big(c).map(|e| 10i128.pow(e as u32)),
    };
    if let Some(m) = magnitude {
        // A leading 百, 千, 万 or 亿 with no digit: 百姓, 千万, 万一, 亿万.
        return ZhNumeral {
            value: Some(Value::integer(m, Kind::Plain)),
            end: i + 1,
            has_digit: false,
            figure: false,
        };
    }
    let mut overflow = false;
    let mut ck = |v: Option<i128>| {
        v.unwrap_or_else(|| {
            overflow = true;
            0
        })
    };
    let (mut result, mut wan, mut section) = (0i128, 0i128, 0i128);
    let mut digit: Option<i128> = None;
    let mut last_unit = i128::MAX;
    let mut has_digit = false;
    let mut j = i;
    let mut decimal: Option<Value> = None;
    while let Some(c) = s.ch(j) {
        if let Some(d) = zh_digit(c) {
            if digit.is_some() {
                break; // 十四五: 14, then 5
            }
            digit = (d != 0).then_some(d);
            has_digit = true;
            j += 1;
        } else if let Some(u) = zh_unit(c) {
            if u >= last_unit {
                break;
            }
            let d = digit.take().unwrap_or(1);
            section = ck(section.checked_add(d * u));
            last_unit = u;
            j += 1;
        } else if let Some(b) = zh_big(c) {
            let n = ck(section.checked_add(digit.take().unwrap_or(0)));
            if b == 4 {
                if n == 0 || wan != 0 {
                    break;
                }
                wan = ck(n.checked_mul(10_000));
            } else {
                let below = ck(wan.checked_add(n));
                if below == 0 {
                    break;
                }
                result = ck(result
                    .checked_add(below)
                    .and_then(|v| v.checked_mul(100_000_000)));
                wan = 0;
            }
            section = 0;
            last_unit = i128::MAX;
            j += 1;
        } else if matches!(c, '多' | '余')
            && s.ch(j + 1).and_then(zh_big).is_some()
            && section + digit.unwrap_or(0) > 0
        {
            j += 1;
        } else if c == '点' && result == 0 && wan == 0 && j > i {
            let mut f = j + 1;
            let mut frac = 0i128;
            while let Some(d) = s
                .ch(f)
                .filter(|c| !matches!(c, '两' | '兩'))
                .and_then(zh_digit)
            {
                frac = ck(frac.checked_mul(10).and_then(|v| v.checked_add(d)));
                f += 1;
            }
            let places = (f - j - 1) as u32;
            let unit_after = matches!(s.ch(f), Some('万' | '萬' | '亿' | '億' | '%' | '％' | '岁'))
                || s.starts_with(f, "个百分点")
                || s.starts_with(f, "百分点");
            if places == 0 || !(percent || j - i >= 2 || unit_after) {
                break;
            }
            let int = ck(section.checked_add(digit.take().unwrap_or(0)));
            let m = ck(10i128
                .checked_pow(places)
                .and_then(|p| int.checked_mul(p))
                .and_then(|v| v.checked_add(frac)));
            let (by, end) = zh_bigs(s, f);
            decimal = Some(Value::new(m, -(places as i32), Kind::Plain).shifted(by));
            j = end;
            break;
        } else {
            break;
        }
    }
    let value = decimal.unwrap_or_else(|| {
        let total = result
            .checked_add(wan)
            .and_then(|v| v.checked_add(section))
            .and_then(|v| v.checked_add(digit.unwrap_or(0)));
        Value::integer(ck(total), Kind::Plain)
    });
    ZhNumeral {
        value: (!overflow).then_some(value),
        end: j.max(i + 1),
        has_digit,
        figure: decimal.is_some(),
    }
}

/// After a Chinese number ending at `j`: `%`, `％`, `个百分点`, `百分点`.
fn chinese_unit(s: &Scan, j: usize, value: Value) -> (Value, usize) {
    if matches!(s.ch(j), Some('%' | '％')) {
        (value.with_kind(Kind::Percent), j + 1)
    } else if s.starts_with(j, "个百分点") {
        (value.with_kind(Kind::Plain), j + 4)
    } else if s.starts_with(j, "百分点") {
        (value.with_kind(Kind::Plain), j + 3)
    } else {
        (value, j)
    }
}

fn chinese_at(s: &Scan, i: usize) -> Step {
    let c = s.ch(i)?;
    let (from, prefix) = if s.starts_with(i, "百分之") {
        (i + 3, Some(Kind::Percent))
    } else if c == '第' {
        (i + 1, Some(Kind::Ordinal))
    } else {
        (i, None)
    };
    let first = s.ch(from)?;
    let (value, end, weak) = if digit(first).is_some() {
        let (value, j) = arabic(s, from);
        let (by, j) = zh_bigs(s, j);
        let value = value.map(|v| v.shifted(by));
        (value, j, false)
    } else if is_zh_numeral(first) {
        let n = zh_numeral(s, from, prefix == Some(Kind::Percent));
        let approximate = matches!(s.before(from), Some('几' | '数'))
            || s.ch(n.end) == Some('几')
            || s.starts_with(n.end, "分之")
            || (from >= 2 && s.starts_with(from - 2, "分之") && prefix.is_none());
        let small = n
            .value
            .is_some_and(|v| v < Value::integer(10, v.kind) && !n.figure);
        let weak = !n.has_digit || approximate || (small && prefix != Some(Kind::Percent));
        (n.value, n.end, weak)
    } else if prefix.is_some() {
        return Some((None, from));
    } else {
        return None;
    };
    let Some(mut value) = value else {
        return Some((None, end));
    };
    if let Some(kind) = prefix {
        value = value.with_kind(kind);
    }
    let (value, j) = chinese_unit(s, end, value);
    let marker =
        prefix.is_none() && value.kind == Kind::Plain && s.is_list_marker(from, end, value);
    Some((Some(s.number(i, j, value, weak || marker)), j))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The numbers of a text as `value`, weak ones as `~value`.
    fn found(lang: Lang, text: &str) -> Vec<String> {
        numbers(lang, text)
            .iter()
            .map(|n| format!("{}{}", if n.weak { "~" } else { "" }, n.value))
            .collect()
    }

    fn check(lang: Lang, cases: &[(&str, &[&str])]) {
        let mut failed = Vec::new();
        for (text, want) in cases {
            let got = found(lang, text);
            if got != *want {
                failed.push(format!("{text:?}: got {got:?}, want {want:?}"));
            }
        }
        assert!(failed.is_empty(), "\n{}", failed.join("\n"));
    }

    #[test]
    fn english_numbers() {
        check(
            Lang::En,
            &[
                ("GDP grew by 5.2 percent in 2023.", &["5.2%", "2023"]),
                ("1,200.5 tonnes, then 1.2 tonnes", &["1200.5", "1.2"]),
                ("in 2019,2020 and 1,2", &["2019", "2020", "1", "2"]),
                ("during the 2021-2025 period", &["2021", "2025"]),
                ("the 14th Five-Year Plan", &["14th", "~5"]),
                ("the 1st, 2nd, 3rd and 11th", &["1st", "2nd", "3rd", "11th"]),
                ("In the 20th century", &["20th"]),
                (
                    "15%, 15 percent, 15 per cent, 15 ％",
                    &["15%", "15%", "15%", "15%"],
                ),
                (
                    "up 0.5 percentage points and 1 percentage point",
                    &["0.5", "1"],
                ),
                (
                    "1.2 billion people and 1.4 billion",
                    &["1200000000", "1400000000"],
                ),
                (
                    "3 trillion yuan, 10 million jobs, 100,000 troops",
                    &["3000000000000", "10000000", "100000"],
                ),
                ("hundreds of millions of people, thousands of years", &[]),
                (
                    "fifteen, twenty-five and one hundred and five",
                    &["~15", "~25", "~105"],
                ),
                ("two million people", &["~2000000"]),
                (
                    "the Fifth Session of the Fifth National People’s Congress",
                    &["~5th", "~5th"],
                ),
                ("the twenty-first century", &["~21st"]),
                ("on March 5, 2024", &["~3", "5", "2024"]),
                (
                    "You may go. In May 2024, on 4 May",
                    &["~5", "2024", "4", "~5"],
                ),
                ("march forward", &[]),
                ("(1) to amend the Constitution;", &["~1"]),
                ("the following powers: (2) to supervise", &["~2"]),
                ("1. General requirements", &["~1"]),
                ("Article 1 The People’s Republic of China", &["1"]),
                ("see Article 5 (1) of the law", &["5", "1"]),
                ("someone often wrote tens of letters; ten", &["~10"]),
                ("one-fifth or more of the deputies", &["~1", "~5th"]),
                ("who have reached the age of 45", &["45"]),
                ("its centenary", &["~100"]),
                ("PM2.5 and 5G", &["2.5", "5"]),
                ("version 1.2.3", &["1.2", "3"]),
                ("２０２４ and ５％", &["2024", "5%"]),
            ],
        );
    }

    #[test]
    fn chinese_numbers() {
        check(
            Lang::Zh,
            &[
                ("2023年国内生产总值增长5.3%。", &["2023", "5.3%"]),
                ("２０２４年，增长５％", &["2024", "5%"]),
                ("“十四五”规划（2021—2025年）", &["14", "~5", "2021", "2025"]),
                ("百分之十五", &["15%"]),
                (
                    "比重达百分之十八点五，提高七点二个百分点",
                    &["18.5%", "7.2"],
                ),
                ("增长15％，提高0.5个百分点", &["15%", "0.5"]),
                ("数字十五、二十、一百零五", &["15", "20", "105"]),
                ("三千五百万人", &["35000000"]),
                ("十四亿多人口", &["1400000000"]),
                (
                    "1.2亿、12亿、3万亿",
                    &["120000000", "1200000000", "3000000000000"],
                ),
                ("国内生产总值达到134.9万亿元", &["134900000000000"]),
                (
                    "从五十四万亿元增长到一百一十四万亿元",
                    &["54000000000000", "114000000000000"],
                ),
                ("覆盖十亿四千万人", &["1040000000"]),
                (
                    "九百六十多万贫困人口，惠及学生3400多万人次",
                    &["9600000", "34000000"],
                ),
                (
                    "人均国内生产总值从三万九千八百元增加到八万一千元",
                    &["39800", "81000"],
                ),
                ("全国八百三十二个贫困县", &["832"]),
                ("近一亿农村贫困人口", &["100000000"]),
                ("人均预期寿命增长到七十八点二岁", &["78.2"]),
                ("二〇二四年，二〇二二", &["2024", "2022"]),
                ("一八四〇年以后；一九四九年", &["1840", "1949"]),
                ("第十四个五年规划", &["14th", "~5"]),
                ("第14个五年规划", &["14th", "~5"]),
                ("第一百零一条", &["101st"]),
                ("第一条", &["~1st"]),
                ("2024年3月5日", &["2024", "3", "5"]),
                ("十二月，九月", &["12", "~9"]),
                ("党的二十大和十九届六中全会", &["20", "19", "~6"]),
                ("共建“一带一路”", &["~1", "~1"]),
                ("两个维护、三个代表", &["~2", "~3"]),
                (
                    "一些、一切、一样、统一、一起、进一步",
                    &["~1", "~1", "~1", "~1", "~1", "~1"],
                ),
                ("万一出事，千万不能", &["~10000", "~1", "~1000", "~10000"]),
                ("十分重要，老百姓", &["~10", "~100"]),
                ("十万火急，亿万人民", &["~100000", "~100000000", "~10000"]),
                ("几十万人，数十年，二十几个", &["~100000", "~10", "~20"]),
                ("五分之一以上，三分之二", &["~5", "~1", "~3", "~2"]),
                ("百分之百", &["~100%"]),
                ("一点一滴", &["~1", "~1"]),
                ("一、2024年工作回顾", &["~1", "2024"]),
                ("（三）全面推进乡村振兴", &["~3"]),
                ("下列职权：（十一）审查预算", &["~11"]),
                ("1. 总体要求；2、主要任务", &["~1", "~2"]),
                ("1.2亿元用于", &["120000000"]),
                ("年满四十五周岁", &["45"]),
                ("零售，零关税", &["~0", "~0"]),
            ],
        );
    }

    #[test]
    fn spans_are_the_written_numbers() {
        let cases: &[(Lang, &str, &[&str])] = &[
            (
                Lang::En,
                "about 1.2 billion, 15 per cent and 0.5 percentage points",
                &["1.2 billion", "15 per cent", "0.5 percentage points"],
            ),
            (
                Lang::En,
                "the 14th plan, twenty-five, March",
                &["14th", "twenty-five", "March"],
            ),
            (
                Lang::Zh,
                "增长百分之十五，12亿人，第十四个，0.5个百分点",
                &["百分之十五", "12亿", "第十四", "0.5个百分点"],
            ),
        ];
        for (lang, text, want) in cases {
            let got: Vec<&str> = numbers(*lang, text)
                .iter()
                .map(|n| n.written(text))
                .collect();
            assert_eq!(got, *want, "{text}");
        }
    }

    #[test]
    fn values_print_compare_and_normalise() {
        let v = |m, e, k| Value::new(m, e, k);
        let cases = [
            (v(12, 8, Kind::Plain), "1200000000"),
            (v(150, -1, Kind::Percent), "15%"),
            (v(14, 0, Kind::Ordinal), "14th"),
            (v(1, 0, Kind::Ordinal), "1st"),
            (v(112, 0, Kind::Ordinal), "112th"),
            (v(22, 0, Kind::Ordinal), "22nd"),
            (v(5, 1, Kind::Ordinal), "50th"),
            (v(5, -3, Kind::Plain), "0.005"),
            (v(12005, -1, Kind::Plain), "1200.5"),
            (v(0, 7, Kind::Plain), "0"),
        ];
        for (value, text) in cases {
            assert_eq!(value.to_string(), text);
        }
        assert_eq!(v(1200, 0, Kind::Plain), v(12, 2, Kind::Plain));
        assert!(v(12, 8, Kind::Plain).matches(v(12, 8, Kind::Ordinal)));
        assert!(!v(5, 0, Kind::Plain).matches(v(5, 0, Kind::Percent)));
        let mut sorted = [
            v(12, 8, Kind::Plain),
            v(5, -1, Kind::Plain),
            v(2, 0, Kind::Plain),
            v(19, -1, Kind::Plain),
            v(0, 0, Kind::Plain),
            v(i128::MAX, 3, Kind::Plain),
            v(i128::MAX, 2, Kind::Plain),
        ];
        sorted.sort();
        let printed: Vec<String> = sorted.iter().map(|v| v.to_string()).collect();
        let max = i128::MAX.to_string();
        assert_eq!(
            printed,
            [
                "0",
                "0.5",
                "1.9",
                "2",
                "1200000000",
                &format!("{max}00"),
                &format!("{max}000")
            ]
        );
    }

    fn reported(zh: &str, en: &str) -> Vec<String> {
        mismatches(zh, en)
            .iter()
            .map(|m| format!("{}:{}", m.lang.code(), m.text))
            .collect()
    }

    #[test]
    fn mismatches_of_pairs() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "2023年国内生产总值增长5.3%。",
                "GDP grew by 5.2 percent in 2023.",
                &["en:5.2 percent", "zh:5.3%"],
            ),
            ("2024年", "in 2023", &["en:2023", "zh:2024"]),
            ("十五个省", "15 provinces", &[]),
            ("十四亿多人口", "more than 1.4 billion people", &[]),
            ("12亿人", "1.2 billion people", &[]),
            ("10万人", "100,000 people", &[]),
            ("10万人", "10,000 people", &["en:10,000", "zh:10万"]),
            ("2024年3月5日", "on March 5, 2024", &[]),
            ("十二月四日", "December 4", &[]),
            (
                "提高0.5个百分点",
                "up 0.5 percent",
                &["en:0.5 percent", "zh:0.5个百分点"],
            ),
            ("提高0.5个百分点", "up 0.5 percentage points", &[]),
            (
                "高质量共建“一带一路”",
                "the high-quality development of the Belt and Road",
                &[],
            ),
            ("第十四个五年规划", "the 14th Five-Year Plan", &[]),
            ("“十四五”规划", "the 14th Five-Year Plan", &[]),
            ("二十世纪", "In the 20th century", &[]),
            ("第六十一条", "Article 61", &[]),
            ("第六十一条", "Article 62", &["en:62", "zh:第六十一"]),
            ("三个代表", "", &[]),
            ("", "the two sessions", &[]),
            ("2020年和2020年", "in 2020", &["zh:2020"]),
            ("增长15%", "up 15", &["en:15", "zh:15%"]),
        ];
        let mut failed = Vec::new();
        for (zh, en, want) in cases {
            let got = reported(zh, en);
            if got != *want {
                failed.push(format!("{zh:?} / {en:?}: got {got:?}, want {want:?}"));
            }
        }
        assert!(failed.is_empty(), "\n{}", failed.join("\n"));
    }

    /// Paragraphs of the 2018 Constitution in its official translation.
    #[test]
    fn official_constitution_pairs_have_no_mismatches() {
        let pairs = [
            (
                "一八四〇年以后，封建的中国逐渐变成半殖民地、半封建的国家。中国人民为国家独立、民族解放和民主自由进行了前仆后继的英勇奋斗。",
                "After 1840, feudal China gradually became a semi-colonial, semi-feudal country. The Chinese people, wave upon wave, waged heroic struggles for national independence and liberation and for democracy and freedom.",
            ),
            (
                "二十世纪，中国发生了翻天覆地的伟大历史变革。",
                "In the 20th century, momentous historical changes took place in China.",
            ),
            (
                "一九一一年孙中山先生领导的辛亥革命，废除了封建帝制，创立了中华民国。但是，中国人民反对帝国主义和封建主义的历史任务还没有完成。",
                "The Revolution of 1911, led by Dr. Sun Yat-sen, abolished the feudal monarchy and gave birth to the Republic of China. However, the historic mission of the Chinese people to oppose imperialism and feudalism was not yet accomplished.",
            ),
            (
                "第六十一条　全国人民代表大会会议每年举行一次，由全国人民代表大会常务委员会召集。如果全国人民代表大会常务委员会认为必要，或者有五分之一以上的全国人民代表大会代表提议，可以临时召集全国人民代表大会会议。",
                "Article 61 A session of the National People’s Congress shall be held once every year and shall be convened by the National People’s Congress Standing Committee. If the National People’s Congress Standing Committee deems it necessary, or one-fifth or more of National People’s Congress deputies so propose, a session of the National People’s Congress may be convened in the interim.",
            ),
            (
                "（十一）审查和批准国家的预算和预算执行情况的报告；",
                "(11) examining and approving the state budget and the report on its implementation;",
            ),
            (
                "有选举权和被选举权的年满四十五周岁的中华人民共和国公民可以被选为中华人民共和国主席、副主席。",
                "Citizens of the People’s Republic of China who have the right to vote and stand for election and who have reached the age of 45 are eligible for election as president or vice president of the People’s Republic of China.",
            ),
            (
                "自治区、自治州、自治县设立自治机关。自治机关的组织和工作根据宪法第三章第五节、第六节规定的基本原则由法律规定。",
                "Autonomous regions, autonomous prefectures and autonomous counties shall establish autonomous organs. The organization and work of autonomous organs shall be prescribed by law in accordance with the basic principles laid down in Chapter III sections 5 and 6 of the Constitution.",
            ),
            (
                "第一百零一条　地方各级人民代表大会分别选举并且有权罢免本级人民政府的省长和副省长、市长和副市长、县长和副县长、区长和副区长、乡长和副乡长、镇长和副镇长。",
                "Article 101 Local people’s congresses shall, at their respective levels, elect and have the power to remove from office governors and deputy governors, mayors and deputy mayors, county heads and deputy heads, municipal district heads and deputy heads, township heads and deputy heads, and town heads and deputy heads.",
            ),
            (
                "监察委员会主任每届任期同本级人民代表大会每届任期相同。国家监察委员会主任连续任职不得超过两届。",
                "The chairperson of a commission of supervision shall have the same term of office as that of the people’s congress at the same level. The chairperson of the National Commission of Supervision shall serve no more than two consecutive terms.",
            ),
        ];
        for (zh, en) in pairs {
            assert_eq!(reported(zh, en), Vec::<String>::new(), "{zh}");
        }
    }

    /// A small xorshift, so the test needs no crate and repeats itself.
    fn next(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    fn assert_sane(text: &str) {
        for lang in Lang::ALL {
            let found = numbers(lang, text);
            let mut last = 0;
            for n in &found {
                assert!(
                    n.start < n.end && n.end <= text.len() && n.start >= last,
                    "{text:?}: {n:?}"
                );
                assert!(text.is_char_boundary(n.start) && text.is_char_boundary(n.end));
                last = n.end;
            }
        }
        let _ = mismatches(text, text);
    }

    #[test]
    fn never_panics_and_stays_linear() {
        let nines = "9".repeat(10_000);
        let tricky = [
            String::new(),
            nines.clone(),
            format!("{nines}%"),
            format!("{nines} billion"),
            format!("{nines}亿"),
            format!("0.{nines}"),
            "9,".repeat(5_000),
            "1,000".repeat(3_000),
            "亿".repeat(10_000),
            "一亿".repeat(5_000),
            "九".repeat(10_000),
            "九千".repeat(5_000),
            "十".repeat(10_000),
            "百分之".repeat(3_000),
            "第".repeat(10_000),
            "点".repeat(1_000),
            "一点".repeat(1_000),
            "多万".repeat(1_000),
            "twenty-".repeat(3_000),
            "one hundred and ".repeat(3_000),
            "trillion ".repeat(3_000),
            "nine trillion ".repeat(3_000),
            "(".repeat(1_000) + "1" + &")".repeat(1_000),
            "1.".repeat(5_000),
            "１，２．３％".repeat(1_000),
            "\u{0}\u{feff}\r\n5\u{3000}percent per cent percentage".into(),
            "1 per".into(),
            "5 percentage".into(),
            "百分之".into(),
            "第".into(),
            "分之一".into(),
            "零点".into(),
            "May".into(),
            "-".into(),
        ];
        let started = std::time::Instant::now();
        for text in &tricky {
            assert_sane(text);
        }
        let alphabet: Vec<char> = "0123456789０５,.．%％ -—()（）、。：;\n\tabcdefghijklmnopqrstuvwxyzMay one two twenty hundred million per cent th st 〇零一二两三四五六七八九十百千万亿多余点第分之个百分点几数年月日é😀"
            .chars()
            .collect();
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..3_000 {
            let len = (next(&mut state) % 40) as usize;
            let text: String = (0..len)
                .map(|_| alphabet[(next(&mut state) % alphabet.len() as u64) as usize])
                .collect();
            assert_sane(&text);
            // And as bytes, invalid UTF-8 replaced, as a reader would.
            let bytes: Vec<u8> = (0..len).map(|_| next(&mut state) as u8).collect();
            assert_sane(&String::from_utf8_lossy(&bytes));
        }
        // Generous for a debug build on a busy machine; quadratic work on
        // these inputs would take minutes.
        assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
    }
}
