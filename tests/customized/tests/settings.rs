//! Real bodies read and written through the user's types that the settings
//! put in place (`build.rs`): nothing is lost, and the types are the user's.
#![cfg(has_spec)]

use customized_check::custom::{Metadata, UnixTime};
use customized_check::{Batch, ReasoningEffort};
use serde_json::{json, Value};

/// A batch as the API returns it (from OpenAI's API reference), with
/// metadata and one property this version of the spec does not name.
fn batch_body() -> Value {
    json!({
        "id": "batch_abc123",
        "object": "batch",
        "endpoint": "/v1/completions",
        "errors": null,
        "input_file_id": "file-abc123",
        "completion_window": "24h",
        "status": "completed",
        "output_file_id": "file-cvaTdG",
        "error_file_id": "file-HOWS94",
        "created_at": 1711471533,
        "in_progress_at": 1711471538,
        "expires_at": 1711557933,
        "finalizing_at": 1711493133,
        "completed_at": 1711493163,
        "failed_at": null,
        "expired_at": null,
        "cancelling_at": null,
        "cancelled_at": null,
        "request_counts": {"total": 100, "completed": 95, "failed": 5},
        "metadata": {"customer_id": "user_123456789", "batch_description": "Nightly eval job"},
        "new_property": [1, 2]
    })
}

#[test]
fn unixtime_and_metadata_read_as_the_users_types_and_write_back_unchanged() {
    let body = batch_body();
    let batch: Batch = serde_json::from_value(body.clone()).unwrap();
    // `format_type("unixtime", ...)`: required and optional timestamps alike.
    let created: UnixTime = batch.created_at;
    assert_eq!(created.seconds(), 1_711_471_533);
    assert_eq!(batch.completed_at, Some(UnixTime(1_711_493_163)));
    assert_eq!(batch.failed_at, None);
    // `extern_type("Metadata", ...)`: the user's type, and the crate's name for it.
    let metadata: &Metadata = batch.metadata.as_ref().unwrap();
    assert_eq!(metadata.get("customer_id"), Some("user_123456789"));
    let _: Option<&customized_check::Metadata> = batch.metadata.as_ref();
    // Everything that arrived is written back as it came, once nulls are
    // dropped (an absent optional field is not written, as without settings).
    let mut sent = body;
    sent.as_object_mut().unwrap().retain(|_, v| !v.is_null());
    assert_eq!(serde_json::to_value(&batch).unwrap(), sent);
}

#[test]
fn tolerant_reading_and_constructors_work_with_the_users_types() {
    // The live API may leave out a required timestamp: it reads as what the
    // type reads from an empty input (`0`), as a required `i64` would.
    let mut body = batch_body();
    body.as_object_mut().unwrap().remove("created_at");
    let batch: Batch = serde_json::from_value(body).unwrap();
    assert_eq!(batch.created_at, UnixTime::default());
    // `new` takes the user's type for a required field.
    let made = Batch::new("batch_1", "/v1/chat/completions", "file-1", "24h", "validating", UnixTime(1_700_000_000));
    assert_eq!(serde_json::to_value(&made).unwrap()["created_at"], json!(1_700_000_000));
}

#[test]
fn a_derive_added_to_a_string_enum_works() {
    // `type_attribute("ReasoningEffort", "#[derive(PartialOrd, Ord)]")`.
    let mut efforts: Vec<ReasoningEffort> = ["high", "low", "medium"].into_iter().map(ReasoningEffort::from).collect();
    efforts.sort();
    let written: Vec<Value> = efforts.iter().map(|e| serde_json::to_value(e).unwrap()).collect();
    assert_eq!(written, [json!("low"), json!("medium"), json!("high")]);
}
