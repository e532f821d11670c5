//! OpenAI's models, generated with every customization setting (see
//! `build.rs`), beside the user types the settings name.
#![deny(warnings)]

/// The types a user of the settings writes: each reads and writes the
/// schema's JSON, and has what `Config::extern_type` and
/// `Config::format_type` ask for (`Deserialize`, `Serialize`, `Debug`,
/// `Clone`, `PartialEq`).
pub mod custom {
    use std::collections::BTreeMap;

    /// A Unix timestamp in seconds, as OpenAI's `unixtime` integers are.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
    #[serde(transparent)]
    pub struct UnixTime(pub i64);

    impl UnixTime {
        /// Seconds since the Unix epoch.
        pub fn seconds(self) -> i64 {
            self.0
        }
    }

    impl From<i64> for UnixTime {
        fn from(seconds: i64) -> Self {
            UnixTime(seconds)
        }
    }

    /// OpenAI's `Metadata`: up to 16 string pairs.
    #[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
    #[serde(transparent)]
    pub struct Metadata(pub BTreeMap<String, String>);

    impl Metadata {
        /// The value under `key`.
        pub fn get(&self, key: &str) -> Option<&str> {
            self.0.get(key).map(String::as_str)
        }
    }
}

include!(concat!(env!("OUT_DIR"), "/openai.rs"));
