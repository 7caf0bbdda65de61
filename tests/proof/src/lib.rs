//! Every `.fixed` fixture, compiled against the real date crates (see `build.rs`). The
//! fixtures are code as users write it, so most of its lints are not this crate's concern.
//!
//! Unused imports are the exception: a fix that leaves an import unused (`Datelike` after the last `.year()` is
//! gone) or imports a name twice makes rustc warn in the user's code, so here it is an
//! error. Denying the lints costs nothing, where comparing each fixture's warnings with its
//! `.fixed` file's would compile every fixture twice and read cargo's JSON in a test; the
//! price is that a fixture must use its own imports (or allow the lint on the one item
//! that shows an unused import on purpose).
#![allow(dead_code, deprecated, unused, clippy::all, non_snake_case)]
#![deny(unused_imports, redundant_imports)]

include!(concat!(env!("OUT_DIR"), "/fixed.rs"));
