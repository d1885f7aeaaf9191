//! One module per subcommand, each with its clap `Args` (whose doc comments
//! are the help) and a `run` function.

pub mod build;
pub mod check;
pub mod completions;
pub mod export;
pub mod glossary;
pub mod import;
pub mod lookup;
pub mod matches;
pub mod search;
pub mod segment;
pub mod show;
pub mod stats;
pub mod terms;

use std::io::IsTerminal;
use std::path::Path;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tifa::store::Store;

/// The bytes of FILE, or of standard input for `-`, with the name to use in
/// messages.
pub fn read_input(file: &Path) -> anyhow::Result<(std::path::PathBuf, Vec<u8>)> {
    use std::io::Read;
    if file.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .context("reading standard input")?;
        Ok((std::path::PathBuf::from("<stdin>"), buf))
    } else {
        let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
        Ok((file.to_path_buf(), bytes))
    }
}

/// Opens the database once for a command.
pub fn open_store(db: &Path) -> anyhow::Result<Store> {
    Store::open(db).with_context(|| format!("opening the database {}", db.display()))
}

/// A progress bar on stderr for imports of more than a few megabytes, drawn
/// only when stderr is a terminal.
pub struct ImportBar {
    bar: Option<ProgressBar>,
}

impl ImportBar {
    pub fn new() -> Self {
        ImportBar { bar: None }
    }
}

impl tifa::import::Progress for ImportBar {
    fn start(&mut self, total_bytes: u64) {
        if total_bytes < 4 << 20 || !std::io::stderr().is_terminal() {
            return;
        }
        let bar = ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} importing [{bar:30}] {bytes}/{total_bytes} {wide_msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        self.bar = Some(bar);
    }

    fn file(&mut self, path: &Path) {
        if let Some(bar) = &self.bar {
            bar.set_message(path.display().to_string());
        }
    }

    fn advance(&mut self, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
        }
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
