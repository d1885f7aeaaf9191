//! `tifa terms`: a consistency report of the renderings in the memory.

use std::io::Write;
use std::path::Path;

use tifa::store::TermUsage;
use tifa::terms::usage;

use super::open_memory;
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
    let store = open_memory(db)?;
    let groups = usage(&store, args.inconsistent)?;
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
            for g in &groups {
                let flag = if g.inconsistent {
                    "  [inconsistent]"
                } else {
                    ""
                };
                writeln!(out, "{}  →  {}    [{}]{flag}", g.zh, g.preferred, g.concept)?;
                for r in &g.renderings {
                    let status = if r.near {
                        "misspelled"
                    } else {
                        r.status.code()
                    };
                    let shown = if r.near {
                        format!("~{}", r.term)
                    } else {
                        r.term.clone()
                    };
                    let docs: Vec<String> = r
                        .places
                        .iter()
                        .map(|(path, count)| format!("{} ({count})", short(path)))
                        .collect();
                    writeln!(
                        out,
                        "    {shown:<44} {status:<11} {:>5}   {}",
                        r.total,
                        docs.join(", ")
                    )?;
                }
            }
        }
        format => {
            let rows: Vec<&TermUsage> = groups.iter().flat_map(|g| g.uses.iter()).collect();
            output::write_records(&mut out, format, &rows)?;
        }
    }
    out.flush()?;
    Ok(Outcome::Success)
}

fn short(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}
