//! The library's one error type. Each variant carries what a user needs to fix
//! the problem: the file, the line or byte offset, the offending value.

use std::path::PathBuf;

use serde::Serialize;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A problem found in an input file (a glossary, a sources file): where,
/// what, and whether it stops the import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub line: u64,
    pub message: String,
    /// A fatal problem stops the import; a warning does not.
    pub fatal: bool,
    /// For problems found by validating entries (`glossary::validate`): the index of the entry.
    #[serde(skip)]
    pub entry: Option<usize>,
}

impl Problem {
    pub fn fatal(line: u64, message: impl Into<String>) -> Self {
        Problem {
            line,
            message: message.into(),
            fatal: true,
            entry: None,
        }
    }

    pub fn warning(line: u64, message: impl Into<String>) -> Self {
        Problem {
            line,
            message: message.into(),
            fatal: false,
            entry: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{}: cannot decode byte {offset}: {detail}", path.display())]
    Decode {
        path: PathBuf,
        offset: u64,
        detail: String,
    },

    #[error("{}:{line}: {message}", path.display())]
    Line {
        path: PathBuf,
        line: u64,
        message: String,
    },

    #[error("{}: {message}", path.display())]
    File { path: PathBuf, message: String },

    #[error("database {}: {source}", path.display())]
    Database {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },

    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),

    #[error("the database {} was written by a newer tifa (schema version {found}, this tifa knows up to {known})", path.display())]
    SchemaTooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },

    #[error("{}", glossary_problems(problems))]
    Glossary { problems: Vec<(PathBuf, Problem)> },

    #[error("{0}")]
    NotFound(String),

    #[error("{0}")]
    Invalid(String),
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub fn line(path: impl Into<PathBuf>, line: u64, message: impl Into<String>) -> Self {
        Error::Line {
            path: path.into(),
            line,
            message: message.into(),
        }
    }

    pub fn file(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error::File {
            path: path.into(),
            message: message.into(),
        }
    }

    /// A failed write to the output a writer was given (a file or standard
    /// output; the caller names it). The I/O error stays typed, so that a
    /// caller can tell a closed pipe from a full disk.
    pub fn output(source: std::io::Error) -> Self {
        Error::io(OUTPUT, source)
    }

    /// A failed CSV write: an I/O error stays an I/O error.
    pub fn csv_output(e: csv::Error) -> Self {
        if !e.is_io_error() {
            return Error::Invalid(format!("writing CSV: {e}"));
        }
        match e.into_kind() {
            csv::ErrorKind::Io(io) => Error::output(io),
            other => Error::Invalid(format!("writing CSV: {other:?}")),
        }
    }
}

/// How errors name the output a writer was given.
pub const OUTPUT: &str = "<output>";

fn glossary_problems(problems: &[(PathBuf, Problem)]) -> String {
    let fatal = problems.iter().filter(|(_, p)| p.fatal).count();
    let mut out = format!(
        "{fatal} problem{} in the glossary; nothing was imported:",
        if fatal == 1 { "" } else { "s" }
    );
    for (path, p) in problems.iter().filter(|(_, p)| p.fatal) {
        if p.line > 0 {
            out.push_str(&format!("\n  {}:{}: {}", path.display(), p.line, p.message));
        } else {
            out.push_str(&format!("\n  {}: {}", path.display(), p.message));
        }
    }
    out
}
