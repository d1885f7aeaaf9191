//! `tifa completions`: shell completion scripts.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::{Cli, Outcome};

/// Print a shell completion script.
///
/// For example: `tifa completions bash > ~/.local/share/bash-completion/completions/tifa`,
/// or `tifa completions fish > ~/.config/fish/completions/tifa.fish`.
#[derive(clap::Args)]
pub struct Args {
    /// The shell to complete for
    #[arg(value_enum)]
    shell: Shell,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let mut cmd = Cli::command();
    clap_complete::generate(args.shell, &mut cmd, "tifa", &mut std::io::stdout());
    Ok(Outcome::Success)
}
