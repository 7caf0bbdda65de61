//! Every `.fixed` fixture, compiled against the real date crates (see `build.rs`). The
//! fixtures are code as users write it, so its lints are not this crate's concern.
#![allow(dead_code, deprecated, unused, clippy::all, non_snake_case)]

include!(concat!(env!("OUT_DIR"), "/fixed.rs"));
