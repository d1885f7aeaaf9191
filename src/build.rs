//! `tifa build`, the main job, in steps a caller runs in order: load the
//! glossary folder, import the reports folder (see [`crate::import`]),
//! write the translators' deliverables, and count what a check of the
//! memory finds.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::atomic_file;
use crate::check::{check_memory, CheckOptions, Checker, Kind};
use crate::export::{export, ExportOptions};
use crate::formats::{glossary_csv, omegat, tbx, Format, GlossaryFormat};
use crate::glossary::Concept;
use crate::import::glossary::{import_files, is_sources_file, Options, Outcome, Replace};
use crate::store::Store;
use crate::{Error, Lang, Result};

/// The glossary files in a folder: CSV and TSV files other than the sources
/// file, in name order.
pub fn glossary_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        if path.is_file() && GlossaryFormat::is_glossary_table(&path) && !is_sources_file(&path) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Loads the glossary folder: the concepts of each file replace those the
/// same file gave before (concepts added by hand stay).
pub fn load_glossary(store: &mut Store, dir: &Path) -> Result<Outcome> {
    let files = glossary_files(dir)?;
    let options = Options {
        replace: Replace::SameFiles,
        ..Options::default()
    };
    import_files(store, &files, &options)
}

/// The deliverables [`write_deliverables`] writes, and what each holds.
pub const DELIVERABLES: [(&str, &str); 5] = [
    ("memory.tmx", "the memory as TMX"),
    ("memory.csv", "the memory as CSV, with a BOM for Excel"),
    ("glossary.csv", "the glossary as CSV"),
    ("glossary.utf8", "the glossary for OmegaT"),
    ("glossary.tbx", "the glossary as TBX"),
];

/// Writes the memory and the glossary to `dir` in the formats CAT tools and
/// spreadsheets read, each file written whole or not at all.
pub fn write_deliverables(store: &Store, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let concepts: Vec<Concept> = store.concepts()?.into_iter().map(|s| s.concept).collect();
    for (name, _) in DELIVERABLES {
        let path = dir.join(name);
        atomic_file::write(&path, |w| {
            let memory = |format, bom| ExportOptions {
                filter: Default::default(),
                format,
                source: Lang::En,
                bom,
                escape_formulas: true,
            };
            match name {
                "memory.tmx" => export(store, &memory(Format::Tmx, false), w).map(|_| ()),
                "memory.csv" => export(store, &memory(Format::Csv, true), w).map(|_| ()),
                "glossary.csv" => glossary_csv::write(w, &concepts, true),
                "glossary.utf8" => omegat::write(w, &concepts, omegat::Direction::ZhEn, false),
                _ => tbx::write(w, &concepts, tbx::Flavour::Martif),
            }
        })?;
    }
    Ok(())
}

/// What a check of the whole memory finds, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CheckCounts {
    pub deprecated: usize,
    pub superseded: usize,
    pub misspelled: usize,
    pub missing: usize,
    pub nonstandard: usize,
    /// Renderings with a capital lowered.
    pub case: usize,
    /// Bilingual QA: numbers, untranslated Chinese, inconsistent
    /// translations.
    pub bilingual: usize,
    /// Sentences with at least one finding.
    pub sentences: usize,
}

/// Checks the memory against the glossary, leaving out the findings
/// accepted with `check --memory --accept` (as `tifa check --memory` does);
/// `None` when the glossary is empty.
pub fn check_counts(store: &Store) -> Result<Option<CheckCounts>> {
    let concepts: Vec<Concept> = store.concepts()?.into_iter().map(|s| s.concept).collect();
    if concepts.is_empty() {
        return Ok(None);
    }
    let checker = Checker::new(concepts, CheckOptions::default())?;
    let mut counts = CheckCounts::default();
    let mut sentences = HashSet::new();
    let accepted = store.accepted_ids()?;
    check_memory(store, &checker, |m| {
        if accepted.contains(&m.id) {
            return Ok(());
        }
        match m.finding.kind {
            Kind::Deprecated => counts.deprecated += 1,
            Kind::Superseded => counts.superseded += 1,
            Kind::Misspelled => counts.misspelled += 1,
            Kind::Missing => counts.missing += 1,
            Kind::Nonstandard => counts.nonstandard += 1,
            Kind::Case => counts.case += 1,
            Kind::Number | Kind::Untranslated | Kind::Inconsistent => counts.bilingual += 1,
        }
        sentences.insert(m.text);
        Ok(())
    })?;
    counts.sentences = sentences.len();
    Ok(Some(counts))
}
