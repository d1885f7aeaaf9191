//! `tifa build`: the main job. Imports the bundled reports under tm/ into the
//! memory and prints a summary.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use tifa::import::{self, ImportOptions};

use super::import::{describe, summary};
use super::stats::print_stats;
use super::{open_store, ImportBar};
use crate::output;
use crate::Outcome;

/// Build the memory from the bundled data: every report and pairs file
/// under tm/.
///
/// Run it in the folder that holds tm/. Files already imported and unchanged
/// are skipped, changed ones are re-imported, and documents whose files have
/// been deleted from tm/ are removed, so the memory mirrors tm/. Ends with a
/// summary of the memory.
#[derive(clap::Args)]
pub struct Args {
    /// The folder of reports to build the memory from
    #[arg(long, default_value = "tm", value_name = "DIR")]
    tm: PathBuf,

    /// List every file, not just the summary
    #[arg(short, long)]
    verbose: bool,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<Outcome> {
    if !args.tm.is_dir() {
        anyhow::bail!(
            "there is no folder {} here: run `tifa build` in the folder that holds tm/, or name the folder with --tm DIR",
            args.tm.display()
        );
    }
    let inputs = import::collect_inputs(std::slice::from_ref(&args.tm))?;
    let mut store = open_store(db)?;
    let dirs = [args.tm.clone()];
    let report = import::import(
        &mut store,
        &inputs,
        &ImportOptions::default(),
        Some(&dirs),
        &mut ImportBar::new(),
    )
    .with_context(|| format!("importing {} (nothing was stored)", args.tm.display()))?;
    let mut out = output::stdout();
    if args.verbose {
        for file in &report.files {
            writeln!(out, "{}", describe(file))?;
        }
        for path in &report.removed {
            writeln!(out, "removed {path}: the file is gone")?;
        }
    }
    writeln!(out, "{}: {}", args.tm.display(), summary(&report))?;
    writeln!(out, "memory {}:", db.display())?;
    print_stats(&mut out, &store.stats()?)?;
    out.flush()?;
    Ok(Outcome::Success)
}
