//! One Cargo feature alone (`Config::features`): OpenAI's `chat` and
//! `responses` slices compile under `deny(warnings)` (the crate's `lib.rs`),
//! hold what their operations need and nothing of other tags, and read and
//! write bodies exactly as the full crate does.

use openai_spec_check::{openai, openai_chat, openai_responses, SKIPPED};
use serde_json::{json, Value};

fn completion() -> Value {
    json!({
        "id": "chatcmpl-1", "object": "chat.completion", "created": 1741569952, "model": "gpt-4.1",
        "choices": [{"index": 0, "finish_reason": "stop", "logprobs": null,
            "message": {"role": "assistant", "content": "Hi", "refusal": null, "annotations": [], "new_field": 1}}],
        "usage": {"prompt_tokens": 19, "completion_tokens": 10, "total_tokens": 29},
        "service_tier": "default"
    })
}

fn response() -> Value {
    json!({
        "id": "resp_1", "object": "response", "created_at": 1741476542, "status": "completed", "model": "gpt-4.1",
        "output": [
            {"type": "reasoning", "id": "rs_1", "summary": []},
            {"type": "message", "id": "msg_1", "status": "completed", "role": "assistant",
             "content": [{"type": "output_text", "text": "Hi", "annotations": []}]},
            {"type": "function_call", "id": "fc_1", "call_id": "call_1", "name": "f", "arguments": "{}", "status": "completed"},
            {"type": "a_new_kind", "id": "x_1"}
        ],
        "parallel_tool_calls": true, "tool_choice": "auto", "tools": [], "usage": null
    })
}

/// Read `json` into `T` and write it back.
fn roundtrip<T: serde::de::DeserializeOwned + serde::Serialize>(json: &Value) -> Value {
    serde_json::to_value(T::deserialize(json).unwrap()).unwrap()
}

#[test]
fn a_slice_reads_and_writes_as_the_full_crate_does() {
    if let Some(why) = SKIPPED {
        eprintln!("skipped: {why}");
        return;
    }
    let body = completion();
    let full = roundtrip::<openai::CreateChatCompletionResponse>(&body);
    assert_eq!(roundtrip::<openai_chat::CreateChatCompletionResponse>(&body), full);
    assert_eq!(full["choices"][0]["message"]["new_field"], 1);
    let body = response();
    let full = roundtrip::<openai::Response>(&body);
    assert_eq!(roundtrip::<openai_responses::Response>(&body), full);
    assert_eq!(full["output"][3], body["output"][3], "an unknown output kind is kept");
}

#[test]
fn a_slice_has_its_operations_only() {
    if SKIPPED.is_some() {
        return;
    }
    use openai_chat::api::Operation;
    let op = openai_chat::operations::GetChatCompletion::new("chatcmpl-1");
    assert_eq!(op.path(), "/chat/completions/chatcmpl-1");
    let chat = std::fs::read_to_string(concat!(env!("OUT_DIR"), "/openai_chat.rs")).unwrap();
    let full = std::fs::read_to_string(concat!(env!("OUT_DIR"), "/openai.rs")).unwrap();
    for other_tag in ["pub struct CreateBatch ", "pub struct VectorStoreObject ", "pub struct CreateResponse "] {
        assert!(full.contains(other_tag) && !chat.contains(other_tag), "{other_tag}");
    }
    assert!(chat.contains("/// Needs the Cargo feature `chat`."));
    // Far less to compile than the whole API.
    assert!(chat.lines().count() * 10 < full.lines().count(), "chat {} lines, full {}", chat.lines().count(), full.lines().count());
}
