//! Keeps ARCHITECTURE.md true: the library's rooms import only rooms of
//! lower layers (or, within a layer, the few pairs the table allows), no
//! two rooms import each other, the files of a room form no import circle,
//! and commands of the binary never import each other.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every room of the library with its layer (0 is the bottom) and the rooms
/// of its own layer it may use, as ARCHITECTURE.md lists them.
const ROOMS: &[(&str, u8, &[&str])] = &[
    ("error", 0, &[]),
    ("lang", 0, &[]),
    ("unit", 0, &[]),
    ("edit_distance", 0, &[]),
    ("date", 0, &[]),
    ("normalize", 0, &["lang"]),
    ("numbers", 0, &["lang"]),
    ("overlap", 0, &["error"]),
    ("atomic_file", 0, &["error"]),
    ("segment", 1, &[]),
    ("glossary", 1, &[]),
    ("formats", 2, &[]),
    ("store", 2, &[]),
    ("import", 3, &[]),
    ("export", 3, &[]),
    ("check", 3, &[]),
    ("search", 3, &[]),
    ("fuzzy", 3, &[]),
    ("terms", 3, &[]),
    ("build", 3, &["import", "export", "check"]),
];

/// Names the library's root re-exports, with the room they come from.
const ROOT_NAMES: &[(&str, &str)] = &[
    ("Error", "error"),
    ("Result", "error"),
    ("Problem", "error"),
    ("Lang", "lang"),
    ("Unit", "unit"),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The first path segment of every `prefix::…` path in `source`, braces
/// of a `use` group expanded (`crate::{a::b, c}` names a and c).
fn paths_after(source: &str, prefix: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = source;
    while let Some(at) = rest.find(prefix) {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                if depth == 0 || (depth == 1 && c == ',') {
                    if let Some(first) = first_segment(&item) {
                        out.insert(first);
                    }
                    item.clear();
                    if depth == 0 {
                        break;
                    }
                } else {
                    item.push(c);
                }
            }
        } else if let Some(first) = first_segment(rest) {
            out.insert(first);
        }
    }
    out
}

fn first_segment(s: &str) -> Option<String> {
    let s = s.trim_start();
    let name: String = s
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty() && name != "self").then_some(name)
}

/// The room of a path segment named after `crate::`.
fn room_of(name: &str) -> Option<&'static str> {
    ROOMS
        .iter()
        .map(|r| r.0)
        .find(|r| *r == name)
        .or_else(|| ROOT_NAMES.iter().find(|(n, _)| *n == name).map(|r| r.1))
}

fn library_files() -> Vec<(String, PathBuf)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files
        .into_iter()
        .filter(|p| !p.starts_with(src.join("bin")) && p.file_name().unwrap() != "lib.rs")
        .map(|p| {
            let rel = p.strip_prefix(&src).unwrap();
            let first = rel.components().next().unwrap().as_os_str();
            let room = first.to_string_lossy().trim_end_matches(".rs").to_string();
            (room, p)
        })
        .collect()
}

#[test]
fn every_room_of_the_library_is_in_the_table() {
    for (room, path) in library_files() {
        assert!(
            room_of(&room).is_some(),
            "{} is in a room ARCHITECTURE.md does not name: {room}",
            path.display()
        );
    }
}

#[test]
fn rooms_import_only_rooms_below_them() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (room, path) in library_files() {
        let source = std::fs::read_to_string(&path).unwrap();
        let (_, layer, same) = ROOMS.iter().find(|r| r.0 == room).copied().unwrap();
        for name in paths_after(&source, "crate::") {
            let Some(used) = room_of(&name) else {
                panic!("{}: crate::{name} is not a room", path.display());
            };
            if used == room {
                continue;
            }
            let (_, used_layer, _) = ROOMS.iter().find(|r| r.0 == used).copied().unwrap();
            assert!(
                used_layer < layer || (used_layer == layer && same.contains(&used)),
                "{} ({room}, layer {layer}) imports {used} (layer {used_layer})",
                path.display()
            );
            graph
                .entry(room.clone())
                .or_default()
                .insert(used.to_string());
        }
    }
    for (room, used) in &graph {
        for other in used {
            assert!(
                !graph.get(other).is_some_and(|u| u.contains(room)),
                "{room} and {other} import each other"
            );
        }
    }
}

/// Within a room, the modules that `super::x` and `crate::room::x` name.
#[test]
fn the_files_of_a_room_form_no_import_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (room, path) in library_files() {
        let rel = path.strip_prefix(&src).unwrap().with_extension("");
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .filter(|p| p != "mod")
            .collect();
        if parts.len() < 2 {
            continue;
        }
        let module = parts.join("::");
        let source = std::fs::read_to_string(&path).unwrap();
        // Test modules may use anything of their room.
        let source = source.split("#[cfg(test)]").next().unwrap();
        let parent = parts[..parts.len() - 1].join("::");
        let mut used = BTreeSet::new();
        for name in paths_after(source, "super::") {
            used.insert(format!("{parent}::{name}"));
        }
        for name in paths_after(source, &format!("crate::{room}::")) {
            used.insert(format!("{room}::{name}"));
        }
        edges.insert(module, used);
    }
    // A module's own children and its parent (the room's mod.rs) are
    // structure, not imports: only sibling and cousin modules count.
    let modules: BTreeSet<String> = edges.keys().cloned().collect();
    let graph: BTreeMap<&String, Vec<&String>> = edges
        .iter()
        .map(|(m, used)| {
            let targets = used
                .iter()
                .filter_map(|u| modules.get(u))
                .filter(|u| {
                    *u != m
                        && !u.starts_with(&format!("{m}::"))
                        && !m.starts_with(&format!("{u}::"))
                })
                .collect();
            (m, targets)
        })
        .collect();
    for start in graph.keys() {
        let mut stack = vec![(*start, vec![*start])];
        let mut seen = BTreeSet::new();
        while let Some((at, path)) = stack.pop() {
            for next in graph.get(at).into_iter().flatten() {
                if next == start {
                    panic!("import circle: {path:?} -> {next}");
                }
                if seen.insert(*next) {
                    let mut p = path.clone();
                    p.push(next);
                    stack.push((next, p));
                }
            }
        }
    }
}

#[test]
fn commands_do_not_import_each_other() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/bin/tifa/cmd");
    let mut files = Vec::new();
    rust_files(&dir, &mut files);
    let commands: BTreeSet<String> = files
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .filter(|n| n != "mod")
        .collect();
    for path in &files {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if name == "mod" {
            continue;
        }
        let source = std::fs::read_to_string(path).unwrap();
        let used: BTreeSet<String> = paths_after(&source, "super::")
            .into_iter()
            .chain(paths_after(&source, "crate::cmd::"))
            .collect();
        if let Some(other) = used.intersection(&commands).next() {
            panic!("the command {name} imports the command {other}");
        }
    }
}

#[test]
fn the_path_reader_sees_groups_and_plain_paths() {
    let source = "use crate::{Error, formats::{self, Format}, store::Store};\nlet x = crate::lang::is_han(c); mycrate::nope;";
    let got: Vec<String> = paths_after(source, "crate::").into_iter().collect();
    assert_eq!(got, ["Error", "formats", "lang", "store"]);
}
