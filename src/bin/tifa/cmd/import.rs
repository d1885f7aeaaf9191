//! `tifa import`: add reports and aligned pairs to the memory.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use tifa::formats::pairs::ColumnLangs;
use tifa::import::{self, ImportOptions};
use tifa::Lang;

use super::{open_store, parse_lang};
use crate::output;
use crate::output::progress::ImportBar;
use crate::output::report::{describe, summary};
use crate::Outcome;

/// Import reports and aligned sentence pairs into the memory.
///
/// PATH may be a file or a directory; directories are read recursively for
/// .txt and .md reports, .tsv, .tab and .csv pairs files and .tmx memories. Reports are
/// split into sentences; each sentence becomes a unit with its provenance
/// (document, paragraph, sentence). A pairs file needs a header row with `en`
/// and `zh` columns (or `source` and `target` with --source-lang and
/// --target-lang); each row becomes a unit. A TMX file (any version 1.x,
/// UTF-8 or UTF-16) gives one unit per tu, its inline codes left out.
///
/// Encodings are detected: UTF-8 with or without BOM, UTF-16 with BOM,
/// GB18030/GBK. The import is one transaction: if any file cannot be read or
/// decoded, nothing is stored. A file that has not changed since its last
/// import is skipped; a changed one replaces its earlier version.
#[derive(clap::Args)]
pub struct Args {
    /// Files or directories to import
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// The language of the reports [default: detected for each file]
    #[arg(long, value_parser = parse_lang)]
    lang: Option<Lang>,

    /// The language of a `source` column in pairs files
    #[arg(long, value_parser = parse_lang)]
    source_lang: Option<Lang>,

    /// The language of a `target` column in pairs files
    #[arg(long, value_parser = parse_lang)]
    target_lang: Option<Lang>,

    /// Print only errors
    #[arg(short, long)]
    quiet: bool,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<Outcome> {
    let inputs = import::collect_inputs(&args.paths)?;
    if inputs.is_empty() {
        anyhow::bail!("no files to import under {}", display_paths(&args.paths));
    }
    let options = ImportOptions {
        lang: args.lang,
        columns: ColumnLangs {
            source: args.source_lang,
            target: args.target_lang,
        },
    };
    let mut store = open_store(db)?;
    let report = import::import(&mut store, &inputs, &options, None, &mut ImportBar::new())
        .context("importing (nothing was stored)")?;
    if !args.quiet {
        let mut out = output::stdout();
        for file in &report.files {
            writeln!(out, "{}", describe(file))?;
        }
        writeln!(out, "{}", summary(&report))?;
        out.flush()?;
    }
    Ok(Outcome::Success)
}

fn display_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
