//! The preparing step of an import: a second thread reads the units of a
//! file (segmenting reports as it goes) and prepares their sentences for
//! the store (hashes, full-text body, term occurrences) while this thread
//! writes what is ready.

use crate::overlap::overlap;
use crate::store::{Place, Writer};
use crate::{Lang, Result};

/// How many units go from the reading thread to the writer at a time.
const BATCH: usize = 2048;

/// Stores the units that `read` hands to its `emit` callback (a place, the
/// English and the Chinese text) as occurring in `doc`. `read` runs on a
/// second thread, which also prepares each sentence (hashes, full-text
/// body, term occurrences), while this thread writes to the database;
/// `emit` returns false once the writer has failed, and `read` should then
/// stop. Returns how many units were stored and what `read` returned.
pub(super) fn store_rows<T, R>(writer: &mut Writer<'_>, doc: i64, read: R) -> Result<(u64, T)>
where
    T: Send,
    R: FnOnce(&mut dyn FnMut(Place, Option<String>, Option<String>) -> bool) -> Result<T> + Send,
{
    let mut preparer = writer.preparer();
    overlap(
        "tifa-prepare",
        BATCH,
        move |emit| {
            read(&mut |place, en, zh| {
                let en = en.map(|t| preparer.prepare(Lang::En, t));
                let zh = zh.map(|t| preparer.prepare(Lang::Zh, t));
                emit((place, en, zh))
            })
        },
        |(place, en, zh)| writer.add(doc, place, en, zh),
    )
}
