//! Writing a file whole or not at all: through a temporary file in the same
//! folder, renamed into place once complete.

use std::io::{BufWriter, Write};
use std::path::Path;

use crate::{Error, Result};

/// Writes `path` with what `fill` writes, through a temporary file in the
/// same folder renamed into place when complete, so that a failed write
/// never leaves half a file (the old file, if any, stays as it was).
pub fn write(path: &Path, fill: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tifa-tmp"));
    let io = |e| Error::io(path, e);
    let result = (|| {
        let file = std::fs::File::create(&tmp).map_err(io)?;
        let mut out = BufWriter::new(file);
        fill(&mut out).map_err(|e| match e {
            // The writer's own errors name "<output>": this is the file.
            Error::Io { source, .. } => Error::io(path, source),
            other => other,
        })?;
        out.flush().map_err(io)?;
        out.get_ref().sync_all().map_err(io)?;
        std::fs::rename(&tmp, path).map_err(io)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
