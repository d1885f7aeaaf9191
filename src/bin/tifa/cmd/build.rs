//! `tifa build`: the main job. Imports the bundled reports under tm/ into the
//! memory and prints a summary.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use tifa::check::{check_memory, Kind};
use tifa::glossary::import as glossary_import;
use tifa::glossary::matcher::Matcher;
use tifa::import::{self, ImportOptions};

use super::import::{describe, summary};
use super::stats::print_stats;
use super::{open_store, ImportBar};
use crate::output;
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
    let mut store = open_store(db)?;
    let mut out = output::stdout();
    // The glossary first, so that the reports' sentences are annotated as
    // they are stored.
    if args.glossary.is_dir() {
        let files = glossary_files(&args.glossary)?;
        let outcome = glossary_import::import_files(
            &mut store,
            &files,
            None,
            glossary_import::Replace::SameFiles,
        )
        .with_context(|| {
            format!(
                "loading the glossary in {} (nothing was stored)",
                args.glossary.display()
            )
        })?;
        super::glossary::report_import(&mut out, &args.glossary.display().to_string(), &outcome)?;
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
    let concepts: Vec<_> = store.concepts()?.into_iter().map(|s| s.concept).collect();
    if !args.no_out {
        write_deliverables(&store, &concepts, &args.out)?;
        writeln!(
            out,
            "deliverables in {}/: memory.tmx, memory.csv, glossary.csv, glossary.utf8 (OmegaT), glossary.tbx",
            args.out.display()
        )?;
    }
    if !concepts.is_empty() {
        let matcher = Matcher::new(concepts)?;
        let mut counts = [0usize; 3];
        let mut sentences = std::collections::HashSet::new();
        check_memory(&store, &matcher, |m| {
            counts[m.finding.kind as usize] += 1;
            sentences.insert(m.text);
            Ok(())
        })?;
        writeln!(
            out,
            "check: {} deprecated renderings, {} misspelled terms, {} missing renderings in {} sentences (`tifa check --memory` lists them)",
            counts[Kind::Deprecated as usize],
            counts[Kind::Misspelled as usize],
            counts[Kind::Missing as usize],
            sentences.len()
        )?;
    }
    out.flush()?;
    Ok(Outcome::Success)
}

/// The glossary files in a folder: CSV and TSV files other than the sources
/// file, in name order.
fn glossary_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if path.is_file()
            && matches!(ext.as_deref(), Some("csv" | "tsv"))
            && !glossary_import::is_sources_file(&path)
        {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The memory and the glossary in the formats CAT tools and spreadsheets
/// read, each written whole or not at all.
fn write_deliverables(
    store: &tifa::store::Store,
    concepts: &[tifa::glossary::Concept],
    dir: &Path,
) -> anyhow::Result<()> {
    use super::export::{write_export, Export, ExportFormat};
    use crate::output::write_file_atomically;
    use tifa::formats::{glossary_csv, omegat, tbx};
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    for (name, format, bom) in [
        ("memory.tmx", ExportFormat::Tmx, false),
        ("memory.csv", ExportFormat::Csv, true),
    ] {
        let export = Export {
            store,
            filter: Default::default(),
            format,
            source: tifa::Lang::En,
            bom,
            escape_formulas: true,
        };
        let path = dir.join(name);
        write_file_atomically(&path, |w| write_export(&export, w).map(|_| ()))
            .with_context(|| format!("writing {}", path.display()))?;
    }
    type WriteGlossary<'a> = &'a dyn Fn(&mut dyn Write) -> tifa::Result<()>;
    let glossary: [(&str, WriteGlossary<'_>); 3] = [
        ("glossary.csv", &|w| glossary_csv::write(w, concepts, true)),
        ("glossary.utf8", &|w| {
            omegat::write(w, concepts, omegat::Direction::ZhEn, false)
        }),
        ("glossary.tbx", &|w| {
            tbx::write(w, concepts, tbx::Flavour::Martif)
        }),
    ];
    for (name, write) in glossary {
        let path = dir.join(name);
        write_file_atomically(&path, |w| Ok(write(w)?))
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}
