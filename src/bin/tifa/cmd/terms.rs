//! `tifa terms`: a consistency report of the renderings in the memory.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use tifa::glossary::Concept;
use tifa::store::TermUsage;
use tifa::Lang;

use super::open_store;
use crate::output::{self, Format};
use crate::Outcome;

/// Which renderings of each glossary concept the memory uses, how often and
/// in which documents: an editor sees at a glance that one report says
/// "political ecology" and another "political ecosystem".
///
/// Concepts are listed most used first; --inconsistent keeps those whose
/// English side uses more than one rendering, or a deprecated or misspelled
/// one.
#[derive(clap::Args)]
pub struct Args {
    /// Only concepts rendered in more than one way, or wrongly
    #[arg(long)]
    inconsistent: bool,

    /// Output format (records are one row per term and document)
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<Outcome> {
    let store = open_store(db)?;
    let usage = store.term_usage()?;
    let concepts: BTreeMap<String, Concept> = store
        .concepts()?
        .into_iter()
        .map(|s| (s.concept.id.clone(), s.concept))
        .collect();
    let mut by_concept: BTreeMap<&str, Vec<&TermUsage>> = BTreeMap::new();
    for u in &usage {
        by_concept.entry(u.concept.as_str()).or_default().push(u);
    }
    let mut groups: Vec<(&str, Vec<&TermUsage>)> = by_concept
        .into_iter()
        .filter(|(_, uses)| !args.inconsistent || inconsistent(uses))
        .collect();
    groups.sort_by_key(|(id, uses)| {
        (
            std::cmp::Reverse(uses.iter().map(|u| u.count).sum::<u64>()),
            *id,
        )
    });
    let mut out = output::stdout();
    if groups.is_empty() {
        if args.format == Format::Table {
            writeln!(out, "no glossary terms in the memory")?;
        }
        out.flush()?;
        return Ok(Outcome::Found);
    }
    match args.format {
        Format::Table => {
            for (id, uses) in &groups {
                let c = concepts.get(*id);
                let zh = c.and_then(|c| c.zh.first()).map_or("", String::as_str);
                let preferred = c.map_or("", |c| c.preferred());
                let flag = if inconsistent(uses) {
                    "  [inconsistent]"
                } else {
                    ""
                };
                writeln!(out, "{zh}  →  {preferred}    [{id}]{flag}")?;
                let mut terms: BTreeMap<(Lang, bool, &str), Vec<&TermUsage>> = BTreeMap::new();
                for u in uses {
                    terms
                        .entry((u.lang, u.near, u.term.as_str()))
                        .or_default()
                        .push(u);
                }
                for ((_, near, term), places) in terms {
                    let total: u64 = places.iter().map(|p| p.count).sum();
                    let status = if near {
                        "misspelled"
                    } else {
                        places[0].status.code()
                    };
                    let shown = if near {
                        format!("~{term}")
                    } else {
                        term.to_string()
                    };
                    let docs: Vec<String> = places
                        .iter()
                        .map(|p| format!("{} ({})", short(&p.path), p.count))
                        .collect();
                    writeln!(
                        out,
                        "    {shown:<44} {status:<11} {total:>5}   {}",
                        docs.join(", ")
                    )?;
                }
            }
        }
        format => {
            let rows: Vec<&TermUsage> =
                groups.iter().flat_map(|(_, u)| u.iter().copied()).collect();
            output::write_records(&mut out, format, &rows)?;
        }
    }
    out.flush()?;
    Ok(Outcome::Success)
}

/// More than one English rendering, or a deprecated or misspelled one.
fn inconsistent(uses: &[&TermUsage]) -> bool {
    let mut english: Vec<&str> = uses
        .iter()
        .filter(|u| u.lang == Lang::En)
        .map(|u| u.term.as_str())
        .collect();
    english.sort();
    english.dedup();
    english.len() > 1
        || uses
            .iter()
            .any(|u| u.near || u.status == tifa::glossary::Status::Deprecated)
}

fn short(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}
