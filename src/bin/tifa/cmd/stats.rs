//! `tifa stats`: counts over the memory.

use std::io::Write;
use std::path::Path;

use tifa::store::Stats;

use super::open_store;
use crate::output::{self, Format};
use crate::Outcome;

/// Print the counts of the memory: documents, sentences per language, units.
#[derive(clap::Args)]
pub struct Args {
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<Outcome> {
    let store = open_store(db)?;
    let stats = store.stats()?;
    let mut out = output::stdout();
    match args.format {
        Format::Table => print_stats(&mut out, &stats)?,
        format => output::write_records(&mut out, format, &[stats])?,
    }
    out.flush()?;
    Ok(Outcome::Success)
}

pub fn print_stats(out: &mut dyn Write, s: &Stats) -> std::io::Result<()> {
    writeln!(out, "  documents          {:>9}", s.documents)?;
    writeln!(out, "  English sentences  {:>9}", s.sentences_en)?;
    writeln!(out, "  Chinese sentences  {:>9}", s.sentences_zh)?;
    writeln!(
        out,
        "  units              {:>9}  ({} bilingual, {} English only, {} Chinese only)",
        s.units, s.units_bilingual, s.units_en_only, s.units_zh_only
    )?;
    writeln!(out, "  occurrences        {:>9}", s.occurrences)
}
