//! Suppressions: findings a reviewer has accepted once, in an ignore file
//! (`.tifaignore` next to the checked text, or one given with `--ignore`).
//!
//! One entry per line; blank lines and lines starting with `#` are skipped:
//! - `concept:ID` accepts every finding of that concept ("concept:two-upholds");
//! - `FILE:LINE` accepts every finding on that line of that file (the file
//!   as named on the command line, or its file name alone: "report.txt:12");
//!   in the memory, every finding in that paragraph of the document stored
//!   at that path (its places are path:paragraph.sentence);
//! - anything else is an exact phrase: a finding whose text is that phrase
//!   (case and spacing aside) is accepted ("harmony between man and
//!   nature").

use std::path::Path;

use super::Finding;
use crate::{Error, Result};

/// The accepted findings of an ignore file.
#[derive(Debug, Clone, Default)]
pub struct Ignore {
    concepts: Vec<String>,
    places: Vec<(String, u64)>,
    phrases: Vec<String>,
}

fn folded(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Ignore {
    /// Reads an ignore file's text; `path` names it in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Ignore> {
        let mut out = Ignore::default();
        out.add(path, text)?;
        Ok(out)
    }

    /// Adds the entries of another ignore file.
    pub fn add(&mut self, path: &Path, text: &str) -> Result<()> {
        for (n, line) in text.lines().enumerate() {
            let line = line.trim().trim_start_matches('\u{feff}');
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(id) = line.strip_prefix("concept:") {
                let id = id.trim();
                if id.is_empty() {
                    return Err(Error::line(
                        path,
                        n as u64 + 1,
                        "\"concept:\" without a concept id",
                    ));
                }
                self.concepts.push(id.to_string());
            } else if let Some((file, number)) = line.rsplit_once(':').filter(|(f, l)| {
                !f.is_empty() && !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit())
            }) {
                let number = number.parse().map_err(|_| {
                    Error::line(
                        path,
                        n as u64 + 1,
                        format!("{number:?} is not a line number"),
                    )
                })?;
                self.places.push((file.to_string(), number));
            } else {
                self.phrases.push(folded(line));
            }
        }
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.concepts.is_empty() && self.places.is_empty() && self.phrases.is_empty()
    }

    /// Whether the finding `f`, at `line` of the file named `file`, is
    /// accepted.
    pub fn accepts(&self, file: &str, line: u64, f: &Finding) -> bool {
        if self.concepts.contains(&f.concept) {
            return true;
        }
        let name = Path::new(file)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        if self
            .places
            .iter()
            .any(|(p, l)| *l == line && (p == file || name.as_deref() == Some(p.as_str())))
        {
            return true;
        }
        !self.phrases.is_empty() && {
            let found = folded(&f.found);
            self.phrases.contains(&found)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check_english, CheckOptions, Checker};
    use crate::glossary::test_glossary;

    #[test]
    fn entries_accept_their_findings() {
        let m = Checker::new(test_glossary(), CheckOptions::default()).unwrap();
        let f = check_english(&m, "They achieve the two maintenances.").unwrap();
        assert_eq!(f.len(), 1);
        let f = &f[0];
        // (ignore file, file, line, accepted)
        let cases = [
            ("concept:two-upholds", "a.txt", 1, true),
            ("concept:cpc", "a.txt", 1, false),
            ("a.txt:1", "a.txt", 1, true),
            ("a.txt:1", "drafts/a.txt", 1, true),
            ("drafts/a.txt:1", "drafts/a.txt", 1, true),
            ("a.txt:2", "a.txt", 1, false),
            ("Two  Maintenances", "a.txt", 1, true),
            ("two maintenance", "a.txt", 1, false),
            ("# two maintenances\n\n", "a.txt", 1, false),
        ];
        for (text, file, line, want) in cases {
            let ignore = Ignore::parse(Path::new(".tifaignore"), text).unwrap();
            assert_eq!(ignore.accepts(file, line, f), want, "{text:?}");
        }
    }

    #[test]
    fn a_bad_entry_names_the_file_and_line() {
        let err = Ignore::parse(Path::new("x/.tifaignore"), "# ok\nconcept:\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("x/.tifaignore") && msg.contains('2'), "{msg}");
    }
}
