//! The translation unit as tifa reads and writes it: an English and a
//! Chinese side (either may be missing), with what is known of where it
//! comes from. Every reader of memory files yields units, every writer
//! takes them, and the store's export hands them out.

/// A translation unit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unit {
    /// The unit's id in the memory; 0 for a unit read from a file.
    pub id: i64,
    pub en: Option<String>,
    pub zh: Option<String>,
    /// When the memory stored it (RFC 3339); empty for a unit read from a
    /// file.
    pub created: String,
    /// The document it (first) occurs in, as stored.
    pub document: Option<String>,
    /// Where it stands in its document: the paragraph (for pairs and TMX
    /// files, the line its row or `tu` starts on) and the sentence within
    /// it, from 1.
    pub paragraph: Option<u64>,
    pub sentence: Option<u64>,
    /// Ids of the glossary concepts found in it.
    pub concepts: Vec<String>,
}

impl Unit {
    /// A unit read from a file at `line`.
    pub fn at_line(line: u64, en: Option<String>, zh: Option<String>) -> Unit {
        Unit {
            en,
            zh,
            paragraph: Some(line),
            sentence: Some(1),
            ..Unit::default()
        }
    }

    /// The line (or paragraph) it was read at; 0 when unknown.
    pub fn line(&self) -> u64 {
        self.paragraph.unwrap_or(0)
    }

    /// Whether it has no text on either side.
    pub fn is_empty(&self) -> bool {
        self.en.is_none() && self.zh.is_none()
    }
}
