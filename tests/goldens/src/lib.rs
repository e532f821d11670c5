//! Every golden of the generator (`codegen/tests/fixtures/<case>/expected.rs`),
//! compiled as module `<case>`: a golden that does not compile, or compiles
//! with a warning, fails the build. `tests/behaviour.rs` checks what the
//! generated types do at run time.

#![deny(warnings)]

include!(concat!(env!("OUT_DIR"), "/goldens.rs"));
