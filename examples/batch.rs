//! One request built and one response read, as the README shows them.
//! Run with `cargo run --example batch`.

use openai_types::{batch, Batch, CreateBatchRequest, Metadata};

fn main() -> Result<(), serde_json::Error> {
    // A request: `new` takes the required fields (the constant
    // `completion_window` fills itself in); the rest are named, or left `None`.
    let request = CreateBatchRequest {
        metadata: Some(Metadata::from([("job".to_owned(), "nightly-eval".to_owned())])),
        ..CreateBatchRequest::new("file-abc123", "/v1/chat/completions")
    };
    println!("POST /v1/batches {}", serde_json::to_string(&request)?);

    // A response, as the live API may send it: `output_file_id` is null, a
    // status and a property this version of the spec doesn't know.
    let body = r#"{
        "id": "batch_abc123", "object": "batch", "endpoint": "/v1/chat/completions",
        "input_file_id": "file-abc123", "completion_window": "24h",
        "status": "paused_for_review", "created_at": 1711471533,
        "output_file_id": null, "priority": "high"
    }"#;
    let batch: Batch = serde_json::from_str(body)?;
    match &batch.status {
        batch::Status::Completed => println!("{} is done: {:?}", batch.id, batch.output_file_id),
        other => println!("{} is {}", batch.id, other.as_str()),
    }
    // Nothing that arrived is lost: the unknown property is kept and written back.
    println!("priority: {}", batch.extra["priority"]);
    Ok(())
}
