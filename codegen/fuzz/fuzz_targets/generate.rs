//! Arbitrary bytes, read as UTF-8 with invalid bytes replaced, through
//! `Config::generate_str`: it must return, not panic, and what it accepts must
//! parse as Rust. An `Error::Internal` (the generator's own output does not
//! parse) is a bug too.
//!
//! From `codegen/`: `mkdir -p fuzz/corpus/generate && cargo +nightly fuzz run generate fuzz/corpus/generate tests/hostile`
//! (the hostile corpus as seeds: libFuzzer writes new inputs to the first
//! directory, which must exist, so that one must not be `tests/hostile`).

#![no_main]

use libfuzzer_sys::fuzz_target;
use openapi_codegen::{Config, Error};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match Config::new().generate_str(&text, "fuzz.yaml") {
        Ok(output) => {
            if let Err(e) = syn::parse_file(&output.code) {
                panic!("accepted, but the output does not parse as Rust: {e}");
            }
        }
        Err(Error::Internal(message)) => panic!("internal generator error: {message}"),
        Err(_) => {}
    }
});
