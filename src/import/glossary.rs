//! Importing glossary files into the store in one transaction, after
//! validating the glossary that would result as a whole.
//!
//! A glossary folder holds concept tables (CSV, TSV, spreadsheets), a
//! sources file (`sources.csv`) and a renderings file (`renderings.csv`):
//! both are found next to the files imported, or named. An import MERGES by
//! default: a concept that arrives is united with the concept the glossary
//! has for it (the same id, or the same Chinese term), so that a team's
//! file adds renderings without losing any; where the two disagree, the
//! caller's [`OnConflict`] decides. A file imported again replaces what it
//! gave before. The bundled glossary (compiled into tifa) is loaded the
//! same way.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::formats::glossary_csv::{self, Rendering};
use crate::formats::{tbx, GlossaryFormat};
use crate::glossary::merge::{keep_what_is_known, merge, OnConflict};
use crate::glossary::{validate, Concept, Entry, Source};
use crate::normalize::term_key;
use crate::store::{clean_path, GlossaryChanges, Store, StoredConcept};
use crate::{Error, Problem, Result};

/// What an import does to concepts that are not in the imported files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Replace {
    /// Keep them, and merge the imported concepts into them.
    #[default]
    Nothing,
    /// Remove those that came from the same files before, and replace
    /// concepts with the same id (what `tifa build` does for glossary/).
    SameFiles,
    /// Remove them all: the glossary becomes exactly the imported files.
    Everything,
}

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The sources file [default: sources.csv next to each file].
    pub sources: Option<PathBuf>,
    /// The renderings file [default: renderings.csv next to the files].
    pub renderings: Option<PathBuf>,
    pub replace: Replace,
    pub on_conflict: OnConflict,
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

/// Where glossary files are read from: the file system, or the copy of
/// glossary/ compiled into tifa.
trait Files {
    fn read(&self, path: &Path) -> Result<Vec<u8>>;
    fn exists(&self, path: &Path) -> bool;
}

struct FileSystem;

impl Files for FileSystem {
    fn read(&self, path: &Path) -> Result<Vec<u8>> {
        std::fs::read(path).map_err(|e| Error::io(path, e))
    }

    fn exists(&self, path: &Path) -> bool {
        path.is_file()
    }
}

/// The glossary folder of the project, compiled into tifa.
mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled_glossary.rs"));
}

struct Bundled;

impl Files for Bundled {
    fn read(&self, path: &Path) -> Result<Vec<u8>> {
        bundled::FILES
            .iter()
            .find(|(name, _)| Path::new(BUNDLED).join(name) == path)
            .map(|(_, bytes)| bytes.to_vec())
            .ok_or_else(|| Error::file(path, "not in the bundled glossary"))
    }

    fn exists(&self, path: &Path) -> bool {
        self.read(path).is_ok()
    }
}

/// The name under which the bundled glossary's files are known (their
/// origin in the store, and in messages).
pub const BUNDLED: &str = "bundled glossary";

/// The file next to `path` named one of `names`, if there is one.
fn sibling(files: &dyn Files, path: &Path, names: &[&str]) -> Option<PathBuf> {
    let dir = path.parent()?;
    names
        .iter()
        .map(|n| dir.join(n))
        .find(|p| files.exists(p) && p.file_name() != path.file_name())
}

const SOURCES: [&str; 2] = ["sources.csv", "sources.tsv"];
const RENDERINGS: [&str; 2] = ["renderings.csv", "renderings.tsv"];

/// Whether a file in a glossary folder is a sources or renderings file
/// rather than concepts.
pub fn is_sources_file(path: &Path) -> bool {
    path.file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|s| s.eq_ignore_ascii_case("sources") || s.eq_ignore_ascii_case("renderings"))
}

/// The sources file given, or found next to `path`, read.
fn sources_for(
    files: &dyn Files,
    path: &Path,
    given: Option<&Path>,
    problems: &mut Vec<FileProblem>,
) -> Result<HashMap<String, Source>> {
    let Some(src) = given
        .map(Path::to_path_buf)
        .or_else(|| sibling(files, path, &SOURCES))
    else {
        return Ok(HashMap::new());
    };
    let (map, found) = glossary_csv::read_sources(&src, &files.read(&src)?)?;
    problems.extend(found.into_iter().map(|p| (src.clone(), p)));
    Ok(map)
}

fn read_one(
    files: &dyn Files,
    path: &Path,
    sources: Option<&Path>,
) -> Result<(Vec<Entry>, Vec<FileProblem>)> {
    let mut problems = Vec::new();
    let source_map = sources_for(files, path, sources, &mut problems)?;
    let bytes = files.read(path)?;
    let (entries, found) = if GlossaryFormat::from_path(path) == GlossaryFormat::Tbx {
        tbx::read(path, &bytes)?
    } else {
        glossary_csv::read(path, &bytes, &source_map)?
    };
    problems.extend(found.into_iter().map(|p| (path.to_path_buf(), p)));
    Ok((entries, problems))
}

/// Reads one glossary file (CSV, TSV, spreadsheet or TBX), with the sources
/// file given or found next to it. Problems come back with the file they
/// concern. (Renderings files are read by [`import_files`].)
pub fn read_file(path: &Path, sources: Option<&Path>) -> Result<(Vec<Entry>, Vec<FileProblem>)> {
    read_one(&FileSystem, path, sources)
}

/// Reads glossary files with their sources and renderings files, the
/// renderings joined to the files' concepts, without touching a store.
/// Any fatal problem is an error listing them all.
pub fn read_files(paths: &[PathBuf], options: &Options) -> Result<Vec<(PathBuf, Entry)>> {
    let (paths, options) = by_role(paths, options)?;
    joined(read_all(&FileSystem, &paths, &options)?)
}

/// The concept files among `paths`, and the options with the sources and
/// renderings files named among them (`sources.csv`, `renderings.csv`, as
/// in a glossary folder) taken as such: `tifa glossary import
/// glossary/*.csv` imports a whole folder.
fn by_role(paths: &[PathBuf], options: &Options) -> Result<(Vec<PathBuf>, Options)> {
    let mut options = options.clone();
    let mut concepts = Vec::new();
    for path in paths {
        if !is_sources_file(path) {
            concepts.push(path.clone());
            continue;
        }
        let renderings = path
            .file_stem()
            .and_then(|s| s.to_str())
            .is_some_and(|s| s.eq_ignore_ascii_case("renderings"));
        let (slot, what) = if renderings {
            (&mut options.renderings, "renderings")
        } else {
            (&mut options.sources, "sources")
        };
        match slot {
            Some(given) if given != path => {
                return Err(Error::Invalid(format!(
                    "two {what} files given, {} and {}: give one",
                    given.display(),
                    path.display()
                )))
            }
            _ => *slot = Some(path.clone()),
        }
    }
    if concepts.is_empty() && !paths.is_empty() {
        return Err(Error::Invalid(format!(
            "no concept file among {}: sources and renderings files are read with the concept files they serve",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    Ok((concepts, options))
}

/// The glossary bundled with tifa, read (not stored): its concepts with
/// their renderings.
pub fn bundled_concepts() -> Result<Vec<Concept>> {
    let read = read_all(&Bundled, &bundled_files(), &Options::default())?;
    Ok(joined(read)?.into_iter().map(|(_, e)| e.concept).collect())
}

/// Renderings joined to the concepts they name; an error for any fatal
/// problem.
fn joined(read: Read) -> Result<Vec<(PathBuf, Entry)>> {
    let Read {
        mut concepts,
        renderings,
        mut problems,
    } = read;
    for (path, r) in renderings {
        match concepts.iter_mut().find(|(_, e)| e.concept.id == r.concept) {
            Some((_, e)) => e.concept.en.push(r.term),
            None => problems.push((
                path,
                Problem::fatal(
                    r.line,
                    format!(
                        "a rendering of the concept {:?}, which is in no file",
                        r.concept
                    ),
                ),
            )),
        }
    }
    if problems.iter().any(|(_, p)| p.fatal) {
        return Err(Error::Glossary { problems });
    }
    for (_, e) in &mut concepts {
        e.concept.sort_terms();
    }
    Ok(concepts)
}

/// What a set of files holds: concepts (with the file each comes from) and
/// renderings, and every problem found reading them.
struct Read {
    concepts: Vec<(PathBuf, Entry)>,
    renderings: Vec<(PathBuf, Rendering)>,
    problems: Vec<FileProblem>,
}

fn read_all(files: &dyn Files, paths: &[PathBuf], options: &Options) -> Result<Read> {
    let mut read = Read {
        concepts: Vec::new(),
        renderings: Vec::new(),
        problems: Vec::new(),
    };
    let mut renderings: Vec<PathBuf> = options.renderings.iter().cloned().collect();
    for path in paths {
        let (entries, found) = read_one(files, path, options.sources.as_deref())?;
        read.problems.extend(found);
        read.concepts
            .extend(entries.into_iter().map(|e| (path.clone(), e)));
        if options.renderings.is_none() {
            if let Some(r) = sibling(files, path, &RENDERINGS) {
                if !renderings.contains(&r) {
                    renderings.push(r);
                }
            }
        }
    }
    for path in renderings {
        let source_map = sources_for(files, &path, options.sources.as_deref(), &mut read.problems)?;
        let (rows, found) = glossary_csv::read_renderings(&path, &files.read(&path)?, &source_map)?;
        read.problems
            .extend(found.into_iter().map(|p| (path.clone(), p)));
        read.renderings
            .extend(rows.into_iter().map(|r| (path.clone(), r)));
    }
    Ok(read)
}

/// Imports glossary files in one transaction. Every problem in every file is
/// collected first; if any is fatal, nothing is written and the error lists
/// them all. The glossary that would result (what is kept plus what is
/// imported) is validated as a whole, so an English term cannot end up in
/// two concepts.
pub fn import_files(store: &mut Store, paths: &[PathBuf], options: &Options) -> Result<Outcome> {
    let (paths, options) = by_role(paths, options)?;
    let read = read_all(&FileSystem, &paths, &options)?;
    apply(store, &paths, read, &options)
}

/// The bundled glossary's concept files, in name order.
fn bundled_files() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = bundled::FILES
        .iter()
        .map(|(name, _)| Path::new(BUNDLED).join(name))
        .filter(|p| !is_sources_file(p))
        .collect();
    out.sort();
    out
}

/// Loads the glossary compiled into tifa (the project's glossary/ folder
/// as it was built), replacing what it gave before.
pub fn import_bundled(store: &mut Store) -> Result<Outcome> {
    let files = bundled_files();
    let options = Options {
        replace: Replace::SameFiles,
        ..Options::default()
    };
    let read = read_all(&Bundled, &files, &options)?;
    apply(store, &files, read, &options)
}

/// Adds concepts typed by the user (origin "added"), merged into the
/// concepts they name, after validating the glossary that results.
pub fn add_concepts(
    store: &mut Store,
    entries: Vec<Entry>,
    on_conflict: OnConflict,
) -> Result<Outcome> {
    let origin = PathBuf::from(ADDED);
    let read = Read {
        concepts: entries.into_iter().map(|e| (origin.clone(), e)).collect(),
        renderings: Vec::new(),
        problems: Vec::new(),
    };
    let options = Options {
        on_conflict,
        ..Options::default()
    };
    apply(store, &[origin], read, &options)
}

/// The origin of concepts added with `tifa glossary add`.
pub const ADDED: &str = "added";

fn apply(store: &mut Store, files: &[PathBuf], read: Read, options: &Options) -> Result<Outcome> {
    let Read {
        mut concepts,
        renderings,
        mut problems,
    } = read;
    let replace = options.replace;
    let origins: HashSet<String> = files
        .iter()
        .map(|f| clean_path(&f.to_string_lossy()))
        .collect();
    let stored: Vec<StoredConcept> = store.concepts()?;
    // Renderings join the concept they name: one of the files', or one the
    // glossary has.
    for (path, r) in renderings {
        if let Some((_, e)) = concepts.iter_mut().find(|(_, e)| e.concept.id == r.concept) {
            e.concept.en.push(r.term);
            continue;
        }
        match stored.iter().find(|s| s.concept.id == r.concept) {
            Some(s) => {
                let mut c = s.concept.clone();
                c.en.push(r.term);
                concepts.push((path, Entry { line: r.line, concept: c }));
            }
            None => problems.push((
                path,
                Problem::fatal(
                    r.line,
                    format!("a rendering of the concept {:?}, which is in no imported file and not in the glossary", r.concept),
                ),
            )),
        }
    }
    for (_, e) in &mut concepts {
        e.concept.sort_terms();
    }
    // Merging: each arriving concept is united with the stored one it
    // names, unless it came from the same file before (then the file is
    // the truth and replaces it).
    let mut merged_ids: HashSet<String> = HashSet::new();
    if replace == Replace::Nothing {
        // The stored concept an arriving one names: the same id, or a
        // Chinese form in common.
        let by_id: HashMap<&str, usize> = stored
            .iter()
            .enumerate()
            .map(|(i, s)| (s.concept.id.as_str(), i))
            .collect();
        let mut by_zh: HashMap<String, usize> = HashMap::new();
        for (i, s) in stored.iter().enumerate() {
            for z in &s.concept.zh {
                by_zh.entry(term_key(z)).or_insert(i);
            }
        }
        let mut kept = Vec::with_capacity(concepts.len());
        for (path, mut entry) in concepts {
            let origin = clean_path(&path.to_string_lossy());
            let found = by_id.get(entry.concept.id.as_str()).copied().or_else(|| {
                entry
                    .concept
                    .zh
                    .iter()
                    .find_map(|z| by_zh.get(&term_key(z)).copied())
            });
            let Some(s) = found.map(|i| &stored[i]) else {
                kept.push((path, entry));
                continue;
            };
            if s.origin == origin && s.concept.id == entry.concept.id {
                keep_what_is_known(&mut entry.concept, &s.concept);
                if matches!(
                    GlossaryFormat::from_path(&path),
                    GlossaryFormat::Tbx | GlossaryFormat::Tbx3
                ) {
                    // TBX cannot say whether the case matters.
                    entry.concept.case_sensitive |= s.concept.case_sensitive;
                }
                kept.push((path, entry));
                continue;
            }
            let (concept, conflicts) = merge(&s.concept, &entry.concept);
            let mut take = true;
            for conflict in conflicts {
                let message = format!("{}: {conflict}", s.concept.id);
                match options.on_conflict {
                    OnConflict::Fail => problems.push((
                        path.clone(),
                        Problem::fatal(
                            entry.line,
                            format!("{message} (--on-conflict skip keeps the glossary's, --on-conflict replace takes this file's)"),
                        ),
                    )),
                    OnConflict::Skip => {
                        take = false;
                        problems.push((
                            path.clone(),
                            Problem::warning(entry.line, format!("{message}: skipped, the glossary's is kept")),
                        ));
                    }
                    OnConflict::Replace => problems.push((
                        path.clone(),
                        Problem::warning(entry.line, format!("{message}: this file's is taken")),
                    )),
                }
            }
            if take && !merged_ids.contains(&concept.id) {
                merged_ids.insert(concept.id.clone());
                entry.concept = concept;
                kept.push((path, entry));
            }
        }
        concepts = kept;
    }
    if replace == Replace::SameFiles {
        // A concept someone added to by hand (`glossary variant add`, `add
        // --update`) keeps what they added when its file comes again.
        for (path, entry) in &mut concepts {
            if let Some(s) = stored
                .iter()
                .find(|s| s.origin == ADDED && s.concept.id == entry.concept.id)
            {
                entry.concept = merge(&entry.concept, &s.concept).0;
                *path = PathBuf::from(ADDED);
            }
        }
    }
    let ids: HashSet<String> = concepts.iter().map(|(_, e)| e.concept.id.clone()).collect();
    let database = PathBuf::from("(the glossary)");
    let mut all: Vec<(PathBuf, Entry)> = stored
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
    all.extend(concepts);
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
    // One group per origin: the files imported, then any renderings file
    // that added to concepts the files do not have.
    let mut origins_in_order: Vec<&PathBuf> = files.iter().collect();
    for (p, _) in &all[kept..] {
        if !origins_in_order.contains(&p) {
            origins_in_order.push(p);
        }
    }
    // The files imported are the truth for what they gave before (unless
    // merging); other origins (renderings files, concepts added by hand)
    // only gain.
    let mirror = replace != Replace::Nothing;
    let groups: Vec<(String, Vec<Concept>, bool)> = origins_in_order
        .into_iter()
        .map(|file| {
            let concepts = all[kept..]
                .iter()
                .filter(|(p, _)| p == file)
                .map(|(_, e)| e.concept.clone())
                .collect();
            (
                clean_path(&file.to_string_lossy()),
                concepts,
                mirror && files.contains(file),
            )
        })
        .collect();
    let mut changes: GlossaryChanges = writer.import_concepts(&groups)?;
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
