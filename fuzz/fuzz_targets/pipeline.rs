//! Any bytes through the whole pipeline: lint, every output format, fixes, re-parse, a
//! second fix. The checks are those of `tests/pipeline/mod.rs`, shared with the regression
//! test that replays what this target finds.
#![no_main]

#[path = "../../tests/pipeline/mod.rs"]
mod pipeline;

libfuzzer_sys::fuzz_target!(|data: &[u8]| pipeline::check(data));
