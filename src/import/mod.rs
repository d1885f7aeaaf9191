//! Importing files into the memory: reports (segmented into sentences),
//! pre-aligned pairs and TMX files, each through its format's reader; and,
//! in [`glossary`], glossary files into the glossary.
//!
//! An import is one transaction: if any file fails (unreadable, undecodable,
//! a malformed pairs file), nothing of the whole import is stored and the
//! database stays as it was. A file whose path and content are unchanged
//! since its last import is skipped; a changed file replaces its document.

pub mod glossary;
mod prepare;

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::formats::decode::decode;
use crate::formats::pairs::ColumnLangs;
use crate::formats::{self, Format, ReadOptions};
use crate::store::{clean_path, DocumentFormat, NewDocument, Place, Store, Writer};
use crate::{Error, Lang, Result};
use prepare::store_rows;

/// What the caller decides about an import.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// The language of text files; detected per file when `None`.
    pub lang: Option<Lang>,
    /// The languages of `source`/`target` columns in pairs files.
    pub columns: ColumnLangs,
}

/// A file to import.
#[derive(Debug, Clone)]
pub struct Input {
    pub path: PathBuf,
    pub format: Format,
    pub size: u64,
}

/// Finds the files to import under `paths`: files as given (by extension,
/// text when the extension is unknown), and in directories, recursively and
/// in name order, the files whose extension tifa imports (.txt, .md, .tsv,
/// .tab, .csv, .tmx), skipping hidden files and directories.
pub fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<Input>> {
    let mut out = Vec::new();
    for path in paths {
        let meta = fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if meta.is_dir() {
            walk(path, &mut out)?;
        } else {
            let format = Format::from_path(path).unwrap_or(Format::Text);
            out.push(Input {
                path: path.clone(),
                format,
                size: meta.len(),
            });
        }
    }
    let mut seen = HashSet::new();
    out.retain(|i| seen.insert(clean_path(&i.path.to_string_lossy())));
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<Input>) -> Result<()> {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .collect::<std::io::Result<_>>()
        .map_err(|e| Error::io(dir, e))?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let kind = entry.file_type().map_err(|e| Error::io(&path, e))?;
        if kind.is_dir() {
            walk(&path, out)?;
        } else if let Some(format) = Format::from_path(&path) {
            let meta = fs::metadata(&path).map_err(|e| Error::io(&path, e))?;
            if meta.is_file() {
                out.push(Input {
                    path,
                    format,
                    size: meta.len(),
                });
            }
        }
    }
    Ok(())
}

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileStatus {
    Added,
    Updated,
    Unchanged,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub path: String,
    pub status: FileStatus,
    pub format: DocumentFormat,
    pub lang: Option<Lang>,
    pub encoding: String,
    /// Sentences (text) or rows (pairs) stored for the file.
    pub units: u64,
    /// Rows of a pairs file with no text on either side.
    pub skipped_rows: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportReport {
    pub files: Vec<FileReport>,
    /// Documents removed because their file is gone (`prune`).
    pub removed: Vec<String>,
}

impl ImportReport {
    pub fn count(&self, status: FileStatus) -> usize {
        self.files.iter().filter(|f| f.status == status).count()
    }
}

/// Progress of an import, for a progress bar. The library reports; the
/// caller draws.
pub trait Progress {
    fn start(&mut self, _total_bytes: u64) {}
    fn file(&mut self, _path: &Path) {}
    fn advance(&mut self, _bytes: u64) {}
    fn finish(&mut self) {}
}

/// Reports nothing.
pub struct NoProgress;
impl Progress for NoProgress {}

/// Imports `inputs` in one transaction. With `prune`, documents stored under
/// one of those directories whose files no longer exist are removed too.
pub fn import(
    store: &mut Store,
    inputs: &[Input],
    options: &ImportOptions,
    prune: Option<&[PathBuf]>,
    progress: &mut dyn Progress,
) -> Result<ImportReport> {
    progress.start(inputs.iter().map(|i| i.size).sum());
    let mut report = ImportReport::default();
    let mut writer = store.writer()?;
    writer.load_annotator()?;
    for input in inputs {
        progress.file(&input.path);
        let file = import_file(&mut writer, input, options)?;
        progress.advance(input.size);
        report.files.push(file);
    }
    if let Some(dirs) = prune {
        let kept: HashSet<&str> = report.files.iter().map(|f| f.path.as_str()).collect();
        for dir in dirs {
            let dir = clean_path(&dir.to_string_lossy());
            for doc in writer.documents_under(&dir)? {
                if !kept.contains(doc.path.as_str()) && !Path::new(&doc.path).exists() {
                    writer.remove_document(doc.id)?;
                    report.removed.push(doc.path);
                }
            }
        }
    }
    writer.commit()?;
    progress.finish();
    Ok(report)
}

fn import_file(
    writer: &mut Writer<'_>,
    input: &Input,
    options: &ImportOptions,
) -> Result<FileReport> {
    let path = &input.path;
    let stored_path = clean_path(&path.to_string_lossy());
    let bytes = fs::read(path).map_err(|e| Error::io(path, e))?;
    let hash = hex(&Sha256::digest(&bytes));
    let format = match input.format {
        Format::Text => DocumentFormat::Text,
        Format::Tsv | Format::Csv => DocumentFormat::Pairs,
        Format::Tmx => DocumentFormat::Tmx,
    };
    let existing = writer.document_by_path(&stored_path)?;
    if let Some(doc) = existing
        .as_ref()
        .filter(|d| d.hash == hash && d.format == format)
    {
        return Ok(FileReport {
            path: stored_path,
            status: FileStatus::Unchanged,
            format,
            lang: doc.lang,
            encoding: doc.encoding.clone(),
            units: doc.units,
            skipped_rows: 0,
        });
    }
    let (text, charset) = decode(path, &bytes)?;
    drop(bytes);
    let status = if existing.is_some() {
        FileStatus::Updated
    } else {
        FileStatus::Added
    };
    let mut reader = formats::reader(
        input.format,
        path,
        &text,
        &ReadOptions {
            lang: options.lang,
            columns: options.columns,
        },
    )?;
    let lang = reader.lang();
    let title = match input.format {
        Format::Text => title_of(&text, path),
        _ => file_stem(path),
    };
    let doc = writer.replace_document(&NewDocument {
        path: &stored_path,
        title: &title,
        lang,
        format,
        encoding: charset.name(),
        hash: &hash,
        size: input.size,
    })?;
    let (units, skipped) = store_rows(writer, doc, |emit| {
        let mut position = 0u64;
        for unit in reader.by_ref() {
            let u = unit?;
            position += 1;
            let place = Place {
                position,
                paragraph: u.paragraph.unwrap_or(position),
                sentence: u.sentence.unwrap_or(1),
            };
            if !emit(place, u.en, u.zh) {
                break;
            }
        }
        Ok(reader.skipped())
    })?;
    Ok(FileReport {
        path: stored_path,
        status,
        format,
        lang,
        encoding: charset.name().to_string(),
        units,
        skipped_rows: skipped,
    })
}

/// A document's title: its first line when that is a heading (short, with no
/// final punctuation), else the file name without extension.
fn title_of(text: &str, path: &Path) -> String {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let first = first.trim_start_matches('#').trim();
    let heading = !first.is_empty()
        && first.chars().count() <= 100
        && !first.ends_with([
            '.', '。', '!', '！', '?', '？', ',', '，', ';', '；', ':', '：',
        ]);
    if heading {
        first.to_string()
    } else {
        file_stem(path)
    }
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
