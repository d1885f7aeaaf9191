//! `tifa build`: the main job. Imports the bundled reports under tm/ into the
//! memory and prints a summary.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use tifa::build::{check_counts, load_glossary, write_deliverables, DELIVERABLES};
use tifa::import::{self, ImportOptions};

use super::open_store_for_build;
use crate::output;
use crate::output::progress::ImportBar;
use crate::output::report::{describe, print_stats, report_import, summary};
use crate::Outcome;

/// Build the memory from the bundled data: every report and pairs file
/// under tm/, and the glossary files in glossary/.
///
/// Run it in the folder that holds tm/ and glossary/. Files already imported
/// and unchanged are skipped, changed ones are re-imported, and documents
/// whose files have been deleted from tm/ are removed, so the memory mirrors
/// tm/. The concepts of each glossary file are replaced by the file's
/// (concepts added with `tifa glossary add` stay). Then writes the
/// translators' deliverables to out/: the memory as TMX (memory.tmx, for a
/// CAT tool's tm/ folder) and CSV (memory.csv, with a BOM for Excel), and the
/// glossary as CSV (glossary.csv), OmegaT glossary (glossary.utf8) and TBX
/// (glossary.tbx). Ends with a summary.
#[derive(clap::Args)]
pub struct Args {
    /// The folder of reports to build the memory from
    #[arg(long, default_value = "tm", value_name = "DIR")]
    tm: PathBuf,

    /// The folder of glossary files (CSV or TSV, with sources.csv)
    #[arg(long, default_value = "glossary", value_name = "DIR")]
    glossary: PathBuf,

    /// Where to write the deliverables (memory as TMX and CSV; glossary as
    /// CSV, OmegaT glossary and TBX)
    #[arg(long, default_value = "out", value_name = "DIR")]
    out: PathBuf,

    /// Do not write the deliverables
    #[arg(long)]
    no_out: bool,

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
    let mut store = open_store_for_build(db, args.glossary.is_dir())?;
    let mut out = output::stdout();
    // The glossary first, so that the reports' sentences are annotated as
    // they are stored.
    if args.glossary.is_dir() {
        let outcome = load_glossary(&mut store, &args.glossary).with_context(|| {
            format!(
                "loading the glossary in {} (nothing was stored)",
                args.glossary.display()
            )
        })?;
        report_import(&mut out, &args.glossary.display().to_string(), &outcome)?;
    }
    let dirs = [args.tm.clone()];
    let report = import::import(
        &mut store,
        &inputs,
        &ImportOptions::default(),
        Some(&dirs),
        &mut ImportBar::new(),
    )
    .with_context(|| format!("importing {} (nothing was stored)", args.tm.display()))?;
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
    if !args.no_out {
        write_deliverables(&store, &args.out)
            .with_context(|| format!("writing the deliverables to {}", args.out.display()))?;
        let names: Vec<String> = DELIVERABLES
            .iter()
            .map(|(name, _)| match *name {
                "glossary.utf8" => format!("{name} (OmegaT)"),
                _ => name.to_string(),
            })
            .collect();
        writeln!(
            out,
            "deliverables in {}/: {}",
            args.out.display(),
            names.join(", ")
        )?;
    }
    if let Some(c) = check_counts(&store)? {
        writeln!(
            out,
            "check: {} deprecated renderings, {} superseded, {} misspelled terms, {} near renderings, {} missing renderings{} in {} sentences (`tifa check --memory` lists them)",
            c.deprecated,
            c.superseded,
            c.misspelled,
            c.nonstandard,
            c.missing,
            [(c.case, "with a capital lowered"), (c.bilingual, "bilingual QA findings")]
                .iter()
                .filter(|(n, _)| *n > 0)
                .map(|(n, what)| format!(", {n} {what}"))
                .collect::<String>(),
            c.sentences
        )?;
    }
    out.flush()?;
    Ok(Outcome::Success)
}
