//! tifa: a translation memory and terminology library for translators of
//! Chinese political texts.
//!
//! Everything tifa can do lives here; the `tifa` binary is a thin layer that
//! parses arguments, calls into this library and prints. This library never
//! prints, never exits the process and never reads environment variables, so
//! tests and other programs can call it directly.

pub mod atomic_file;
pub mod build;
pub mod check;
pub mod date;
pub mod edit_distance;
pub mod error;
pub mod export;
pub mod formats;
pub mod fuzzy;
pub mod glossary;
pub mod import;
pub mod lang;
pub mod normalize;
pub mod numbers;
mod overlap;
pub mod search;
pub mod segment;
pub mod store;
pub mod terms;
pub mod unit;

pub use error::{Error, Problem, Result};
pub use lang::Lang;
pub use unit::Unit;
