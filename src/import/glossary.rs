//! Importing glossary files into the store in one transaction, after
//! validating the glossary that would result as a whole.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::formats::{glossary_csv, tbx, GlossaryFormat};
use crate::glossary::{validate, Concept, Entry, Source};
use crate::store::{clean_path, GlossaryChanges, Store};
use crate::{Error, Problem, Result};

/// What an import does to concepts that are not in the imported files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Keep them (merge): imported concepts are added or replace the concept
    /// with the same id.
    Nothing,
    /// Remove those that came from the same files before (what `tifa build`
    /// does for glossary/).
    SameFiles,
    /// Remove them all: the glossary becomes exactly the imported files.
    Everything,
}

/// The outcome of an import.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub changes: GlossaryChanges,
    pub concepts: usize,
    pub warnings: Vec<(PathBuf, Problem)>,
}

/// A problem with the file it concerns.
pub type FileProblem = (PathBuf, Problem);

/// The sources file next to a glossary file, if there is one.
fn sibling_sources(path: &Path) -> Option<PathBuf> {
    let dir = path.parent()?;
    ["sources.csv", "sources.tsv"]
        .iter()
        .map(|n| dir.join(n))
        .find(|p| p.is_file() && p.file_name() != path.file_name())
}

/// Whether a file in a glossary folder is a sources file rather than terms.
pub fn is_sources_file(path: &Path) -> bool {
    path.file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|s| s.eq_ignore_ascii_case("sources"))
}

/// Reads one glossary file (CSV, TSV or TBX), with the sources file given or found
/// next to it. Problems come back with the file they concern.
pub fn read_file(path: &Path, sources: Option<&Path>) -> Result<(Vec<Entry>, Vec<FileProblem>)> {
    let mut problems = Vec::new();
    let mut source_map: HashMap<String, Source> = HashMap::new();
    if let Some(src) = sources
        .map(Path::to_path_buf)
        .or_else(|| sibling_sources(path))
    {
        let bytes = std::fs::read(&src).map_err(|e| Error::io(&src, e))?;
        let (map, found) = glossary_csv::read_sources(&src, &bytes)?;
        source_map = map;
        problems.extend(found.into_iter().map(|p| (src.clone(), p)));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let (entries, found) = if GlossaryFormat::from_path(path) == GlossaryFormat::Tbx {
        tbx::read(path, &bytes)?
    } else {
        glossary_csv::read(path, &bytes, &source_map)?
    };
    problems.extend(found.into_iter().map(|p| (path.to_path_buf(), p)));
    Ok((entries, problems))
}

/// Imports glossary files in one transaction. Every problem in every file is
/// collected first; if any is fatal, nothing is written and the error lists
/// them all. The glossary that would result (what is kept plus what is
/// imported) is validated as a whole, so an English term cannot end up in
/// two concepts.
pub fn import_files(
    store: &mut Store,
    files: &[PathBuf],
    sources: Option<&Path>,
    replace: Replace,
) -> Result<Outcome> {
    let mut problems: Vec<(PathBuf, Problem)> = Vec::new();
    let mut incoming: Vec<(PathBuf, Entry)> = Vec::new();
    for file in files {
        let (entries, found) = read_file(file, sources)?;
        problems.extend(found);
        incoming.extend(entries.into_iter().map(|e| (file.clone(), e)));
    }
    apply(store, files, incoming, problems, replace)
}

/// Adds concepts typed by the user (origin "added"), replacing concepts with
/// the same id, after validating the glossary that results.
pub fn add_concepts(store: &mut Store, entries: Vec<Entry>) -> Result<Outcome> {
    let origin = PathBuf::from(ADDED);
    let incoming = entries.into_iter().map(|e| (origin.clone(), e)).collect();
    apply(store, &[origin], incoming, Vec::new(), Replace::Nothing)
}

/// The origin of concepts added with `tifa glossary add`.
pub const ADDED: &str = "added";

fn apply(
    store: &mut Store,
    files: &[PathBuf],
    incoming: Vec<(PathBuf, Entry)>,
    mut problems: Vec<(PathBuf, Problem)>,
    replace: Replace,
) -> Result<Outcome> {
    let origins: HashSet<String> = files
        .iter()
        .map(|f| clean_path(&f.to_string_lossy()))
        .collect();
    let ids: HashSet<String> = incoming.iter().map(|(_, e)| e.concept.id.clone()).collect();
    let database = PathBuf::from("(the database)");
    let mut all: Vec<(PathBuf, Entry)> = store
        .concepts()?
        .into_iter()
        .filter(|s| match replace {
            Replace::Everything => false,
            Replace::SameFiles => !origins.contains(&s.origin) && !ids.contains(&s.concept.id),
            Replace::Nothing => !ids.contains(&s.concept.id),
        })
        .map(|s| {
            (
                database.clone(),
                Entry {
                    line: 0,
                    concept: s.concept,
                },
            )
        })
        .collect();
    let kept = all.len();
    all.extend(incoming);
    let entries: Vec<Entry> = all.iter().map(|(_, e)| e.clone()).collect();
    for problem in validate(&entries) {
        let path = problem
            .entry
            .map_or_else(PathBuf::new, |i| all[i].0.clone());
        problems.push((path, problem));
    }
    if problems.iter().any(|(_, p)| p.fatal) {
        return Err(Error::Glossary { problems });
    }
    let mut writer = store.writer()?;
    // With --replace, what is not imported goes first, so that its terms
    // are free for the imported concepts.
    let mut removed = Vec::new();
    if replace == Replace::Everything {
        for stored in writer.concepts()? {
            if !ids.contains(&stored.concept.id) {
                writer.remove_concept(&stored.concept.id)?;
                removed.push(stored.concept.id);
            }
        }
    }
    let groups: Vec<(String, Vec<Concept>)> = files
        .iter()
        .map(|file| {
            let concepts = all[kept..]
                .iter()
                .filter(|(p, _)| p == file)
                .map(|(_, e)| e.concept.clone())
                .collect();
            (clean_path(&file.to_string_lossy()), concepts)
        })
        .collect();
    let mut changes: GlossaryChanges =
        writer.import_concepts(&groups, replace != Replace::Nothing)?;
    changes.removed.extend(removed);
    changes.removed.sort();
    let concepts = writer.concepts()?.len();
    writer.commit()?;
    Ok(Outcome {
        changes,
        concepts,
        warnings: problems,
    })
}
