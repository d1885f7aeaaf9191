//! `tifa stats`: counts over the memory.

use std::io::Write;
use std::path::Path;

use super::open_memory;
use crate::output::report::print_stats;
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
    let store = open_memory(db)?;
    let stats = store.stats()?;
    let mut out = output::stdout();
    match args.format {
        Format::Table => print_stats(&mut out, &stats)?,
        format => output::write_records(&mut out, format, &[stats])?,
    }
    out.flush()?;
    Ok(Outcome::Success)
}
