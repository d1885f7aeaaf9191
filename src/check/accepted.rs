//! Accepted findings of the memory: a stable id for each finding of
//! [`check_memory`], and accepting findings by id after making sure they
//! are findings of the memory now. The store keeps the acceptances
//! ([`crate::store::AcceptedFinding`]); leaving them out of a report is the
//! caller's choice.

use rustc_hash::FxHashMap;

use super::{check_memory, Checker, Finding};
use crate::store::{AcceptedFinding, Store};
use crate::{normalize, Error, Result};

/// A short id of the finding `f` in `text` (the side of the unit it is
/// on) that stays the same across runs and rebuilds of the same memory:
/// 12 hex digits of a 64-bit FNV-1a hash over the kind, the side, the
/// concept, the text found, where it starts and the normalised text
/// ([`normalize::key`]). Row ids are left out on purpose: they change when
/// a memory is rebuilt. The same finding in the same sentence has the same
/// id wherever the sentence is stored.
pub fn finding_id(f: &Finding, text: &str) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(PRIME);
        }
        // 0xff occurs in no UTF-8 text: fields cannot run into each other.
        hash ^= 0xff;
        hash = hash.wrapping_mul(PRIME);
    };
    eat(f.kind.code().as_bytes());
    eat(f.side.code().as_bytes());
    eat(f.concept.as_bytes());
    eat(f.found.as_bytes());
    eat(&(f.start as u64).to_le_bytes());
    eat(normalize::key(text).as_bytes());
    // The top 48 bits: FNV-1a's last multiplications mix them best.
    format!("{:012x}", hash >> 16)
}

/// Accepts the findings of the memory whose ids are `ids`, with `note`,
/// in one transaction, and returns what was stored. Every id must be a
/// finding of the memory as `checker` judges it now: an unknown one is an
/// error naming it, and nothing is stored.
pub fn accept(
    store: &mut Store,
    checker: &Checker,
    ids: &[String],
    note: &str,
) -> Result<Vec<AcceptedFinding>> {
    let mut wanted: FxHashMap<&str, Option<AcceptedFinding>> =
        ids.iter().map(|id| (id.as_str(), None)).collect();
    check_memory(store, checker, |m| {
        if let Some(slot @ None) = wanted.get_mut(m.id.as_str()) {
            *slot = Some(AcceptedFinding {
                kind: m.finding.kind.code().to_string(),
                concept: m.finding.concept,
                found: m.finding.found,
                place: format!("{}:{}.{}", m.path, m.paragraph, m.sentence),
                note: note.to_string(),
                accepted_at: String::new(),
                id: m.id,
            });
        }
        Ok(())
    })?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        match wanted.get_mut(id.as_str()).and_then(Option::take) {
            Some(found) => out.push(found),
            // A second mention of an id already taken.
            None if out.iter().any(|f: &AcceptedFinding| f.id == *id) => {}
            None => {
                return Err(Error::NotFound(format!(
                    "{id} is not a finding of the memory (`tifa check --memory` shows the ids); nothing was accepted"
                )))
            }
        }
    }
    store.accept(&out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check_english, CheckOptions, Kind};
    use crate::glossary::test_glossary;

    fn checker() -> Checker {
        Checker::new(test_glossary(), CheckOptions::default()).unwrap()
    }

    #[test]
    fn ids_are_stable_and_tell_findings_apart() {
        let c = checker();
        let text = "They achieve the two maintenances.";
        let f = check_english(&c, text).unwrap().remove(0);
        let id = finding_id(&f, text);
        assert_eq!(id.len(), 12);
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
        // Stable: the same finding again, and a text that normalises alike.
        let again = check_english(&c, text).unwrap().remove(0);
        assert_eq!(finding_id(&again, text), id);
        assert_eq!(finding_id(&f, "They  achieve the two maintenances."), id);
        // A pinned value: the hash must not change between versions, or
        // every stored acceptance would be lost.
        assert_eq!(id, "664ad67937bb");
        let other_kind = Finding {
            kind: Kind::Superseded,
            ..f.clone()
        };
        let other_found = Finding {
            found: "two maintenance".into(),
            ..f.clone()
        };
        let other_start = Finding {
            start: f.start + 1,
            ..f.clone()
        };
        let other_concept = Finding {
            concept: "cpc".into(),
            ..f.clone()
        };
        let other_side = Finding {
            side: crate::Lang::Zh,
            ..f.clone()
        };
        for g in [
            other_kind,
            other_found,
            other_start,
            other_concept,
            other_side,
        ] {
            assert_ne!(finding_id(&g, text), id, "{g:?}");
        }
        assert_ne!(
            finding_id(&f, "They achieve the two maintenances again."),
            id
        );
    }
}
