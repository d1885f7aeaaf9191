//! File formats tifa reads and writes: one module per format.
//!
//! - [`text`]: plain text and Markdown reports, in any of the encodings
//!   translators meet (UTF-8, UTF-16 with a byte order mark, GB18030/GBK).
//! - [`pairs`]: TSV and CSV files of pre-aligned sentence pairs.

pub mod glossary_csv;
pub mod memory_csv;
pub mod omegat;
pub mod pairs;
pub mod tbx;
pub mod text;
pub mod tmx;

use std::path::Path;

/// The kinds of file `tifa import` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// A report to segment into sentences (.txt, .md).
    Text,
    /// Aligned pairs, one per row, with a header (.tsv, .tab, .csv).
    Pairs(pairs::Delimiter),
    /// A translation memory in TMX (.tmx).
    Tmx,
}

impl InputFormat {
    /// The format a file's extension names, if tifa imports that extension
    /// when it walks a directory.
    pub fn from_extension(path: &Path) -> Option<InputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "md" | "markdown" | "text" => Some(InputFormat::Text),
            "tsv" | "tab" => Some(InputFormat::Pairs(pairs::Delimiter::Tab)),
            "csv" => Some(InputFormat::Pairs(pairs::Delimiter::Comma)),
            "tmx" => Some(InputFormat::Tmx),
            _ => None,
        }
    }
}

/// Line and column (1-based; the column in characters) of byte offsets in a
/// text, counted forward incrementally as a reader moves on, so that naming
/// the position of every element costs no more than one pass.
pub struct Positions<'a> {
    text: &'a str,
    offset: usize,
    line: u64,
    line_start: usize,
    /// An offset on the current line and the characters before it on the
    /// line, so that many columns on one long line cost one pass too.
    counted: (usize, usize),
}

impl<'a> Positions<'a> {
    pub fn new(text: &'a str) -> Self {
        Positions {
            text,
            offset: 0,
            line: 1,
            line_start: 0,
            counted: (0, 0),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.text.len()
    }

    /// The line and column of `offset`.
    pub fn at(&mut self, offset: usize) -> (u64, u64) {
        let line = self.line(offset);
        let (from, before) = if self.counted.0 >= self.line_start && self.counted.0 <= self.offset {
            self.counted
        } else {
            (self.line_start, 0)
        };
        let column = before
            + self
                .text
                .get(from..self.offset)
                .map_or(0, |s| s.chars().count());
        self.counted = (self.offset, column);
        (line, column as u64 + 1)
    }

    /// The line of `offset` (cheaper than [`Positions::at`]: no column).
    pub fn line(&mut self, offset: usize) -> u64 {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            *self = Positions::new(self.text);
        }
        for i in memchr::memchr_iter(b'\n', &self.text.as_bytes()[self.offset..offset]) {
            self.line += 1;
            self.line_start = self.offset + i + 1;
        }
        self.offset = offset;
        self.line
    }

    /// The byte offset where the line of the last offset asked about
    /// starts.
    pub fn line_start(&self) -> usize {
        self.line_start
    }
}

#[cfg(test)]
mod tests {
    use super::Positions;

    #[test]
    fn lines_and_columns_counted_forward_and_back() {
        let mut p = Positions::new("ab\ncd两e\nf");
        assert_eq!(p.at(8), (2, 4));
        assert_eq!(p.line_start(), 3);
        assert_eq!(p.at(10), (3, 1));
        assert_eq!(p.at(0), (1, 1));
        assert_eq!(p.at(11), (3, 2));
    }
}
