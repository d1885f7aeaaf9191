//! The glossary's own review: what [`super::validate`] cannot refuse but a
//! reviewer should not accept. Every rendering sourced (the preferred one
//! by the concept's sources, every other by its own), dates real and in
//! order, evidence that shows the rendering it attests, no form preferred
//! in one concept and replaced in another without a note saying why, no
//! concept under two ids.

use std::collections::HashMap;

use serde::Serialize;

use super::{Concept, Kind, Status};
use crate::date::PartialDate;
use crate::lang::is_han;
use crate::normalize::{key, simplified, term_key};

/// A finding of the lint, about one concept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lint {
    pub concept: String,
    pub message: String,
    /// An error must be fixed; a warning should be looked at.
    pub error: bool,
}

/// The categories the bundled glossary uses (glossary/README.md).
pub const CATEGORIES: &[&str] = &[
    "theory",
    "party-building",
    "discipline",
    "institutions",
    "titles",
    "meetings",
    "policy",
    "governance",
    "economy",
    "ecology",
    "society",
    "culture",
    "diplomacy",
    "defense",
    "places",
    "history",
    "law",
    "rural",
    "hk-macao-taiwan",
    "security",
    "science-education",
];

/// A key that ignores everything but letters and digits: "party-building",
/// "Party building" and "partybuilding" meet.
fn loose(text: &str) -> String {
    term_key(text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Whether `evidence` shows `term` (folded as tifa compares text; an
/// evidence line cut short at the end may show only the start of a long
/// term).
fn shows(evidence: &str, term: &str) -> bool {
    let letters = |s: &str| -> String {
        key(s)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .map(simplified)
            .collect()
    };
    let (e, t) = (letters(evidence), letters(term));
    !t.is_empty()
        && (e.contains(&t) || (t.len() > 24 && e.ends_with(&t[..e.len().min(t.len()) / 2])))
}

/// Lints a whole glossary.
pub fn lint(concepts: &[Concept]) -> Vec<Lint> {
    let mut out = Vec::new();
    let mut push = |c: &Concept, error: bool, message: String| {
        out.push(Lint {
            concept: c.id.clone(),
            message,
            error,
        })
    };
    // Forms across concepts, by a loose key: (concept, status, text).
    let mut forms: HashMap<String, Vec<(usize, Status, &str)>> = HashMap::new();
    let mut zh_forms: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, c) in concepts.iter().enumerate() {
        if c.sources.is_empty() {
            push(
                c,
                true,
                format!("the preferred rendering {:?} has no source", c.preferred()),
            );
        }
        for s in &c.sources {
            if s.url.is_empty() {
                push(c, true, format!("the source {} has no URL", s.id));
            }
            if s.date.is_empty() {
                push(c, false, format!("the source {} has no date", s.id));
            } else if s.date.parse::<PartialDate>().is_err() {
                push(
                    c,
                    true,
                    format!(
                        "the source {} has the date {:?}, which is not a date",
                        s.id, s.date
                    ),
                );
            }
        }
        if !CATEGORIES.contains(&c.category.as_str()) {
            push(
                c,
                false,
                format!("the category {:?} is not one of the glossary's", c.category),
            );
        }
        for z in &c.zh {
            if !z.chars().any(is_han) {
                push(
                    c,
                    true,
                    format!("the Chinese form {z:?} has no Chinese characters"),
                );
            }
            let folded: String = term_key(z).chars().map(simplified).collect();
            zh_forms.entry(folded).or_default().push(i);
        }
        for t in &c.en {
            if t.text.chars().any(is_han) {
                push(
                    c,
                    true,
                    format!("the English rendering {:?} has Chinese characters", t.text),
                );
            }
            forms
                .entry(loose(&t.text))
                .or_default()
                .push((i, t.status, &t.text));
            if t.status == Status::Preferred {
                continue;
            }
            if t.sources.is_empty() {
                push(
                    c,
                    true,
                    format!(
                        "the {} rendering {:?} has no source of its own",
                        t.status.code(),
                        t.text
                    ),
                );
            }
            if !t.evidence.is_empty() && !shows(&t.evidence, &t.text) {
                push(
                    c,
                    false,
                    format!(
                        "the evidence for {:?} does not show it: {:?}",
                        t.text, t.evidence
                    ),
                );
            }
            if let (Some(from), Some(until)) = (t.valid_from, t.valid_until) {
                if from.first_day() > until.last_day() {
                    push(
                        c,
                        true,
                        format!(
                            "{:?} is valid from {from}, after it is valid until {until}",
                            t.text
                        ),
                    );
                }
            }
            match (t.status, t.kind) {
                (Status::Superseded, _) if t.valid_until.is_none() => push(
                    c,
                    false,
                    format!(
                        "the superseded rendering {:?} has no valid_until date",
                        t.text
                    ),
                ),
                (Status::Admitted, Some(Kind::Literal)) => push(
                    c,
                    false,
                    format!("{:?} is admitted, but a literal rendering", t.text),
                ),
                (Status::Deprecated | Status::Admitted, Some(Kind::Superseded)) => push(
                    c,
                    false,
                    format!(
                        "{:?} is of the superseded kind but {}",
                        t.text,
                        t.status.code()
                    ),
                ),
                _ => {}
            }
        }
    }
    for (form, users) in &forms {
        let concepts_of: Vec<usize> = {
            let mut v: Vec<usize> = users.iter().map(|u| u.0).collect();
            v.dedup();
            v
        };
        if concepts_of.len() < 2 || form.is_empty() {
            continue;
        }
        let preferred = users.iter().find(|u| u.1 == Status::Preferred);
        let replaced = users.iter().find(|u| u.1.needs_replacing());
        if let (Some(p), Some(r)) = (preferred, replaced) {
            if p.0 != r.0 {
                let (pc, rc) = (&concepts[p.0], &concepts[r.0]);
                let noted = pc.note.to_lowercase().contains(&r.2.to_lowercase())
                    || rc.note.to_lowercase().contains(&p.2.to_lowercase())
                    || rc.note.contains(&pc.id)
                    || pc.note.contains(&rc.id);
                if !noted {
                    out.push(Lint {
                        concept: rc.id.clone(),
                        message: format!(
                            "{:?} is {} here but {:?} is preferred in {}, and no note says why",
                            r.2,
                            r.1.code(),
                            p.2,
                            pc.id
                        ),
                        error: true,
                    });
                }
            }
        }
    }
    for (i, c) in concepts.iter().enumerate() {
        let same_preferred: Vec<&str> = forms
            .get(&loose(c.preferred()))
            .into_iter()
            .flatten()
            .filter(|u| u.0 != i && u.1 == Status::Preferred && u.0 > i)
            .map(|u| concepts[u.0].id.as_str())
            .collect();
        for other in same_preferred {
            out.push(Lint {
                concept: c.id.clone(),
                message: format!(
                    "the same preferred rendering as {other}: one concept under two ids?"
                ),
                error: true,
            });
        }
    }
    for (form, users) in &zh_forms {
        let mut ids: Vec<&str> = users.iter().map(|&i| concepts[i].id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        if ids.len() > 1 {
            out.push(Lint {
                concept: ids[0].to_string(),
                message: format!(
                    "the Chinese form {form} belongs to {}: one concept under two ids?",
                    ids.join(" and ")
                ),
                error: true,
            });
        }
    }
    out.sort_by(|a, b| (b.error, &a.concept).cmp(&(a.error, &b.concept)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{test_concept, Source, Term};

    fn source() -> Source {
        Source {
            id: "s".into(),
            title: "T".into(),
            publisher: "Xinhua".into(),
            url: "https://x.example/".into(),
            date: "2024-07-18".into(),
        }
    }

    fn sourced(mut c: Concept) -> Concept {
        c.sources = vec![source()];
        for t in &mut c.en {
            if t.status != Status::Preferred {
                t.sources = vec![source()];
            }
        }
        c
    }

    #[test]
    fn a_clean_glossary_has_no_lint() {
        let c = sourced(test_concept(
            "two-upholds",
            "两个维护",
            &[
                ("the Two Upholds", Status::Preferred),
                ("two maintenances", Status::Deprecated),
            ],
        ));
        assert_eq!(lint(&[c]), []);
    }

    #[test]
    fn findings() {
        let mut a = test_concept(
            "a",
            "两个维护",
            &[
                ("the Two Upholds", Status::Preferred),
                ("Two Safeguards", Status::Superseded),
            ],
        );
        a.en[1].evidence = "upholding the core".into();
        let b = sourced(test_concept(
            "b",
            "兩個維護",
            &[("Two-Upholds", Status::Preferred)],
        ));
        let mut c = sourced(test_concept(
            "c",
            "甲",
            &[("Party building", Status::Preferred)],
        ));
        let mut d = sourced(test_concept(
            "d",
            "乙",
            &[("party-building", Status::Preferred)],
        ));
        d.en.push(Term::new("Partybuilding", Status::Deprecated));
        d.en[0].text = "construction".into();
        c.category = "colour".into();
        let found = lint(&[a, b, c, d]);
        let messages: Vec<&str> = found.iter().map(|l| l.message.as_str()).collect();
        for want in [
            "has no source",
            "has no source of its own",
            "does not show it",
            "no valid_until",
            "one concept under two ids",
            "no note says why",
            "not one of the glossary's",
        ] {
            assert!(
                messages.iter().any(|m| m.contains(want)),
                "{want}: {messages:#?}"
            );
        }
    }
}
