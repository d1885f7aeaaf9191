//! The glossary of fixed political terms, concept-oriented as in TBX.
//!
//! A [`Concept`] has a category, one or more Chinese terms, English terms
//! each with a [`Status`] (exactly one preferred; admitted; superseded, once
//! official and replaced; deprecated, to be replaced by the preferred one),
//! a note and its sources. A term can carry its own sources, where it was
//! seen, and the dates it was in force. [`validate`] checks a whole glossary
//! before anything is written and reports every problem with the line it
//! comes from.

pub mod lint;
pub mod lookup;
pub mod matcher;
pub mod merge;
pub mod zh_words;

use std::collections::HashMap;

use serde::Serialize;

use crate::date::PartialDate;
use crate::error::Problem;
use crate::normalize::term_key;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The one rendering to use.
    Preferred,
    /// Acceptable: found in authoritative texts, not the preferred form.
    Admitted,
    /// Was the official rendering, and was replaced (see the term's
    /// `valid_until`).
    Superseded,
    /// To be replaced by the preferred rendering.
    Deprecated,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Preferred,
        Status::Admitted,
        Status::Superseded,
        Status::Deprecated,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Status::Preferred => "preferred",
            Status::Admitted => "admitted",
            Status::Superseded => "superseded",
            Status::Deprecated => "deprecated",
        }
    }

    /// Its TBX administrative status.
    pub fn tbx(self) -> &'static str {
        match self {
            Status::Preferred => "preferredTerm-admn-sts",
            Status::Admitted => "admittedTerm-admn-sts",
            Status::Superseded => "supersededTerm-admn-sts",
            Status::Deprecated => "deprecatedTerm-admn-sts",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        let lower = s.trim().to_ascii_lowercase();
        let word = lower.trim_end_matches("-admn-sts").trim_end_matches("term");
        match word {
            "preferred" => Some(Status::Preferred),
            "admitted" => Some(Status::Admitted),
            "superseded" => Some(Status::Superseded),
            "deprecated" => Some(Status::Deprecated),
            _ => None,
        }
    }

    /// Whether a text using a term of this status needs correcting (at the
    /// date the text is judged by; see [`Term::in_force`]).
    pub fn needs_replacing(self) -> bool {
        matches!(self, Status::Superseded | Status::Deprecated)
    }
}

impl std::str::FromStr for Status {
    type Err = String;

    fn from_str(s: &str) -> Result<Status, String> {
        Status::parse(s).ok_or_else(|| {
            format!("unknown status {s:?} (preferred, admitted, superseded or deprecated)")
        })
    }
}

/// Where a non-preferred rendering comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// An authoritative text uses it.
    Official,
    /// It was official and was replaced.
    Superseded,
    /// Common in foreign or Hong Kong press and analysts' writing.
    Press,
    /// Literal, machine-translated or garbled, seen in the wild.
    Literal,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Official => "official",
            Kind::Superseded => "superseded",
            Kind::Press => "press",
            Kind::Literal => "literal",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "official" => Some(Kind::Official),
            "superseded" => Some(Kind::Superseded),
            "press" => Some(Kind::Press),
            "literal" => Some(Kind::Literal),
            _ => None,
        }
    }
}

impl std::str::FromStr for Kind {
    type Err = String;

    fn from_str(s: &str) -> Result<Kind, String> {
        Kind::parse(s)
            .ok_or_else(|| format!("unknown kind {s:?} (official, superseded, press or literal)"))
    }
}

/// An English rendering with its status, and what is known of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    pub text: String,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    /// When the rendering came into use, and when it went out of use.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<PartialDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<PartialDate>,
    /// Where the rendering was read or seen.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// The words around it where it was seen.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub evidence: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Term {
    /// A term with nothing known of it but its status.
    pub fn new(text: impl Into<String>, status: Status) -> Term {
        Term {
            text: text.into(),
            status,
            kind: None,
            valid_from: None,
            valid_until: None,
            sources: Vec::new(),
            evidence: String::new(),
            note: String::new(),
        }
    }

    /// Whether the rendering was in force (not yet replaced) at `date`: a
    /// superseded rendering is, up to its `valid_until`; every other status
    /// is what it is at any date.
    pub fn in_force(&self, date: PartialDate) -> bool {
        match (self.status, self.valid_until) {
            (Status::Superseded, Some(until)) => date.first_day() <= until.last_day(),
            _ => self.status != Status::Superseded && self.status != Status::Deprecated,
        }
    }

    /// Whether a text of `date` that uses this rendering needs correcting.
    pub fn needs_replacing_at(&self, date: PartialDate) -> bool {
        self.status.needs_replacing() && !self.in_force(date)
    }
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
    /// Whether the case of its renderings matters: a capital the glossary
    /// writes ("the Two Upholds", "Party committee") must not be lowered.
    pub case_sensitive: bool,
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
                            "{}: the English term {:?} belongs to {other_id}{} already",
                            c.id,
                            term.text,
                            where_(other_line)
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
                Some(&(other, other_line, other_id)) if other != index => {
                    problems.push(Problem::fatal(
                        line,
                        format!(
                            "{}: the Chinese term {zh} belongs to {other_id}{} already",
                            c.id,
                            where_(other_line)
                        ),
                    ))
                }
                Some(_) => problems.push(Problem::fatal(
                    line,
                    format!("{}: {zh} is given twice", c.id),
                )),
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

/// Where the other concept of a clash is: its line, or the glossary (line
/// 0: a concept stored before this import).
fn where_(line: u64) -> String {
    if line == 0 {
        " (in the glossary)".to_string()
    } else {
        format!(" (line {line})")
    }
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
        en: terms.iter().map(|(t, s)| Term::new(*t, *s)).collect(),
        note: String::new(),
        sources: vec![],
        case_sensitive: false,
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
