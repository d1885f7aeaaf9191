//! Merging a concept that arrives (from a team's glossary file, or typed on
//! the command line) into the concept the glossary has for it, so that
//! nothing either side knows is lost: Chinese forms, renderings, sources
//! and notes are united; a rendering both sides have keeps what each knows
//! of it. Where the two disagree (another preferred rendering, one term
//! with two statuses, another category), that is a conflict, and the caller
//! decides what happens.

use super::{Concept, Status, Term};
use crate::normalize::term_key;

/// What to do when a concept that arrives disagrees with the stored one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnConflict {
    /// Report every conflict and import nothing.
    #[default]
    Fail,
    /// Leave the stored concept as it is; the arriving one is not imported.
    Skip,
    /// The arriving values win; what they replace is kept where it can be
    /// (a replaced preferred rendering stays, as admitted).
    Replace,
}

impl std::str::FromStr for OnConflict {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "fail" => Ok(OnConflict::Fail),
            "skip" => Ok(OnConflict::Skip),
            "replace" => Ok(OnConflict::Replace),
            _ => Err(format!("unknown choice {s:?} (skip, replace or fail)")),
        }
    }
}

/// The concept `stored` and `incoming` make together, and the conflicts
/// between them (described for the user). With conflicts, the merged
/// concept follows `incoming` where they disagree (what [`OnConflict::Replace`]
/// keeps); the caller drops it for the other choices.
pub fn merge(stored: &Concept, incoming: &Concept) -> (Concept, Vec<String>) {
    let mut out = stored.clone();
    let mut conflicts = Vec::new();
    for zh in &incoming.zh {
        if !out.zh.iter().any(|z| term_key(z) == term_key(zh)) {
            out.zh.push(zh.clone());
        }
    }
    if incoming.category != "uncategorized" && incoming.category != stored.category {
        conflicts.push(format!(
            "the category is {:?} in the glossary, {:?} here",
            stored.category, incoming.category
        ));
        out.category = incoming.category.clone();
    }
    if !incoming.note.is_empty() && !stored.note.contains(&incoming.note) {
        out.note = if stored.note.is_empty() {
            incoming.note.clone()
        } else {
            format!("{} {}", stored.note, incoming.note)
        };
    }
    merge_sources(&mut out.sources, &incoming.sources);
    // A file that says the case matters turns it on; one that cannot say
    // (TBX, a spreadsheet without the column) does not turn it off.
    out.case_sensitive |= incoming.case_sensitive;
    let preferred_in = incoming.preferred();
    let new_preferred =
        !preferred_in.is_empty() && term_key(preferred_in) != term_key(stored.preferred());
    if new_preferred {
        conflicts.push(format!(
            "the preferred rendering is {:?} in the glossary, {preferred_in:?} here",
            stored.preferred()
        ));
        // The stored preferred rendering stays, as admitted.
        for t in out.en.iter_mut().filter(|t| t.status == Status::Preferred) {
            t.status = Status::Admitted;
        }
    }
    for t in &incoming.en {
        let key = term_key(&t.text);
        let Some(o) = out.en.iter_mut().find(|o| term_key(&o.text) == key) else {
            out.en.push(t.clone());
            continue;
        };
        if o.status != t.status {
            // The new preferred rendering is the conflict already named;
            // the old one demoted to admitted agrees with an incoming
            // "admitted".
            let told = t.status == Status::Preferred && new_preferred;
            if !told {
                let was = stored
                    .en
                    .iter()
                    .find(|s| term_key(&s.text) == key)
                    .map_or(o.status, |s| s.status);
                conflicts.push(format!(
                    "{:?} is {} in the glossary, {} here",
                    t.text,
                    was.code(),
                    t.status.code()
                ));
            }
            o.status = t.status;
        }
        merge_term(o, t);
    }
    out.sort_terms();
    (out, conflicts)
}

/// Fills in, for each rendering of `incoming` that `stored` has too, what
/// the file does not say of it (its sources, kind, dates, evidence, note):
/// a file that gives a concept again, in a format that cannot carry all of
/// that (CSV), does not take it away.
pub fn keep_what_is_known(incoming: &mut Concept, stored: &Concept) {
    for t in incoming.en.iter_mut() {
        let key = term_key(&t.text);
        if let Some(s) = stored.en.iter().find(|s| term_key(&s.text) == key) {
            merge_term(t, s);
        }
    }
}

/// Fills in what `into` does not know of a rendering from `from`.
fn merge_term(into: &mut Term, from: &Term) {
    into.kind = into.kind.or(from.kind);
    into.valid_from = into.valid_from.or(from.valid_from);
    into.valid_until = into.valid_until.or(from.valid_until);
    if into.evidence.is_empty() {
        into.evidence = from.evidence.clone();
    }
    if !from.note.is_empty() && !into.note.contains(&from.note) {
        into.note = if into.note.is_empty() {
            from.note.clone()
        } else {
            format!("{} {}", into.note, from.note)
        };
    }
    merge_sources(&mut into.sources, &from.sources);
}

/// Sources united by id; a source both name is taken as `from` cites it
/// (the newer citation of the same document).
fn merge_sources(into: &mut Vec<super::Source>, from: &[super::Source]) {
    for s in from {
        match into.iter_mut().find(|o| o.id == s.id) {
            Some(o) => *o = s.clone(),
            None => into.push(s.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{test_concept, Source};

    fn source(id: &str) -> Source {
        Source {
            id: id.into(),
            title: id.into(),
            publisher: String::new(),
            url: String::new(),
            date: String::new(),
        }
    }

    #[test]
    fn a_new_rendering_joins_and_nothing_is_lost() {
        let mut stored = test_concept(
            "cpc",
            "中国共产党",
            &[("Communist Party of China", Status::Preferred)],
        );
        stored.note = "Use CPC as the short form.".into();
        stored.sources = vec![source("xinhua")];
        let mut incoming = test_concept(
            "cpc",
            "中共",
            &[
                ("Communist Party of China", Status::Preferred),
                ("CCP", Status::Deprecated),
            ],
        );
        incoming.category = "uncategorized".into();
        incoming.sources = vec![source("team")];
        let (merged, conflicts) = merge(&stored, &incoming);
        assert!(conflicts.is_empty(), "{conflicts:?}");
        assert_eq!(merged.zh, ["中国共产党", "中共"]);
        assert_eq!(merged.note, "Use CPC as the short form.");
        assert_eq!(merged.category, "theory");
        assert_eq!(
            merged
                .sources
                .iter()
                .map(|s| s.id.as_str())
                .collect::<Vec<_>>(),
            ["xinhua", "team"]
        );
        assert_eq!(
            merged.terms_with(Status::Deprecated).collect::<Vec<_>>(),
            ["CCP"]
        );
        // Merging the same again changes nothing.
        assert_eq!(merge(&merged, &incoming).0, merged);
    }

    #[test]
    fn disagreements_are_conflicts() {
        let stored = test_concept(
            "two-upholds",
            "两个维护",
            &[
                ("the Two Upholds", Status::Preferred),
                ("Two Safeguards", Status::Admitted),
            ],
        );
        let incoming = test_concept(
            "two-upholds",
            "两个维护",
            &[
                ("Two Safeguards", Status::Preferred),
                ("the Two Upholds", Status::Deprecated),
            ],
        );
        let (merged, conflicts) = merge(&stored, &incoming);
        assert_eq!(conflicts.len(), 2, "{conflicts:?}");
        assert!(conflicts[0].contains("preferred rendering"));
        assert_eq!(merged.preferred(), "Two Safeguards");
        assert_eq!(
            merged.terms_with(Status::Deprecated).collect::<Vec<_>>(),
            ["the Two Upholds"]
        );
    }
}
