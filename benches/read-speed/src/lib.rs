//! The generated OpenAI models the bench reads (`build.rs`: the full spec,
//! only what the `chat` and `responses` features turn on); the measurement is
//! `benches/read.rs`.

#![deny(warnings)]

/// The generated models.
pub mod openai {
    include!(concat!(env!("OUT_DIR"), "/openai.rs"));
}
