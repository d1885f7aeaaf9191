//! How stored sentences are found again: hashes of their text (for the
//! writer's own deduplication) and of their matching key (for exact
//! matches), and the SQL function a migration uses to compute the latter.

use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::normalize;
use crate::{Lang, Result};

/// The hash by which a writer finds the sentences it has stored
/// (deduplication in memory): of the language and the text. xxh3.
pub(super) fn text_hash(lang: Lang, text: &str) -> i64 {
    let seed = match lang {
        Lang::En => 1,
        Lang::Zh => 2,
    };
    xxh3_64_with_seed(text.as_bytes(), seed) as i64
}

/// The hash by which stored sentences are found, for exact matches and
/// deduplication: of the language and [`normalize::key`] of the text. xxh3,
/// whose output is fixed by its specification, so that stored hashes stay
/// valid across builds.
pub fn key_hash(lang: Lang, text: &str) -> i64 {
    let seed = match lang {
        Lang::En => 3,
        Lang::Zh => 4,
    };
    xxh3_64_with_seed(normalize::key(text).as_bytes(), seed) as i64
}

/// Defines the SQL function tifa_key_hash(lang, text) on a connection
/// (migration 0005 uses it).
pub(super) fn define_functions(conn: &rusqlite::Connection) -> Result<()> {
    use rusqlite::functions::FunctionFlags;
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("tifa_key_hash", 2, flags, |ctx| {
        let lang = super::lang_column(ctx.get_raw(0).as_str()?);
        Ok(key_hash(lang, ctx.get_raw(1).as_str()?))
    })?;
    Ok(())
}
