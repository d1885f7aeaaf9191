//! The `tifa` command line: parses arguments, dispatches to `cmd::*`, prints
//! errors and sets the exit code (0 success, 1 "found something" for checks
//! and searches, 2 error).

mod cmd;
mod output;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc rather than the system allocator: imports and exports allocate
/// strings on one thread and free them on another, which glibc's allocator
/// serialises with locks.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};

/// tifa: a translation memory and glossary for translators and editors of
/// Chinese political texts.
///
/// It segments English and Chinese reports into sentences and keeps them in a
/// bilingual SQLite memory with their provenance. Start with `tifa build` in a
/// folder that has tm/ (and glossary/), or `tifa import FILE...`.
#[derive(Parser)]
#[command(name = "tifa", version, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    /// The database file [default: tifa.db in the current directory]
    #[arg(long, global = true, env = "TIFA_DB", value_name = "PATH")]
    db: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Build(cmd::build::Args),
    Import(cmd::import::Args),
    Segment(cmd::segment::Args),
    Lookup(cmd::lookup::Args),
    Check(cmd::check::Args),
    Search(cmd::search::Args),
    Terms(cmd::terms::Args),
    Export(cmd::export::Args),
    Match(cmd::matches::Args),
    Glossary(Box<cmd::glossary::Args>),
    Stats(cmd::stats::Args),
    Show(cmd::show::Args),
    Completions(cmd::completions::Args),
}

/// What a command tells `main` about its outcome.
pub enum Outcome {
    /// Done; nothing to report (exit 0).
    Success,
    /// A check or search found something, or found nothing where that is
    /// the news (exit 1).
    Found,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let db = cli.db.clone().unwrap_or_else(|| PathBuf::from("tifa.db"));
    let result = match cli.command {
        Command::Build(args) => cmd::build::run(args, &db),
        Command::Import(args) => cmd::import::run(args, &db),
        Command::Segment(args) => cmd::segment::run(args),
        Command::Lookup(args) => cmd::lookup::run(args, &db),
        Command::Check(args) => cmd::check::run(args, &db),
        Command::Search(args) => cmd::search::run(args, &db),
        Command::Terms(args) => cmd::terms::run(args, &db),
        Command::Export(args) => cmd::export::run(args, &db),
        Command::Match(args) => cmd::matches::run(args, &db),
        Command::Glossary(args) => cmd::glossary::run(*args, &db),
        Command::Stats(args) => cmd::stats::run(args, &db),
        Command::Show(args) => cmd::show::run(args, &db),
        Command::Completions(args) => cmd::completions::run(args),
    };
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Found) => ExitCode::from(1),
        Err(err) => {
            if output::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "tifa: {err:#}");
            ExitCode::from(2)
        }
    }
}
