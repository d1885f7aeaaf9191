//! From physical lines to paragraphs.
//!
//! A paragraph ends at a blank line, except where a page break left one inside
//! a sentence, and at a line break where the text is not hard-wrapped. Text is
//! *hard-wrapped* (PDF extraction, e-mail) when most line breaks fall inside
//! sentences; then a line break joins lines unless the line before it is short
//! (the last line of a paragraph, a salutation, a heading) or the next line
//! starts a list item. Page numbers found alone on a line inside a sentence
//! are set apart as their own segment.

use std::ops::Range;

use crate::lang::is_cjk;
use crate::Lang;

use super::sentences::{is_opener, line_ends_sentence};

/// A paragraph: its text (lines joined) and how that text maps to the input.
pub struct Paragraph<'a> {
    pub text: &'a str,
    /// (offset in `text`, offset in the input, length) for each line piece.
    pieces: &'a [(usize, usize, usize)],
    /// Lines set apart from the paragraph (page numbers).
    pub detached: &'a [Detached],
}

pub struct Detached {
    /// Offset in the paragraph text where the line was found.
    pub at: usize,
    pub source: Range<usize>,
}

impl Paragraph<'_> {
    /// The input byte ranges of a range of the paragraph text.
    pub fn source_spans(&self, range: Range<usize>) -> Vec<Range<usize>> {
        let mut spans = Vec::with_capacity(1);
        for &(at, src, len) in self.pieces {
            let (lo, hi) = (range.start.max(at), range.end.min(at + len));
            if lo < hi {
                spans.push(src + (lo - at)..src + (hi - at));
            }
        }
        spans
    }
}

#[derive(Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    /// Blank lines between this line and the one before it.
    gap: usize,
}

impl Line {
    fn len(&self) -> usize {
        self.end - self.start
    }
}

/// Splits `text` into lines: `\n`, `\r\n` and `\r` end a line; leading and
/// trailing white space is trimmed; blank lines are counted, not kept.
fn lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut gap = 0;
    let mut pos = 0;
    while pos <= bytes.len() {
        let eol = memchr::memchr2(b'\n', b'\r', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
        let raw = &text[pos..eol];
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            if !out.is_empty() {
                gap += 1;
            }
        } else {
            let start = pos + (raw.len() - raw.trim_start().len());
            out.push(Line {
                start,
                end: start + trimmed.len(),
                gap,
            });
            gap = 0;
        }
        if eol >= bytes.len() {
            break;
        }
        pos = eol + 1;
        if bytes[eol] == b'\r' && bytes.get(pos) == Some(&b'\n') {
            pos += 1;
        }
    }
    out
}

/// What the document looks like, for the join decisions.
struct Shape {
    /// A long line: about the width the text is wrapped at.
    wide: usize,
    hard_wrapped: bool,
    /// Paragraphs are separated by blank lines, so a single line break is
    /// only a break inside a paragraph.
    blank_separated: bool,
}

fn shape(text: &str, lines: &[Line]) -> Shape {
    let mut lens: Vec<usize> = lines.iter().map(Line::len).collect();
    let wide = if lens.is_empty() {
        0
    } else {
        let k = lens.len() * 9 / 10;
        let k = k.min(lens.len() - 1);
        *lens.select_nth_unstable(k).1
    };
    let mut followed = 0;
    let mut open = 0;
    let mut after_blank = 0;
    for pair in lines.windows(2) {
        if pair[1].gap > 0 {
            after_blank += 1;
        }
        if pair[1].gap == 0 {
            followed += 1;
            if !line_ends_sentence(&text[pair[0].start..pair[0].end]) {
                open += 1;
            }
        }
    }
    Shape {
        wide: wide * 7 / 10,
        hard_wrapped: followed >= 4 && open * 2 > followed,
        blank_separated: after_blank > 0 && after_blank >= followed,
    }
}

fn first_char(s: &str) -> char {
    s.chars().next().unwrap_or(' ')
}

fn last_char(s: &str) -> char {
    s.chars().next_back().unwrap_or(' ')
}

/// Digits alone on a line: a page number, or a page footer such as the UN's
/// "23 06-53317" (page and document number).
fn is_page_number(s: &str) -> bool {
    let short_number = (1..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    let footer = s.len() <= 16
        && s.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && s.bytes()
            .all(|b| b.is_ascii_digit() || b == b' ' || b == b'-')
        && s.contains(' ')
        && s.contains('-');
    short_number || footer
}

/// A line that starts a list item: "- ", "• ", "1. ", "2) ", "(3) ", "a) ",
/// "iv. ", "（一）", "一、".
pub fn starts_list_item(s: &str) -> bool {
    let mut chars = s.char_indices();
    let Some((_, c0)) = chars.next() else {
        return false;
    };
    let followed_by_space = |i: usize| s[i..].starts_with(char::is_whitespace);
    if matches!(
        c0,
        '-' | '*' | '•' | '·' | '▪' | '◦' | '‣' | '–' | '—' | '●' | '■'
    ) {
        return followed_by_space(c0.len_utf8());
    }
    if matches!(c0, '(' | '（') {
        let close = s.find([')', '）']);
        return close.is_some_and(|i| {
            let inner = &s[c0.len_utf8()..i];
            let digits =
                (1..=3).contains(&inner.len()) && inner.bytes().all(|b| b.is_ascii_digit());
            let letter = inner.len() == 1 && inner.bytes().all(|b| b.is_ascii_alphabetic());
            let roman =
                (1..=5).contains(&inner.len()) && inner.bytes().all(|b| b"ivxlIVXL".contains(&b));
            let chinese = !inner.is_empty() && inner.chars().all(is_chinese_numeral);
            digits || letter || roman || chinese
        });
    }
    // "1.", "12)", "a)", "iv.", "一、"
    let marker_end = s
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || is_chinese_numeral(c)))
        .map_or(s.len(), |(i, _)| i);
    let marker = &s[..marker_end];
    let rest = &s[marker_end..];
    if marker.is_empty() {
        return false;
    }
    let numeric = marker.len() <= 3 && marker.bytes().all(|b| b.is_ascii_digit());
    let letter = marker.len() == 1 && marker.bytes().all(|b| b.is_ascii_alphabetic());
    let roman = marker.len() <= 5 && marker.bytes().all(|b| b"ivxlIVXL".contains(&b));
    let chinese = marker.chars().all(is_chinese_numeral);
    if chinese {
        return rest.starts_with('、');
    }
    if !(numeric || letter || roman) {
        return false;
    }
    let mut after = rest.chars();
    matches!(after.next(), Some('.' | ')')) && after.next().is_some_and(char::is_whitespace)
}

fn is_chinese_numeral(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

/// How a line can continue the sentence of the line before: with a small
/// letter, or with punctuation that never starts a sentence.
fn continues(s: &str) -> bool {
    let c = first_char(s);
    c.is_lowercase() || matches!(c, ',' | ';' | ':' | ')' | ']' | '}' | '%' | '(')
}

/// A line that starts with punctuation no sentence starts with: a closing
/// quote or bracket, or a Chinese comma or full stop.
fn starts_mid_sentence(s: &str) -> bool {
    matches!(
        first_char(s),
        '”' | '’' | '）' | '》' | '」' | '』' | '，' | '、' | '。' | '；' | '：' | '！' | '？'
    )
}

/// What goes between two joined lines: nothing between Chinese text or after
/// a hyphen that ends a line ("Secretary-" + "General"), else one space.
fn joiner(before: &str, after: &str, lang: Lang) -> &'static str {
    if lang == Lang::Zh {
        return "";
    }
    let (b, a) = (last_char(before), first_char(after));
    let hyphenated = b == '-'
        && {
            let mut rev = before.chars().rev();
            rev.next();
            rev.next().is_some_and(char::is_alphabetic)
        }
        && a.is_alphabetic();
    if hyphenated || is_cjk(b) || is_cjk(a) {
        ""
    } else {
        " "
    }
}

/// Words that never end an English sentence: a line ending with one runs on.
const RUNS_ON: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "to", "in", "on", "at", "by", "for", "with", "from", "as",
    "into", "than", "that", "which", "its", "their", "our", "his", "her", "is", "are", "was",
    "were", "be", "has", "have", "will", "would", "should", "shall", "not", "between", "both",
];

fn ends_with_run_on_word(line: &str) -> bool {
    let word = line
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    RUNS_ON.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether a line leaves a quotation open: more “ than ”, or an odd number
/// of straight double quotes.
fn opens_quote(line: &str) -> bool {
    let (mut open, mut close, mut straight) = (0, 0, 0);
    for c in line.chars() {
        match c {
            '“' => open += 1,
            '”' => close += 1,
            '"' => straight += 1,
            _ => {}
        }
    }
    open > close || straight % 2 == 1
}

/// Characters a Chinese line can end with only in the middle of a sentence.
const ZH_RUNS_ON: &str = "是的和与及在对把将被为从向以要";

/// Whether `next` (after `gap` blank lines) continues the paragraph of the
/// line `prev`.
///
/// `run_on` says that the paragraph so far already runs on from a line that
/// did not end a sentence: Chinese web text often breaks lines around links
/// ("我们依照" / "宪法" / "和" / "基本法" / "有效实施……").
fn joins(prev: &str, next: &str, gap: usize, lang: Lang, shape: &Shape, run_on: bool) -> bool {
    let quoting = opens_quote(prev);
    if starts_list_item(next) && !quoting {
        return false;
    }
    if matches!(last_char(prev), c if is_opener(c) && c != '"' && c != '\'')
        || starts_mid_sentence(next)
    {
        // An opening quote cannot end a line's sentence, nor can a closing
        // quote or a comma start one.
        return true;
    }
    let short = prev.len() < shape.wide || (!shape.hard_wrapped && prev.len() < 80);
    if line_ends_sentence(prev) {
        // A sentence ended with the line: only hard-wrapped text carries the
        // paragraph on, and only after a full-width line.
        return gap == 0 && shape.hard_wrapped && !short;
    }
    let last = last_char(prev);
    match lang {
        Lang::Zh => {
            if matches!(last, '，' | '、') {
                return true;
            }
            let inner = &prev[..prev.len() - last.len_utf8()];
            let running = inner.contains(['，', '、', '；', '：']);
            if last == '：' {
                // "同志们：" stands alone; a long line with a colon runs on.
                return gap == 0 && prev.chars().count() > 40;
            }
            if starts_list_item(prev) || (gap > 0 && !running) {
                // A heading ("一、……"), or a paragraph that ends without a
                // full stop. A blank line inside a running sentence is a
                // page break.
                return false;
            }
            if run_on || running || ZH_RUNS_ON.contains(last) {
                // Headings have no inner punctuation; a broken sentence has.
                return true;
            }
            if prev.chars().count() <= 4 || next.chars().count() <= 4 {
                // A fragment cut at a link ("政府工作报" / "告").
                return true;
            }
            shape.blank_separated || (shape.hard_wrapped && !short)
        }
        Lang::En => {
            let upper_next = first_char(next).is_uppercase();
            if upper_next
                && (last == ';' || last == ':' || prev.ends_with("; and") || prev.ends_with("; or"))
            {
                // The items of a list, one per line, and the line that
                // introduces them.
                return false;
            }
            if continues(next) || (quoting && gap == 0) {
                return true;
            }
            if matches!(last, ',' | ':') {
                // "Mr. President," and "Colleagues," stand alone; a longer
                // line that ends with a comma runs on.
                return prev.chars().count() > 40;
            }
            if first_char(prev).is_lowercase() || ends_with_run_on_word(prev) {
                // A line that starts in the middle of a sentence, or ends with "of".
                return true;
            }
            if shape.hard_wrapped {
                !short
            } else {
                // Headings are short; a long line without final punctuation was cut.
                prev.chars().count() >= 100
            }
        }
    }
}

/// The paragraphs of a text one at a time: [`Paragraphs::advance`] moves to
/// the next one, [`Paragraphs::current`] shows it.
pub struct Paragraphs<'a> {
    text: &'a str,
    lang: Lang,
    lines: Vec<Line>,
    shape: Shape,
    buf: String,
    pieces: Vec<(usize, usize, usize)>,
    single: [(usize, usize, usize); 1],
    detached: Vec<Detached>,
    prev: Line,
    run_on: bool,
    /// The next line to look at.
    i: usize,
    /// The line that starts the next paragraph, once the current one ended
    /// before it.
    pending: Option<Line>,
    started: bool,
    finished: bool,
}

impl<'a> Paragraphs<'a> {
    pub fn new(text: &'a str, lang: Lang) -> Self {
        let lines = lines(text);
        let shape = shape(text, &lines);
        let first = lines.first().copied().unwrap_or(Line {
            start: 0,
            end: 0,
            gap: 0,
        });
        Paragraphs {
            text,
            lang,
            finished: lines.is_empty(),
            lines,
            shape,
            buf: String::new(),
            pieces: Vec::new(),
            single: [(0, 0, 0)],
            detached: Vec::new(),
            prev: first,
            run_on: false,
            i: 1,
            pending: None,
            started: false,
        }
    }

    fn push(&mut self, l: Line) {
        let s = &self.text[l.start..l.end];
        if let Some(&(at, src, len)) = self.pieces.last() {
            if self.buf.is_empty() {
                self.buf.push_str(&self.text[src..src + len]);
                debug_assert_eq!(at, 0);
            }
            self.buf
                .push_str(joiner(&self.text[src..src + len], s, self.lang));
        }
        self.pieces.push((self.buf.len(), l.start, l.len()));
        if self.pieces.len() > 1 {
            self.buf.push_str(s);
        }
    }

    /// Moves to the next paragraph; false when there is none.
    pub fn advance(&mut self) -> bool {
        if self.finished {
            return false;
        }
        self.pieces.clear();
        self.detached.clear();
        self.buf.clear();
        if !self.started {
            self.started = true;
            self.push(self.lines[0]);
        } else {
            match self.pending.take() {
                Some(line) => {
                    self.push(line);
                    self.prev = line;
                }
                None => {
                    self.finished = true;
                    return false;
                }
            }
        }
        let text = self.text;
        let slice = |l: &Line| &text[l.start..l.end];
        while self.i < self.lines.len() {
            let i = self.i;
            let next = self.lines[i];
            let prev_text = slice(&self.prev);
            let page_break = next.gap > 0
                || self.lines.get(i + 1).is_some_and(|l| l.gap > 0)
                || self.shape.hard_wrapped;
            if is_page_number(slice(&next)) && page_break && !line_ends_sentence(prev_text) {
                if let Some(&after) = self.lines.get(i + 1) {
                    let gap = next.gap + after.gap + 1;
                    if joins(
                        prev_text,
                        slice(&after),
                        gap,
                        self.lang,
                        &self.shape,
                        self.run_on,
                    ) {
                        let at = self.pieces.last().map_or(0, |&(at, _, len)| at + len);
                        self.detached.push(Detached {
                            at,
                            source: next.start..next.end,
                        });
                        self.push(after);
                        self.prev = after;
                        self.run_on = true;
                        self.i += 2;
                        continue;
                    }
                }
            }
            self.i += 1;
            if joins(
                prev_text,
                slice(&next),
                next.gap,
                self.lang,
                &self.shape,
                self.run_on,
            ) {
                self.run_on = !line_ends_sentence(prev_text);
                self.push(next);
                self.prev = next;
            } else {
                self.run_on = false;
                self.pending = Some(next);
                return true;
            }
        }
        true
    }

    /// The paragraph [`Paragraphs::advance`] moved to.
    pub fn current(&mut self) -> Paragraph<'_> {
        if self.pieces.len() == 1 {
            let (_, src, len) = self.pieces[0];
            self.single = [(0, src, len)];
            Paragraph {
                text: &self.text[src..src + len],
                pieces: &self.single,
                detached: &self.detached,
            }
        } else {
            Paragraph {
                text: &self.buf,
                pieces: &self.pieces,
                detached: &self.detached,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_items() {
        for s in [
            "- item",
            "• item",
            "1. First",
            "12) x",
            "(3) x",
            "a) x",
            "iv. x",
            "（一）坚持",
            "一、过去五年",
        ] {
            assert!(starts_list_item(s), "{s}");
        }
        for s in [
            "1.2 billion",
            "2015, in",
            "No. 1",
            "International",
            "-5 degrees",
        ] {
            assert!(!starts_list_item(s), "{s}");
        }
    }

    #[test]
    fn lines_handle_all_line_endings() {
        let text = "a\r\nb\rc\n\n\nd";
        let got: Vec<_> = lines(text)
            .iter()
            .map(|l| (&text[l.start..l.end], l.gap))
            .collect();
        assert_eq!(got, [("a", 0), ("b", 0), ("c", 0), ("d", 2)]);
    }

    #[test]
    fn joiners() {
        assert_eq!(joiner("the Secretary-", "General", Lang::En), "");
        assert_eq!(joiner("the", "world", Lang::En), " ");
        assert_eq!(joiner("全面从严", "治党", Lang::En), "");
        assert_eq!(joiner("pages 1-", "5", Lang::En), " ");
        assert_eq!(joiner("PM", "2.5", Lang::Zh), "");
    }
}
