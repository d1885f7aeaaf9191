//! A progress bar on stderr for large imports.

use std::io::IsTerminal;
use std::path::Path;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

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
