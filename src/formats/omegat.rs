//! OmegaT's glossary format: one entry per line, tab-separated source term,
//! target term and comment; UTF-8; no header row (OmegaT would read it as an
//! entry). OmegaT reads `.utf8` and `.txt` files from a project's glossary/
//! folder. There is no quoting: tabs and line breaks inside a cell become
//! spaces.

use std::io::Write;

use crate::glossary::{Concept, Status};
use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Chinese source terms, English targets: for translating into English.
    ZhEn,
    /// English source terms (all renderings), Chinese targets.
    EnZh,
}

fn cell(s: &str) -> String {
    s.split(['\t', '\n', '\r'])
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The comment of a zh→en entry: other renderings and the note.
fn comment(c: &Concept) -> String {
    let mut parts = Vec::new();
    let admitted: Vec<&str> = c.terms_with(Status::Admitted).collect();
    if !admitted.is_empty() {
        parts.push(format!("also: {}", admitted.join("; ")));
    }
    let deprecated: Vec<&str> = c
        .terms_with(Status::Superseded)
        .chain(c.terms_with(Status::Deprecated))
        .collect();
    if !deprecated.is_empty() {
        parts.push(format!("avoid: {}", deprecated.join("; ")));
    }
    if !c.note.is_empty() {
        parts.push(c.note.clone());
    }
    cell(&parts.join(". "))
}

impl std::str::FromStr for Direction {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Direction, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh-en" => Ok(Direction::ZhEn),
            "en-zh" => Ok(Direction::EnZh),
            _ => Err(format!("unknown direction {s:?} (zh-en or en-zh)")),
        }
    }
}

pub fn write(
    out: &mut dyn Write,
    concepts: &[Concept],
    direction: Direction,
    bom: bool,
) -> Result<()> {
    let io = Error::output;
    if bom {
        out.write_all("\u{feff}".as_bytes()).map_err(io)?;
    }
    for c in concepts {
        match direction {
            Direction::ZhEn => {
                let note = comment(c);
                for zh in &c.zh {
                    writeln!(out, "{}\t{}\t{note}", cell(zh), cell(c.preferred())).map_err(io)?;
                }
            }
            Direction::EnZh => {
                for term in &c.en {
                    let note = match term.status {
                        Status::Preferred => cell(&c.note),
                        Status::Admitted => format!("admitted; preferred: {}", cell(c.preferred())),
                        Status::Superseded => format!("superseded: use {}", cell(c.preferred())),
                        Status::Deprecated => format!("deprecated: use {}", cell(c.preferred())),
                    };
                    writeln!(out, "{}\t{}\t{note}", cell(&term.text), cell(&c.zh[0]))
                        .map_err(io)?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::test_concept;

    #[test]
    fn both_directions() {
        let c = Concept {
            note: "Always with 'the'.\tCapitalised.".into(),
            ..test_concept(
                "two-upholds",
                "两个维护",
                &[
                    ("the Two Upholds", Status::Preferred),
                    ("two maintenances", Status::Deprecated),
                ],
            )
        };
        let mut out = Vec::new();
        write(&mut out, std::slice::from_ref(&c), Direction::ZhEn, false).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "两个维护\tthe Two Upholds\tavoid: two maintenances. Always with 'the'. Capitalised.\n"
        );
        let mut out = Vec::new();
        write(&mut out, &[c], Direction::EnZh, false).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "the Two Upholds\t两个维护\tAlways with 'the'. Capitalised.\ntwo maintenances\t两个维护\tdeprecated: use the Two Upholds\n"
        );
    }
}
