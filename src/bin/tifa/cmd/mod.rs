//! One module per subcommand, each with its clap `Args` (whose doc comments
//! are the help) and a `run` function: parse, resolve, call the library,
//! print. Commands never import each other; what they share is here
//! (arguments) or in [`crate::output`] (printing).

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

use std::path::{Path, PathBuf};

use anyhow::Context;
use tifa::store::Store;
use tifa::Lang;

/// The bytes of FILE, or of standard input for `-`, with the name to use in
/// messages.
pub fn read_input(file: &Path) -> anyhow::Result<(PathBuf, Vec<u8>)> {
    use std::io::Read;
    if file.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .context("reading standard input")?;
        Ok((PathBuf::from("<stdin>"), buf))
    } else {
        let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
        Ok((file.to_path_buf(), bytes))
    }
}

/// Opens the database once for a command that writes to it, creating it if
/// need be; a new database starts with the glossary bundled with tifa.
pub fn open_store(db: &Path) -> anyhow::Result<Store> {
    let new = !db.exists();
    let mut store = open_existing(db)?;
    if new {
        load_bundled(&mut store)?;
    }
    Ok(store)
}

/// Opens the database for `tifa build`, which loads its own glossary
/// folder when there is one (a new database then starts without the
/// bundled glossary).
pub fn open_store_for_build(db: &Path, has_glossary: bool) -> anyhow::Result<Store> {
    if has_glossary {
        open_existing(db)
    } else {
        open_store(db)
    }
}

/// Opens the database for a command that only reads the glossary: the
/// database if there is one, else the glossary bundled with tifa (in
/// memory: nothing is created in the current folder).
pub fn open_glossary(db: &Path) -> anyhow::Result<Store> {
    if db.exists() {
        return open_existing(db);
    }
    let mut store = Store::open_in_memory().context("opening an in-memory database")?;
    load_bundled(&mut store)?;
    Ok(store)
}

/// Opens the database for a command that reads the memory, which must
/// exist: a mistyped --db is not a new, empty memory.
pub fn open_memory(db: &Path) -> anyhow::Result<Store> {
    if !db.exists() {
        anyhow::bail!(
            "there is no database {} (run `tifa build` or `tifa import FILE...` to make one, or name it with --db)",
            db.display()
        );
    }
    open_existing(db)
}

fn open_existing(db: &Path) -> anyhow::Result<Store> {
    Store::open(db).with_context(|| format!("opening the database {}", db.display()))
}

fn load_bundled(store: &mut Store) -> anyhow::Result<()> {
    tifa::import::glossary::import_bundled(store).context("loading the bundled glossary")?;
    Ok(())
}

/// `--lang`, `--source-lang`, `--target-lang`: a language tag.
pub fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse()
}

/// A clap value parser for a library type that parses itself, offering
/// `names` as its possible values (for help and completion).
pub fn choice<T>(names: &'static [&'static str]) -> impl clap::builder::TypedValueParser<Value = T>
where
    T: std::str::FromStr<Err = String> + Clone + Send + Sync + 'static,
{
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(names).try_map(|s: String| s.parse::<T>())
}
