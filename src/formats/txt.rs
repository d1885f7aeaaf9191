//! Reports (plain text, Markdown) as memory units: one per sentence, in
//! order, with its paragraph and sentence number, segmented a paragraph at
//! a time as the units are read.

use std::path::Path;

use super::UnitReader;
use crate::segment::Segments;
use crate::{Error, Lang, Result, Unit};

/// Reads a report's sentences as units on the side of its language.
pub struct TextReader<'a> {
    lang: Lang,
    segments: Segments<'a>,
}

impl<'a> TextReader<'a> {
    /// A reader of `text` in `lang`, or in the language detected when
    /// `lang` is `None` (an error when the text has no letters).
    pub fn new(path: &Path, text: &'a str, lang: Option<Lang>) -> Result<Self> {
        let lang = match lang {
            Some(lang) => lang,
            None => Lang::detect(text).ok_or_else(|| {
                Error::file(
                    path,
                    "cannot tell whether this is English or Chinese; say which with --lang en|zh",
                )
            })?,
        };
        Ok(TextReader {
            lang,
            segments: Segments::new(text, lang),
        })
    }
}

impl Iterator for TextReader<'_> {
    type Item = Result<Unit>;

    fn next(&mut self) -> Option<Result<Unit>> {
        let s = self.segments.next()?;
        let (en, zh) = match self.lang {
            Lang::En => (Some(s.text), None),
            Lang::Zh => (None, Some(s.text)),
        };
        Some(Ok(Unit {
            en,
            zh,
            paragraph: Some(s.paragraph.into()),
            sentence: Some(s.sentence.into()),
            ..Unit::default()
        }))
    }
}

impl UnitReader for TextReader<'_> {
    fn lang(&self) -> Option<Lang> {
        Some(self.lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_become_units_with_their_place() {
        let text = "First sentence. Second one.\n\nA new paragraph.";
        let units: Vec<Unit> = TextReader::new(Path::new("r.txt"), text, None)
            .unwrap()
            .collect::<Result<_>>()
            .unwrap();
        let places: Vec<(u64, u64, &str)> = units
            .iter()
            .map(|u| {
                (
                    u.paragraph.unwrap(),
                    u.sentence.unwrap(),
                    u.en.as_deref().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            places,
            [
                (1, 1, "First sentence."),
                (1, 2, "Second one."),
                (2, 1, "A new paragraph.")
            ]
        );
        let zh: Vec<Unit> = TextReader::new(Path::new("r.txt"), "两个维护。两个确立。", None)
            .unwrap()
            .collect::<Result<_>>()
            .unwrap();
        assert!(zh.iter().all(|u| u.en.is_none() && u.zh.is_some()));
        assert!(TextReader::new(Path::new("r.txt"), "12 34.", None).is_err());
    }
}
