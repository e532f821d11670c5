//! The generated Batch models, used the way a user would: the spec's own
//! example bodies deserialize, keep their values, and round-trip.

use openai_types::{batch, Batch, BatchRequestCounts, CreateBatchRequest, ListBatchesResponse, Metadata};
use serde_json::{json, Value};

/// The spec this crate was built from, parsed.
fn spec() -> Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/spec/openapi.yaml")).unwrap();
    openapi_codegen::load::parse(&text).unwrap()
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
    assert_eq!(batch.request_counts, Some(BatchRequestCounts { total: 0, completed: 0, failed: 0 }));
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
    // `completion_window` is a constant ("24h"): written without being a field.
    assert_eq!(serde_json::to_value(&request).unwrap(), body);
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
    assert_eq!(first.request_counts, Some(BatchRequestCounts { total: 100, completed: 95, failed: 5 }));
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
fn a_batch_is_built_without_spelling_out_object() {
    let batch = Batch {
        id: "batch_1".into(),
        endpoint: "/v1/responses".into(),
        model: None,
        errors: Some(batch::Errors { data: Some(vec![]), object: Some("list".into()) }),
        input_file_id: "file-1".into(),
        completion_window: "24h".into(),
        status: batch::Status::InProgress,
        output_file_id: None,
        error_file_id: None,
        created_at: 1,
        in_progress_at: Some(2),
        expires_at: None,
        finalizing_at: None,
        completed_at: None,
        failed_at: None,
        expired_at: None,
        cancelling_at: None,
        cancelled_at: None,
        request_counts: None,
        usage: None,
        metadata: Some(Metadata::from([("k".to_owned(), "v".to_owned())])),
    };
    assert_eq!(
        serde_json::to_value(&batch).unwrap(),
        json!({
            "object": "batch", "id": "batch_1", "endpoint": "/v1/responses",
            "errors": {"data": [], "object": "list"}, "input_file_id": "file-1",
            "completion_window": "24h", "status": "in_progress", "created_at": 1,
            "in_progress_at": 2, "metadata": {"k": "v"}
        })
    );
}

#[test]
fn a_required_field_that_is_missing_is_an_error() {
    let mut input = example_response("/batches", "post");
    input.as_object_mut().unwrap().remove("input_file_id");
    let err = serde_json::from_value::<Batch>(input).unwrap_err();
    assert!(err.to_string().contains("input_file_id"), "{err}");
}
