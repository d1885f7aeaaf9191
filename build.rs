//! Compiles the project's glossary/ folder into tifa, so that the bundled
//! glossary travels with the binary (`tifa lookup` works in any folder).

use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".csv"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut out = String::from(
        "/// The files of glossary/, by name.\npub const FILES: &[(&str, &[u8])] = &[\n",
    );
    for name in &files {
        println!("cargo:rerun-if-changed={}", dir.join(name).display());
        out.push_str(&format!(
            "    ({name:?}, include_bytes!({:?})),\n",
            dir.join(name).display().to_string()
        ));
    }
    out.push_str("];\n");
    let target = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("bundled_glossary.rs");
    std::fs::write(target, out).expect("writing the bundled glossary list");
}
