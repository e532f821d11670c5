//! Reading speed: the generated OpenAI models (tolerant and lossless, as
//! `read_speed::openai` builds them from OpenAI's full spec, only what its `chat` and `responses` features turn on) against
//! async-openai 0.43's serde-derived types, `serde_json::Value` and
//! `serde::de::IgnoredAny`, reading the same JSON text (issue 15).
//!
//! ```sh
//! cargo bench --manifest-path benches/read-speed/Cargo.toml
//! ```
//!
//! Four bodies, each a JSON list of [`ITEMS`] objects:
//! - **chat completions**: `CreateChatCompletionResponse`s, one choice with a
//!   message and logprobs, and one with tool calls;
//! - **responses**: Responses API `Response`s whose output holds a reasoning
//!   item, a web search call, a message with `output_text` and URL citations,
//!   and a function call, with the tools and usage the API sends back;
//! - each again **with three unknown properties** (a string, a list, an
//!   object) added to every object that is a struct, which our models keep
//!   in `extra` and async-openai skips.
//!
//! Each reader is checked to read every body (async-openai's too, or the
//! comparison means nothing), then timed: rounds of one call of each reader
//! in turn, so that noise from other work on the machine falls on all of them
//! alike, each timed call right after an untimed one by the same reader (so
//! that no reader is timed on the heap another left behind); the median per
//! reader is shown as MB/s of JSON text, with the
//! ratios ours/async-openai and ours/Value (above 1: ours is faster).
//! `IgnoredAny` is the floor: parsing without building anything.
//!
//! `cargo bench ... -- ROUNDS` sets the rounds (default [`ROUNDS`]); for a
//! profile, `-- --only READER BODY N` runs one reader on one body N times
//! and nothing else (readers `ours`, `async-openai`, `value`, `ignored`;
//! bodies `chat`, `chat+unknown`, `responses`, `responses+unknown`), e.g.
//! under `valgrind --tool=callgrind`. Run without `--bench` (as
//! `cargo test --benches` does), it only checks that every reader reads
//! every body.

use std::hint::black_box;
use std::time::{Duration, Instant};

use async_openai::types::chat as ao_chat;
use async_openai::types::responses as ao_responses;
use read_speed::openai;
use serde::de::IgnoredAny;
use serde_json::{json, Value};

/// Objects in each list.
const ITEMS: usize = 500;
/// Timed rounds (each runs every reader once).
const ROUNDS: usize = 30;

fn completion(i: usize) -> Value {
    json!({
        "id": format!("chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG{i}"),
        "object": "chat.completion",
        "created": 1_741_570_283,
        "model": "gpt-4o-2024-08-06",
        "choices": [
            {
                "index": 0,
                "message": {
                    "role": "assistant",
                    "content": "The image shows a wooden boardwalk path running through a lush green field or meadow. The sky is bright blue with some scattered clouds, giving the scene a serene and peaceful atmosphere. Trees and shrubs are visible in the background.",
                    "refusal": null,
                    "annotations": [],
                },
                "logprobs": {
                    "content": [
                        {"token": "The", "logprob": -0.31725305, "bytes": [84, 104, 101], "top_logprobs": [{"token": "The", "logprob": -0.31725305, "bytes": [84, 104, 101]}]},
                        {"token": " image", "logprob": -0.020_139_7, "bytes": [32, 105, 109, 97, 103, 101], "top_logprobs": []},
                    ],
                    "refusal": null,
                },
                "finish_reason": "stop",
            },
            {
                "index": 1,
                "message": {
                    "role": "assistant",
                    "content": null,
                    "refusal": null,
                    "tool_calls": [{
                        "id": format!("call_abc{i}"),
                        "type": "function",
                        "function": {"name": "get_current_weather", "arguments": "{\n\"location\": \"Boston, MA\"\n}"},
                    }],
                    "annotations": [],
                },
                "logprobs": null,
                "finish_reason": "tool_calls",
            },
        ],
        "usage": {
            "prompt_tokens": 1117,
            "completion_tokens": 46,
            "total_tokens": 1163,
            "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
            "completion_tokens_details": {
                "reasoning_tokens": 0,
                "audio_tokens": 0,
                "accepted_prediction_tokens": 0,
                "rejected_prediction_tokens": 0,
            },
        },
        "service_tier": "default",
        "system_fingerprint": "fp_fc9f1d7035",
    })
}

fn response(i: usize) -> Value {
    json!({
        "id": format!("resp_67ccd3a9da748190baa7f1570fe91ac6{i}"),
        "object": "response",
        "created_at": 1_741_476_777,
        "status": "completed",
        "background": false,
        "completed_at": 1_741_476_781,
        "error": null,
        "incomplete_details": null,
        "instructions": null,
        "max_output_tokens": null,
        "model": "gpt-5-2025-08-07",
        "output": [
            {
                "id": format!("rs_67ccd3acc8d48190a77525dc6de64b4{i}"),
                "type": "reasoning",
                "summary": [
                    {"type": "summary_text", "text": "**Looking up the forecast**\n\nThe user asks about the weather in Boston; a search gives current conditions."},
                ],
            },
            {
                "id": format!("ws_67ccd3acc8d48190a77525dc6de64b4{i}"),
                "type": "web_search_call",
                "status": "completed",
                "action": {"type": "search", "query": "weather in Boston today"},
            },
            {
                "id": format!("msg_67ccd3acc8d48190a77525dc6de64b4{i}"),
                "type": "message",
                "status": "completed",
                "role": "assistant",
                "content": [{
                    "type": "output_text",
                    "text": "As of today, Boston is partly cloudy with a high of 48°F (9°C) and a low of 35°F (2°C); light winds from the northwest make it feel a little colder. See the forecast for details.",
                    "annotations": [
                        {"type": "url_citation", "start_index": 0, "end_index": 96, "url": "https://weather.example.com/boston?utm_source=openai", "title": "Boston, MA Weather Forecast"},
                        {"type": "url_citation", "start_index": 97, "end_index": 170, "url": "https://news.example.com/boston-weather?utm_source=openai", "title": "Boston weather: a cold week ahead"},
                    ],
                    "logprobs": [],
                }],
            },
            {
                "id": format!("fc_67ccd3acc8d48190a77525dc6de64b4{i}"),
                "type": "function_call",
                "status": "completed",
                "arguments": "{\"location\":\"Boston, MA\",\"unit\":\"celsius\"}",
                "call_id": format!("call_unLAR8MvFNptuiZK6K6HCy5{i}"),
                "name": "get_current_weather",
            },
        ],
        "parallel_tool_calls": true,
        "previous_response_id": null,
        "reasoning": {"effort": "medium", "summary": "auto"},
        "service_tier": "default",
        "store": true,
        "temperature": 1.0,
        "text": {"format": {"type": "text"}, "verbosity": "medium"},
        "tool_choice": "auto",
        "tools": [
            {
                "type": "function",
                "name": "get_current_weather",
                "description": "Get the current weather in a given location",
                "parameters": {
                    "type": "object",
                    "properties": {
                        "location": {"type": "string", "description": "The city and state, e.g. San Francisco, CA"},
                        "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
                    },
                    "required": ["location", "unit"],
                },
                "strict": true,
            },
            {"type": "web_search", "search_context_size": "medium", "user_location": {"type": "approximate", "country": "US"}},
        ],
        "top_p": 1.0,
        "truncation": "disabled",
        "usage": {
            "input_tokens": 328,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": 245,
            "output_tokens_details": {"reasoning_tokens": 128},
            "total_tokens": 573,
        },
        "user": null,
        "metadata": {},
    })
}

/// Adds three properties no schema names to every object in `value` that is
/// a struct: not to free-form JSON (a function's `parameters`) nor to maps
/// (`metadata`).
fn with_unknowns(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.iter_mut().filter(|(k, _)| *k != "metadata" && *k != "parameters").for_each(|(_, v)| with_unknowns(v));
            map.insert("x_trace".into(), json!("4bf92f3577b34da6a3ce929d0e0e4736"));
            map.insert("x_flags".into(), json!(["beta", "canary"]));
            map.insert("x_limits".into(), json!({"rpm": 500, "tpm": 30_000}));
        }
        Value::Array(items) => items.iter_mut().for_each(with_unknowns),
        _ => {}
    }
}

/// The readers, by name: each reads a body and tells how many items it read.
const READERS: &[&str] = &["ours", "async-openai", "value", "ignored"];

fn read(reader: &str, chat: bool, text: &str) -> usize {
    match (reader, chat) {
        ("ours", true) => serde_json::from_str::<Vec<openai::CreateChatCompletionResponse>>(text).expect("ours reads").len(),
        ("ours", false) => serde_json::from_str::<Vec<openai::Response>>(text).expect("ours reads").len(),
        ("async-openai", true) => serde_json::from_str::<Vec<ao_chat::CreateChatCompletionResponse>>(text).expect("async-openai reads").len(),
        ("async-openai", false) => serde_json::from_str::<Vec<ao_responses::Response>>(text).expect("async-openai reads").len(),
        ("value", _) => serde_json::from_str::<Vec<Value>>(text).expect("JSON").len(),
        ("ignored", _) => serde_json::from_str::<Vec<IgnoredAny>>(text).expect("JSON").len(),
        _ => panic!("no reader {reader:?}: one of {READERS:?}"),
    }
}

/// The bodies: name, whether it is chat completions, and the JSON text.
fn bodies() -> Vec<(&'static str, bool, String)> {
    let chat = Value::Array((0..ITEMS).map(completion).collect());
    let responses = Value::Array((0..ITEMS).map(response).collect());
    let mut out = Vec::new();
    for (name, unknown, chat_body, mut value) in [("chat", "chat+unknown", true, chat), ("responses", "responses+unknown", false, responses)] {
        out.push((name, chat_body, value.to_string()));
        with_unknowns(&mut value);
        out.push((unknown, chat_body, value.to_string()));
    }
    out
}

/// Checks that our models read the bodies as they are: nothing fell back
/// to an `Unknown` variant or an `Other` value.
fn check_ours(name: &str, chat: bool, text: &str) {
    let debug = if chat {
        format!("{:?}", serde_json::from_str::<Vec<openai::CreateChatCompletionResponse>>(text).expect("ours reads"))
    } else {
        format!("{:?}", serde_json::from_str::<Vec<openai::Response>>(text).expect("ours reads"))
    };
    assert!(!debug.contains("Unknown(") && !debug.contains("Other("), "{name}: ours falls back somewhere");
    // Unknown properties are kept, not dropped.
    assert_eq!(debug.contains("x_trace"), name.ends_with("+unknown"), "{name}");
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bench = args.iter().any(|a| a == "--bench");
    let bodies = bodies();
    if let Some(at) = args.iter().position(|a| a == "--only") {
        let (reader, body, n) = (&args[at + 1], &args[at + 2], args[at + 3].parse::<usize>().expect("a count"));
        let (_, chat, text) = bodies.iter().find(|(name, _, _)| name == body).expect("a body name");
        for _ in 0..n {
            black_box(read(reader, *chat, black_box(text)));
        }
        return;
    }
    for (name, chat, text) in &bodies {
        for reader in READERS {
            assert_eq!(read(reader, *chat, text), ITEMS, "{reader} on {name}");
        }
        check_ours(name, *chat, text);
    }
    if !bench {
        println!("read-speed: every reader reads every body (run with `cargo bench` to time them)");
        return;
    }
    let rounds = args.iter().find_map(|a| a.parse::<usize>().ok()).unwrap_or(ROUNDS);
    println!("read-speed: {ITEMS} objects per list, median of {rounds} interleaved rounds, MB/s of JSON text");
    println!("  {:<18} {:>7} {:>9} {:>13} {:>9} {:>11} {:>13} {:>10}", "body", "MB", "ours", "async-openai", "Value", "IgnoredAny", "ours/async", "ours/Value");
    for (name, chat, text) in &bodies {
        let mut times: Vec<Vec<Duration>> = vec![Vec::new(); READERS.len()];
        for _ in 0..rounds {
            for (r, reader) in READERS.iter().enumerate() {
                // One untimed read first, so that the timed one finds the
                // heap as this reader leaves it, not as the previous reader
                // did: the first reader after `Value` otherwise pays for
                // growing the heap again (0.63x where it reads at 0.94x
                // on its own, whichever reader goes first).
                black_box(read(reader, *chat, black_box(text)));
                let start = Instant::now();
                black_box(read(reader, *chat, black_box(text)));
                times[r].push(start.elapsed());
            }
        }
        let speed: Vec<f64> = times
            .iter_mut()
            .map(|t| {
                t.sort();
                text.len() as f64 / 1e6 / t[t.len() / 2].as_secs_f64()
            })
            .collect();
        println!(
            "  {:<18} {:>7.2} {:>9.1} {:>13.1} {:>9.1} {:>11.1} {:>12.2}x {:>9.2}x",
            name,
            text.len() as f64 / 1e6,
            speed[0],
            speed[1],
            speed[2],
            speed[3],
            speed[0] / speed[1],
            speed[0] / speed[2]
        );
    }
}
