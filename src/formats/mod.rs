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
