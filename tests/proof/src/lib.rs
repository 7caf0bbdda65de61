//! Every `.fixed` fixture, compiled against the real date crates (see `build.rs`). The
//! fixtures are code as users write it, so most of its lints are not this crate's concern.
//!
//! Unused imports are the exception: a fix that leaves an import unused (`Datelike` after
//! the last `.year()` is gone) or imports a name twice makes rustc warn in the user's code,
//! so here it is an error, and a fixture must use its own imports. Every other warning a
//! fix could add (a binding it stopped reading) is caught by `tests/no_new_warnings.rs`,
//! which compiles each fixture beside its `.fixed` file and compares their warnings.
#![allow(dead_code, deprecated, unused, clippy::all, non_snake_case)]
#![deny(unused_imports, redundant_imports)]

include!(concat!(env!("OUT_DIR"), "/fixed.rs"));
