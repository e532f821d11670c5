//! OpenAI's full published spec, generated with default settings (plus the doc
//! link base), compiled under `deny(warnings)`, and dispatchers the tests use
//! to round-trip the spec's example responses (`roundtrip`) and example request
//! bodies (`roundtrip_request`).

#![deny(warnings)]

/// The generated models.
pub mod openai {
    include!(concat!(env!("OUT_DIR"), "/openai.rs"));
}

/// The same models read strictly (`Config::strict_reading(true)`), without
/// `extra` maps (`keep_unknown_properties(false)`): reading as it was before
/// tolerance, for the examples test's strict mode.
pub mod openai_strict {
    include!(concat!(env!("OUT_DIR"), "/openai_strict.rs"));
}

/// Only what the `chat` feature turns on (`Config::features`).
pub mod openai_chat {
    include!(concat!(env!("OUT_DIR"), "/openai_chat.rs"));
}

/// Only what the `responses` feature turns on.
pub mod openai_responses {
    include!(concat!(env!("OUT_DIR"), "/openai_responses.rs"));
}

include!(concat!(env!("OUT_DIR"), "/dispatch.rs"));

/// What a round trip gives back.
pub struct Roundtrip {
    /// The value serialized again.
    pub json: serde_json::Value,
    /// Its `Debug` form, to spot fallback variants (`Unknown(..)`).
    pub debug: String,
}

// Deserializing from `&Value` reuses the instantiations the generated unions make.
#[allow(dead_code, reason = "unused when the spec is absent and the dispatcher is empty")]
fn roundtrip_as<T>(json: &serde_json::Value) -> Result<Roundtrip, serde_json::Error>
where
    T: for<'de> serde::Deserialize<'de> + serde::Serialize + std::fmt::Debug,
{
    let parsed = T::deserialize(json)?;
    Ok(Roundtrip { json: serde_json::to_value(&parsed)?, debug: format!("{parsed:?}") })
}
