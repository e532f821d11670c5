//! Typed models for the OpenAI API, generated at build time from
//! `spec/openapi.yaml` by `openapi-codegen`.
//!
//! Every component schema is a type in a module of its own (the snake_case of
//! its name) and is re-exported here: `openai_types::Batch` is
//! `openai_types::batch::Batch`, and the inline parts of `Batch` live beside it
//! (`openai_types::batch::Errors`, `openai_types::batch::Status`).
//!
//! ```
//! let batch: openai_types::Batch = serde_json::from_str(r#"{
//!     "id": "batch_abc123", "object": "batch", "endpoint": "/v1/completions",
//!     "input_file_id": "file-abc123", "completion_window": "24h",
//!     "status": "paused_for_review", "created_at": 1711471533
//! }"#).unwrap();
//! // A status this version of the spec does not list is kept, not rejected.
//! assert_eq!(batch.status.as_str(), "paused_for_review");
//! ```

include!(concat!(env!("OUT_DIR"), "/openapi.rs"));
