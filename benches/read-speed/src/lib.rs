//! Nothing here: the measurement is `benches/read.rs`.
