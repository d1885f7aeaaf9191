//! Sentence segmentation of English and Chinese text.
//!
//! The segmenter decides what one unit of the memory is, so it works on real
//! press and PDF-extracted text: hard-wrapped lines, page breaks that leave a
//! blank line (or a page number) inside a sentence, salutations and headings
//! on their own lines, abbreviations, numbers, ellipses and closing quotes.
//!
//! It works in two steps. [`lines`] joins physical lines into paragraphs;
//! [`sentences`] finds the sentence boundaries inside one paragraph. The
//! English abbreviation rules are data (`rules.en.txt`), read by [`rules`].
//!
//! No text is lost: every non-white-space character of the input belongs to
//! exactly one segment, and each segment records the byte ranges of the input
//! it came from. This module does no I/O and never fails.

mod lines;
pub mod rules;
mod sentences;

use std::ops::Range;

use crate::normalize::nfc;
use crate::Lang;

/// One sentence of a text, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The sentence: NFC, otherwise as in the source, except that the line
    /// breaks of hard-wrapped text become single spaces (none between Chinese
    /// characters, none after a hyphen that ends a line).
    pub text: String,
    /// Paragraph number in the text, from 1.
    pub paragraph: u32,
    /// Sentence number within its paragraph, from 1.
    pub sentence: u32,
    /// The byte ranges of the input this sentence was taken from, in order.
    /// More than one when the sentence runs across lines.
    pub spans: Vec<Range<usize>>,
}

/// Splits `text` into sentences.
pub fn segment(text: &str, lang: Lang) -> Vec<Segment> {
    Segments::new(text, lang).collect()
}

/// Calls `emit` with each sentence of `text`, in order, without collecting
/// them: the streaming form of [`segment`].
pub fn for_each(text: &str, lang: Lang, emit: impl FnMut(Segment)) {
    Segments::new(text, lang).for_each(emit);
}

/// The sentences of a text, in order, one paragraph segmented at a time.
pub struct Segments<'a> {
    text: &'a str,
    lang: Lang,
    rules: &'static rules::Rules,
    paragraphs: lines::Paragraphs<'a>,
    paragraph_no: u32,
    ends: Vec<usize>,
    ready: std::collections::VecDeque<Segment>,
}

impl<'a> Segments<'a> {
    pub fn new(text: &'a str, lang: Lang) -> Self {
        Segments {
            text,
            lang,
            rules: rules::Rules::english(),
            paragraphs: lines::Paragraphs::new(text, lang),
            paragraph_no: 0,
            ends: Vec::new(),
            ready: Default::default(),
        }
    }

    /// Segments the next paragraph into `ready`; false at the end.
    fn next_paragraph(&mut self) -> bool {
        if !self.paragraphs.advance() {
            return false;
        }
        let para = self.paragraphs.current();
        self.ends.clear();
        sentences::ends(para.text, self.lang, self.rules, &mut self.ends);
        self.paragraph_no += 1;
        let paragraph_no = self.paragraph_no;
        let mut sentence_no = 0u32;
        let mut detached = para.detached.iter().peekable();
        let mut start = 0usize;
        // Lines set apart (page numbers) follow the sentence they were
        // found in, or end the paragraph.
        let text = self.text;
        let set_apart = |ready: &mut std::collections::VecDeque<Segment>,
                         sentence_no: &mut u32,
                         d: &lines::Detached| {
            *sentence_no += 1;
            ready.push_back(detached_segment(
                text,
                d.source.clone(),
                paragraph_no,
                *sentence_no,
            ));
        };
        for &end in &self.ends {
            let range = trim_range(para.text, start..end);
            start = end;
            if range.is_empty() {
                continue;
            }
            sentence_no += 1;
            self.ready.push_back(Segment {
                text: nfc(&para.text[range.clone()]).into_owned(),
                paragraph: paragraph_no,
                sentence: sentence_no,
                spans: para.source_spans(range.clone()),
            });
            while let Some(d) = detached.next_if(|d| d.at <= range.end) {
                set_apart(&mut self.ready, &mut sentence_no, d);
            }
        }
        for d in detached {
            set_apart(&mut self.ready, &mut sentence_no, d);
        }
        true
    }
}

impl Iterator for Segments<'_> {
    type Item = Segment;

    fn next(&mut self) -> Option<Segment> {
        loop {
            if let Some(s) = self.ready.pop_front() {
                return Some(s);
            }
            if !self.next_paragraph() {
                return None;
            }
        }
    }
}

fn detached_segment(text: &str, source: Range<usize>, paragraph: u32, sentence: u32) -> Segment {
    Segment {
        text: nfc(&text[source.clone()]).into_owned(),
        paragraph,
        sentence,
        spans: vec![source],
    }
}

/// `range` without the white space at either end.
fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return range.start..range.start;
    }
    range.start + lead..range.end - trail
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str, lang: Lang) -> Vec<String> {
        segment(input, lang).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn spans_cover_every_visible_character_once() {
        let input = "Mr. President,\n\nThe session was held\non July 7. It ended\n12\n\nwith a vote. “Good.” Done\n";
        let segs = segment(input, Lang::En);
        let mut covered = vec![0u8; input.len()];
        for s in &segs {
            for r in &s.spans {
                for c in &mut covered[r.clone()] {
                    *c += 1;
                }
            }
        }
        for (i, ch) in input.char_indices() {
            if !ch.is_whitespace() {
                assert_eq!(covered[i], 1, "byte {i} ({ch:?}) in {segs:#?}");
            }
        }
    }

    /// The abbreviation rules of `rules.en.txt`, one row per rule. The real
    /// text of tests/segment/*.cases has few of these abbreviations, so these
    /// rows are written to exercise each rule.
    #[test]
    fn abbreviation_rules() {
        let cases: &[(&str, &[&str])] = &[
            ("Dr. Wang spoke. Mrs. Li replied.", &["Dr. Wang spoke.", "Mrs. Li replied."]),
            ("Gen. Zhang inspected the troops. They cheered.", &["Gen. Zhang inspected the troops.", "They cheered."]),
            ("The No. 1 Central Document was issued. It covers rural work.", &["The No. 1 Central Document was issued.", "It covers rural work."]),
            ("Huawei Technologies Co. Ltd. reported growth. Its profit rose.", &["Huawei Technologies Co. Ltd. reported growth.", "Its profit rose."]),
            ("It was founded by Tencent Co. The firm grew.", &["It was founded by Tencent Co.", "The firm grew."]),
            ("The session opened on Jan. 5 in Beijing. It closed on Dec. 9.", &["The session opened on Jan. 5 in Beijing.", "It closed on Dec. 9."]),
            ("Key terms, e.g. the Two Upholds, are fixed. Others, i.e. slogans, vary.", &["Key terms, e.g. the Two Upholds, are fixed.", "Others, i.e. slogans, vary."]),
            ("Coal, steel, cement, etc. were covered. Quotas followed.", &["Coal, steel, cement, etc. were covered.", "Quotas followed."]),
            ("The U.S. delegation left. The U.N. Security Council met.", &["The U.S. delegation left.", "The U.N. Security Council met."]),
            ("He visited the U.S. The trip was short.", &["He visited the U.S.", "The trip was short."]),
            ("The meeting began at 9 a.m. Beijing time. It ended at 5 p.m. The press was briefed.", &["The meeting began at 9 a.m. Beijing time.", "It ended at 5 p.m.", "The press was briefed."]),
            ("John F. Kennedy spoke. Plan B. The rest followed.", &["John F. Kennedy spoke.", "Plan B.", "The rest followed."]),
            ("GDP grew 5.2 percent to 126 trillion yuan. Prices rose 0.2 percent.", &["GDP grew 5.2 percent to 126 trillion yuan.", "Prices rose 0.2 percent."]),
            ("“Is this the standard rendering?” he asked. “Yes.”", &["“Is this the standard rendering?” he asked.", "“Yes.”"]),
            ("See the note (in Part XV.) The report says so.", &["See the note (in Part XV.)", "The report says so."]),
            ("We waited... Then the vote came.", &["We waited...", "Then the vote came."]),
            ("We waited… and then voted.", &["We waited… and then voted."]),
            ("Prof. Chen and St. Petersburg were named. Art. 5 applies.", &["Prof. Chen and St. Petersburg were named.", "Art. 5 applies."]),
        ];
        for (input, want) in cases {
            assert_eq!(texts(input, Lang::En), *want, "{input}");
        }
    }

    #[test]
    fn page_number_inside_a_sentence_is_set_apart() {
        let input = "Operations should refrain, in whatever circumstances, from\n10\n\n\nbecoming a party to a conflict. Next sentence.";
        assert_eq!(
            texts(input, Lang::En),
            [
                "Operations should refrain, in whatever circumstances, from becoming a party to a conflict.",
                "10",
                "Next sentence."
            ]
        );
    }
}
