//! The generated Batch models, used the way a user would: the spec's own
//! example bodies deserialize, keep their values, and round-trip.

use openai_types::{batch, Batch, BatchRequestCounts, CreateBatchRequest, ListBatchesResponse, Metadata};
use serde_json::{json, Value};

/// The spec this crate was built from, parsed.
fn spec() -> Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/spec/openapi.yaml")).unwrap();
    openapi_codegen::Config::new().load_str(&text, "openapi.yaml").unwrap().value().clone()
}

/// The example response of an operation, as JSON.
fn example_response(path: &str, method: &str) -> Value {
    let spec = spec();
    let text = spec["paths"][path][method]["x-oaiMeta"]["examples"]["response"].as_str().unwrap().to_owned();
    serde_json::from_str(&text).unwrap()
}

fn drop_nulls(v: Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(map.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, drop_nulls(v))).collect()),
        Value::Array(items) => Value::Array(items.into_iter().map(drop_nulls).collect()),
        other => other,
    }
}

#[test]
fn create_batch_example_response_deserializes_and_round_trips() {
    let input = example_response("/batches", "post");
    let batch: Batch = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(batch.id, "batch_abc123");
    assert_eq!(batch.endpoint, "/v1/chat/completions");
    assert_eq!(batch.input_file_id, "file-abc123");
    assert_eq!(batch.completion_window, "24h");
    assert_eq!(batch.status, batch::Status::Validating);
    assert_eq!(batch.created_at, 1711471533);
    assert_eq!((batch.errors.as_ref(), batch.in_progress_at, batch.usage.as_ref()), (None, None, None));
    assert_eq!(batch.request_counts, Some(BatchRequestCounts::new(0, 0, 0)));
    assert_eq!(batch.metadata.as_ref().unwrap()["batch_description"], "Nightly eval job");
    // The example's nulls are absent fields to us; everything else comes back as it was.
    assert_eq!(serde_json::to_value(&batch).unwrap(), drop_nulls(input));
}

#[test]
fn create_batch_request_body_from_the_curl_example() {
    let body = json!({"input_file_id": "file-abc123", "endpoint": "/v1/chat/completions", "completion_window": "24h"});
    let request: CreateBatchRequest = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(request.endpoint, openai_types::create_batch_request::Endpoint::V1ChatCompletions);
    assert_eq!(request.input_file_id, "file-abc123");
    assert_eq!(request.completion_window, "24h");
    assert_eq!(serde_json::to_value(&request).unwrap(), body);
    // Built the Rust way: `completion_window` is a constant, so `new` fills it in.
    let built = CreateBatchRequest::new("file-abc123", "/v1/chat/completions");
    assert_eq!(built, request);
    assert_eq!(serde_json::to_value(&built).unwrap(), body);
}

#[test]
fn list_batches_example_response_round_trips() {
    let input = example_response("/batches", "get");
    let list: ListBatchesResponse = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(list.data.len(), 1);
    assert_eq!(list.first_id.as_deref(), Some("batch_abc123"));
    assert!(list.has_more);
    let first = &list.data[0];
    assert_eq!(first.status, batch::Status::Completed);
    assert_eq!(first.request_counts, Some(BatchRequestCounts::new(100, 95, 5)));
    assert_eq!(first.output_file_id.as_deref(), Some("file-cvaTdG"));
    assert_eq!(serde_json::to_value(&list).unwrap(), drop_nulls(input));
}

#[test]
fn retrieve_and_cancel_examples_round_trip() {
    for (path, method, status) in [("/batches/{batch_id}", "get", "completed"), ("/batches/{batch_id}/cancel", "post", "cancelling")] {
        let input = example_response(path, method);
        let batch: Batch = serde_json::from_value(input.clone()).unwrap();
        assert_eq!(batch.status.as_str(), status, "{method} {path}");
        assert_eq!(serde_json::to_value(&batch).unwrap(), drop_nulls(input), "{method} {path}");
    }
}

#[test]
fn an_unknown_status_is_kept_and_written_back() {
    let mut input = example_response("/batches", "post");
    input["status"] = json!("paused_for_review");
    let batch: Batch = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(batch.status, batch::Status::Other("paused_for_review".into()));
    assert_eq!(serde_json::to_value(&batch).unwrap()["status"], "paused_for_review");
    assert_eq!(serde_json::to_value(&batch).unwrap(), drop_nulls(input));
}

#[test]
fn a_batch_is_built_with_new_and_struct_update() {
    let batch = Batch {
        errors: Some(batch::Errors { data: Some(vec![]), object: Some("list".into()), ..Default::default() }),
        in_progress_at: Some(2),
        metadata: Some(Metadata::from([("k".to_owned(), "v".to_owned())])),
        ..Batch::new("batch_1", "/v1/responses", "file-1", "24h", batch::Status::InProgress, 1)
    };
    assert_eq!(batch.object, "batch", "a constant is filled in by `new`");
    assert_eq!(
        serde_json::to_value(&batch).unwrap(),
        json!({
            "object": "batch", "id": "batch_1", "endpoint": "/v1/responses",
            "errors": {"data": [], "object": "list"}, "input_file_id": "file-1",
            "completion_window": "24h", "status": "in_progress", "created_at": 1,
            "in_progress_at": 2, "metadata": {"k": "v"}
        })
    );
    // A status is written as a string: `From<&str>` maps known values to variants.
    assert_eq!(batch::Status::from("in_progress"), batch::Status::InProgress);
    assert_eq!(batch::Status::from("paused"), batch::Status::Other("paused".into()));
}

#[test]
fn a_required_field_that_is_missing_reads_as_empty_and_the_rest_is_kept() {
    let mut input = example_response("/batches", "post");
    input.as_object_mut().unwrap().remove("input_file_id");
    input["object"] = json!("batch.v2");
    input["priority"] = json!("high");
    let batch: Batch = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(batch.input_file_id, "");
    assert_eq!(batch.id, "batch_abc123");
    // A constant sent with another value, and a property the spec does not
    // name, are kept as sent and written back.
    assert_eq!(batch.object, "batch.v2");
    assert_eq!(batch.extra["priority"], "high");
    let mut want = drop_nulls(input);
    want["input_file_id"] = json!("");
    assert_eq!(serde_json::to_value(&batch).unwrap(), want);
}
