//! Looking up a term.
