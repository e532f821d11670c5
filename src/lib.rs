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
//!
//! Every operation of the spec is a type in [`operations`], named after its
//! `operationId`, that implements [`api::Operation`]: it gives the method,
//! the path, the query pairs, the headers and the body to send with any HTTP
//! client, and decodes the response by its status.
//!
//! ```
//! use openai_types::api::{Operation, Reply};
//! use openai_types::operations::RetrieveBatch;
//!
//! let op = RetrieveBatch::new("batch_abc123");
//! assert_eq!((RetrieveBatch::METHOD, op.path().as_str()), ("GET", "/batches/batch_abc123"));
//! let body = br#"{"id": "batch_abc123", "object": "batch", "status": "completed"}"#;
//! match RetrieveBatch::decode(200, "application/json", body).unwrap() {
//!     Reply::Ok { body: batch, .. } => assert_eq!(batch.status.as_str(), "completed"),
//!     other => panic!("{other:?}"),
//! }
//! ```

//!
//! Each tag of the spec's operations is a Cargo feature (`batch` here); the
//! default, `full`, turns on every one. With only some features on, only
//! their operations and the types those reach are generated, and each item's
//! docs say which features turn it on. The README says how to pick them.

include!(concat!(env!("OUT_DIR"), "/openapi.rs"));
