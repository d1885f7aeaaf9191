//! The glossary of fixed political terms, concept-oriented as in TBX.
//!
//! A [`Concept`] has a category, one or more Chinese terms, English terms
//! each with a [`Status`] (exactly one preferred; admitted; deprecated, to be
//! replaced by the preferred one), a note and its sources. [`validate`]
//! checks a whole glossary before anything is written and reports every
//! problem with the line it comes from.

pub mod lookup;
pub mod matcher;

use std::collections::HashMap;

use serde::Serialize;

use crate::error::Problem;
use crate::normalize::term_key;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Preferred,
    Admitted,
    Deprecated,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Preferred => "preferred",
            Status::Admitted => "admitted",
            Status::Deprecated => "deprecated",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        match s.trim().to_ascii_lowercase().as_str() {
            "preferred" | "preferredterm-admn-sts" | "preferredterm" => Some(Status::Preferred),
            "admitted" | "admittedterm-admn-sts" | "admittedterm" => Some(Status::Admitted),
            "deprecated"
            | "deprecatedterm-admn-sts"
            | "deprecatedterm"
            | "supersededterm-admn-sts" => Some(Status::Deprecated),
            _ => None,
        }
    }
}

impl std::str::FromStr for Status {
    type Err = String;

    fn from_str(s: &str) -> Result<Status, String> {
        Status::parse(s)
            .ok_or_else(|| format!("unknown status {s:?} (preferred, admitted or deprecated)"))
    }
}

/// An English rendering with its status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    pub text: String,
    pub status: Status,
}

/// A document that attests renderings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// A stable name ("cpc20-report-en").
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub url: String,
    /// YYYY-MM-DD (or YYYY-MM, YYYY when only that is known).
    pub date: String,
}

impl Source {
    /// A source cited by its title, URL, publisher and date, with an id made
    /// from them: the publisher and date as a slug, and a short hash of the
    /// URL, so that citing the same page again gives the same id.
    pub fn cited(title: String, url: String, publisher: String, date: String) -> Source {
        let hash = url.bytes().fold(0x811c_9dc5u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        });
        Source {
            id: format!("{}-{hash:08x}", slug(&format!("{publisher} {date}"))),
            title,
            publisher,
            url,
            date,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Concept {
    /// A stable name ("two-upholds").
    pub id: String,
    pub category: String,
    /// Chinese terms; the first is the main form.
    pub zh: Vec<String>,
    /// English terms: exactly one preferred, then admitted, then deprecated.
    pub en: Vec<Term>,
    pub note: String,
    pub sources: Vec<Source>,
}

impl Concept {
    /// The preferred English rendering.
    pub fn preferred(&self) -> &str {
        self.en
            .iter()
            .find(|t| t.status == Status::Preferred)
            .map_or("", |t| t.text.as_str())
    }

    pub fn terms_with(&self, status: Status) -> impl Iterator<Item = &str> {
        self.en
            .iter()
            .filter(move |t| t.status == status)
            .map(|t| t.text.as_str())
    }

    /// Terms in the canonical order: preferred, admitted, deprecated, each in
    /// the order given.
    pub fn sort_terms(&mut self) {
        self.en.sort_by_key(|t| t.status);
    }
}

/// A concept as read from a file, with the line (or element) it starts at.
#[derive(Debug, Clone)]
pub struct Entry {
    pub line: u64,
    pub concept: Concept,
}

/// Checks a glossary as a whole: every concept has an id, a category, a
/// Chinese term and exactly one preferred English term; no term is empty; no
/// English or Chinese term belongs to two concepts (compared by
/// [`term_key`]); ids are unique. A concept without sources is a warning.
pub fn validate(entries: &[Entry]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut ids: HashMap<&str, u64> = HashMap::new();
    let mut en_owner: HashMap<String, (usize, u64, &str)> = HashMap::new();
    let mut zh_owner: HashMap<String, (usize, u64, &str)> = HashMap::new();
    for (index, entry) in entries.iter().enumerate() {
        let first_problem = problems.len();
        let (line, c) = (entry.line, &entry.concept);
        if c.id.trim().is_empty() {
            problems.push(Problem::fatal(line, "the concept has no id"));
        } else if let Some(first) = ids.insert(&c.id, line) {
            problems.push(Problem::fatal(
                line,
                format!("the id {:?} is used already on line {first}", c.id),
            ));
        }
        if c.category.trim().is_empty() {
            problems.push(Problem::fatal(line, format!("{}: no category", c.id)));
        }
        if c.zh.is_empty() {
            problems.push(Problem::fatal(line, format!("{}: no Chinese term", c.id)));
        }
        let preferred =
            c.en.iter()
                .filter(|t| t.status == Status::Preferred)
                .count();
        match preferred {
            0 => problems.push(Problem::fatal(
                line,
                format!("{}: no preferred English rendering", c.id),
            )),
            1 => {}
            n => problems.push(Problem::fatal(
                line,
                format!(
                    "{}: {n} preferred English renderings ({}); a concept has exactly one",
                    c.id,
                    c.terms_with(Status::Preferred)
                        .map(|t| format!("{t:?}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        }
        let mut own: HashMap<String, Status> = HashMap::new();
        for term in &c.en {
            if term.text.trim().is_empty() {
                problems.push(Problem::fatal(
                    line,
                    format!("{}: an empty English term", c.id),
                ));
                continue;
            }
            let key = term_key(&term.text);
            if let Some(status) = own.insert(key.clone(), term.status) {
                problems.push(Problem::fatal(
                    line,
                    format!(
                        "{}: {:?} is given twice ({} and {})",
                        c.id,
                        term.text,
                        status.code(),
                        term.status.code()
                    ),
                ));
                continue;
            }
            if let Some(&(other, other_line, other_id)) = en_owner.get(&key) {
                if other != index {
                    problems.push(Problem::fatal(
                        line,
                        format!(
                            "{}: the English term {:?} belongs to {other_id} (line {other_line}) already",
                            c.id, term.text
                        ),
                    ));
                }
            } else {
                en_owner.insert(key, (index, line, &c.id));
            }
        }
        for zh in &c.zh {
            if zh.trim().is_empty() {
                problems.push(Problem::fatal(
                    line,
                    format!("{}: an empty Chinese term", c.id),
                ));
                continue;
            }
            let key = term_key(zh);
            match zh_owner.get(&key) {
                Some(&(other, other_line, other_id)) if other != index => problems.push(Problem::fatal(
                    line,
                    format!("{}: the Chinese term {zh} belongs to {other_id} (line {other_line}) already", c.id),
                )),
                Some(_) => problems.push(Problem::fatal(line, format!("{}: {zh} is given twice", c.id))),
                None => {
                    zh_owner.insert(key, (index, line, &c.id));
                }
            }
        }
        if c.sources.is_empty() {
            problems.push(Problem::warning(line, format!("{}: no source", c.id)));
        }
        for p in &mut problems[first_problem..] {
            p.entry = Some(index);
        }
    }
    problems
}

/// A slug for an id made from an English term: "the Two Upholds" → "two-upholds".
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for word in crate::normalize::key(text).split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() || (out.is_empty() && word == "the") {
            continue;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    out
}

/// A concept for unit tests: one Chinese term, English terms with statuses.
#[cfg(test)]
pub(crate) fn test_concept(id: &str, zh: &str, terms: &[(&str, Status)]) -> Concept {
    Concept {
        id: id.into(),
        category: "theory".into(),
        zh: vec![zh.into()],
        en: terms
            .iter()
            .map(|(t, s)| Term {
                text: (*t).into(),
                status: *s,
            })
            .collect(),
        note: String::new(),
        sources: vec![],
    }
}

/// A small glossary for unit tests of the matcher and the checker.
#[cfg(test)]
pub(crate) fn test_glossary() -> Vec<Concept> {
    vec![
        test_concept(
            "two-upholds",
            "两个维护",
            &[
                ("the Two Upholds", Status::Preferred),
                ("two maintenances", Status::Deprecated),
            ],
        ),
        test_concept(
            "party-leadership",
            "党的领导",
            &[
                ("the Party's leadership", Status::Preferred),
                ("leadership of the Party", Status::Admitted),
            ],
        ),
        test_concept(
            "party-building",
            "党的建设",
            &[
                ("Party building", Status::Preferred),
                ("party construction", Status::Deprecated),
            ],
        ),
        test_concept(
            "full-rigorous",
            "全面从严治党",
            &[
                ("full and rigorous Party self-governance", Status::Preferred),
                (
                    "comprehensive and strict party governance",
                    Status::Deprecated,
                ),
            ],
        ),
        test_concept(
            "cpc",
            "中国共产党",
            &[
                ("Communist Party of China", Status::Preferred),
                ("CPC", Status::Admitted),
            ],
        ),
        test_concept(
            "strict",
            "从严治党",
            &[("strict Party self-governance", Status::Preferred)],
        ),
        test_concept("governance", "治理", &[("governance", Status::Preferred)]),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn concept(id: &str, zh: &str, terms: &[(&str, Status)]) -> Entry {
        Entry {
            line: 2,
            concept: test_concept(id, zh, terms),
        }
    }

    #[test]
    fn validation_finds_every_problem() {
        let entries = vec![
            concept(
                "a",
                "两个维护",
                &[
                    ("the Two Upholds", Status::Preferred),
                    ("two maintenances", Status::Deprecated),
                ],
            ),
            concept(
                "b",
                "两个确立",
                &[("X", Status::Preferred), ("Y", Status::Preferred)],
            ),
            concept("c", "某", &[("Two Upholds", Status::Preferred)]),
            concept("a", "两个维护", &[("", Status::Preferred)]),
        ];
        let problems = validate(&entries);
        let messages: Vec<&str> = problems
            .iter()
            .filter(|p| p.fatal)
            .map(|p| p.message.as_str())
            .collect();
        assert!(
            messages.iter().any(|m| m.contains("2 preferred")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("belongs to a")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("used already")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("empty English term")),
            "{messages:?}"
        );
        assert!(problems
            .iter()
            .any(|p| !p.fatal && p.message.contains("no source")));
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("the Two Upholds"), "two-upholds");
        assert_eq!(
            slug("Xi Jinping Thought on Socialism"),
            "xi-jinping-thought-on-socialism"
        );
    }
}
