//! Every example response in OpenAI's spec (`x-oaiMeta.examples[].response`)
//! deserializes into its operation's response type and serializes back to the
//! same JSON, once nulls are dropped. Examples that are not JSON are forgiven
//! (after trying to drop trailing commas); the remaining failures must be
//! listed in `SPEC_FAULTS` with the spec's own fault named, and every listed
//! one must still fail, so the list cannot go stale.

use serde_json::Value;

/// Operations whose example the spec itself gets wrong, and how. Each fault
/// was confirmed by validating the example against the operation's response
/// schema with a JSON Schema 2020-12 validator (Python `jsonschema`), apart
/// from the five whose examples send properties the spec does not define.
const SPEC_FAULTS: &[(&str, &str)] = &[
    ("CancelChatSessionMethod", "the example lacks required `client_secret` (and 2 more)"),
    ("CreateChatSessionMethod", "the example lacks required `id` (and 2 more)"),
    ("GetThreadMethod", "the example lacks required `created_at` (and 2 more)"),
    ("ListThreadItemsMethod", "the example lacks required `first_id` (and 2 more)"),
    ("ListThreadsMethod", "the example lacks required `first_id` (and 2 more)"),
    ("ListVideos", "the example lacks required `first_id` (and 2 more)"),
    ("add-project-group", "the example lacks required `group_type`"),
    ("beta_cancelResponse", "`output/0` matches none of the spec's variants (and 2 more)"),
    ("beta_createResponse", "`output/0` matches none of the spec's variants (and 2 more)"),
    ("beta_getResponse", "`output/0` matches none of the spec's variants (and 1 more)"),
    ("cancelEvalRun", "`error` is null where the spec requires an object (and 2 more)"),
    ("cancelFineTuningJob", "the example lacks required `error` (and 2 more)"),
    ("cancelResponse", "`output/0` matches none of the spec's variants (and 2 more)"),
    ("cancelRun", "the example lacks required `incomplete_details` (and 2 more)"),
    ("cancelVectorStoreFileBatch", "`object` is `vector_store.file_batch`, the spec's constant is `vector_store.files_batch`"),
    ("completeUpload", "`file` lacks required `status`"),
    ("create-group", "the example lacks required `group_type`"),
    ("create-realtime-session", "`turn_detection` is null where the spec requires an object"),
    ("create-realtime-transcription-session", "`client_secret` is null where the spec requires an object (and 1 more)"),
    ("createEvalRun", "`error` is null where the spec requires an object (and 2 more)"),
    ("createFile", "the example lacks required `status`"),
    ("createFineTuningJob", "the example lacks required `error` (and 2 more)"),
    ("createMessage", "the example lacks required `completed_at` (and 2 more)"),
    ("createModeration", "`results/0/categories` lacks required `illicit` (and 2 more)"),
    ("createResponse", "`output/0` matches none of the spec's variants (and 2 more)"),
    ("createRun", "the example lacks required `required_action` (and 1 more)"),
    ("createThreadAndRun", "RunObject has no `tool_resources`, the example sends one"),
    ("createVectorStore", "the example lacks required `last_active_at` (and 2 more)"),
    ("createVectorStoreFileBatch", "`object` is `vector_store.file_batch`, the spec's constant is `vector_store.files_batch`"),
    ("createVideo", "the example lacks required `completed_at` (and 2 more)"),
    ("getChatCompletion", "`choices/0/message/function_call` is null where the spec requires an object (and 2 more)"),
    ("getChatCompletionMessages", "`data/0/role` is `user`, the spec's constant is `assistant` (and 1 more)"),
    ("getEval", "the graders in `testing_criteria` have no `id`, the example sends one"),
    ("getEvalRun", "`error` is null where the spec requires an object (and 2 more)"),
    ("getEvalRunOutputItem", "`sample/error` is null where the spec requires an object"),
    ("getEvalRunOutputItems", "`data/0/sample/error` is null where the spec requires an object"),
    ("getEvalRuns", "`data/0/data_source` matches none of the spec's variants (and 1 more)"),
    ("getMessage", "the example lacks required `completed_at` (and 2 more)"),
    ("getResponse", "`output/0` matches none of the spec's variants (and 1 more)"),
    ("getRun", "the example lacks required `required_action` (and 1 more)"),
    ("getVectorStore", "the example lacks required `last_active_at` (and 2 more)"),
    ("getVectorStoreFile", "the example lacks required `usage_bytes`"),
    ("getVectorStoreFileBatch", "`object` is `vector_store.file_batch`, the spec's constant is `vector_store.files_batch`"),
    ("list-audit-logs", "AuditLogActorSession has no `user_agent`, the example sends one"),
    ("list-groups", "`data/0` lacks required `group_type`"),
    ("list-invites", "`data/0` lacks required `projects`"),
    ("list-project-groups", "`data/0` lacks required `group_type`"),
    ("listChatCompletions", "`data/0/choices/0/message/function_call` is null where the spec requires an object (and 2 more)"),
    ("listEvals", "the graders in `testing_criteria` have no `id`, the example sends one"),
    ("listFiles", "`data/0` lacks required `status` (and 1 more)"),
    ("listFilesInVectorStoreBatch", "`data/0` lacks required `last_error` (and 2 more)"),
    ("listMessages", "`data/0` lacks required `completed_at` (and 2 more)"),
    ("listRuns", "`data/0/instructions` is null where the spec requires a string (and 2 more)"),
    ("listVectorStoreFiles", "`data/0` lacks required `last_error` (and 2 more)"),
    ("listVectorStores", "`data/0` lacks required `last_active_at` (and 2 more)"),
    ("modifyMessage", "the example lacks required `completed_at` (and 2 more)"),
    ("modifyRun", "the example lacks required `required_action` (and 1 more)"),
    ("modifyVectorStore", "the example lacks required `last_active_at` (and 2 more)"),
    ("pauseFineTuningJob", "the example lacks required `error` (and 2 more)"),
    ("resumeFineTuningJob", "the example lacks required `error` (and 2 more)"),
    ("retrieve-invite", "the example lacks required `projects`"),
    ("retrieveFile", "the example lacks required `status`"),
    ("runGrader", "`metadata/token_usage` matches none of the spec's variants"),
    ("searchVectorStore", "`search_query`: 'What is the return policy?' is not of type 'array'"),
    ("submitToolOuputsToRun", "the example lacks required `incomplete_details` (and 2 more)"),
    ("updateChatCompletion", "`choices/0/message/function_call` is null where the spec requires an object (and 2 more)"),
    ("updateEval", "the graders in `testing_criteria` have no `id`, the example sends one"),

];

fn spec() -> Option<Value> {
    if let Some(why) = openai_spec_check::SKIPPED {
        eprintln!("skipped: {why}");
        return None;
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/specs/openai/openapi.yaml");
    let text = std::fs::read_to_string(path).expect("the spec the build used is readable");
    Some(openapi_codegen::load::parse(&text).expect("the spec parses"))
}

/// `(operationId, example response text)` for every example in the spec.
fn examples(spec: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for item in spec["paths"].as_object().expect("paths").values() {
        for op in item.as_object().into_iter().flat_map(|m| m.values()) {
            let Some(id) = op.get("operationId").and_then(Value::as_str) else { continue };
            let examples = &op["x-oaiMeta"]["examples"];
            let list: Vec<&Value> = match examples {
                Value::Array(items) => items.iter().collect(),
                Value::Object(_) => vec![examples],
                _ => continue,
            };
            for example in list {
                if let Some(response) = example.get("response").and_then(Value::as_str) {
                    out.push((id.to_owned(), response.to_owned()));
                }
            }
        }
    }
    out
}

/// Parse JSON, forgiving trailing commas.
fn lenient_json(text: &str) -> Option<Value> {
    if let Ok(v) = serde_json::from_str(text) {
        return Some(v);
    }
    let mut fixed = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if in_string {
            in_string = c != '"' || escaped;
            escaped = c == '\\' && !escaped;
        } else if c == '"' {
            in_string = true;
        } else if c == ',' && chars[i + 1..].iter().find(|c| !c.is_whitespace()).is_some_and(|&n| n == '}' || n == ']') {
            continue;
        }
        fixed.push(c);
    }
    serde_json::from_str(&fixed).ok()
}

/// The value with object entries that are `null` removed, recursively.
fn drop_nulls(v: &Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(map.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), drop_nulls(v))).collect()),
        Value::Array(items) => Value::Array(items.iter().map(drop_nulls).collect()),
        other => other.clone(),
    }
}

/// JSON equality where `1` and `1.0` are the same number.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w))),
        _ => a == b,
    }
}

/// The first path where two values differ, for the failure message.
fn first_difference(a: &Value, b: &Value, path: &str) -> String {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                match y.get(k) {
                    None => return format!("{path}/{k}: dropped (was {})", short(v)),
                    Some(w) if !same(v, w) => return first_difference(v, w, &format!("{path}/{k}")),
                    _ => {}
                }
            }
            for (k, w) in y {
                if !x.contains_key(k) {
                    return format!("{path}/{k}: added ({})", short(w));
                }
            }
            format!("{path}: differs")
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().find(|(_, (a, b))| !same(a, b)).map(|(i, (a, b))| first_difference(a, b, &format!("{path}/{i}"))).unwrap_or_default()
        }
        _ => format!("{path}: {} became {}", short(a), short(b)),
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 120 { format!("{}...", &s[..120]) } else { s }
}

#[test]
fn every_example_response_round_trips() {
    let Some(spec) = spec() else { return };
    let examples = examples(&spec);
    let operations: std::collections::BTreeSet<&str> = examples.iter().map(|(id, _)| id.as_str()).collect();
    let (mut passed, mut not_json, mut no_type) = (0, Vec::new(), Vec::new());
    let mut failures: Vec<(String, String)> = Vec::new();
    for (id, text) in &examples {
        let Some(input) = lenient_json(text) else {
            not_json.push(id.clone());
            continue;
        };
        match openai_spec_check::roundtrip(id, &input) {
            None => no_type.push(id.clone()),
            Some(Err(e)) => failures.push((id.clone(), format!("does not deserialize: {e}"))),
            Some(Ok(rt)) => {
                let (want, got) = (drop_nulls(&input), drop_nulls(&rt.json));
                if !same(&want, &got) {
                    failures.push((id.clone(), format!("round trip differs at {}", first_difference(&want, &got, ""))));
                } else if rt.debug.contains("Unknown(") {
                    failures.push((id.clone(), "kept whole in a fallback variant: the types did not recognise it".into()));
                } else {
                    passed += 1;
                }
            }
        }
    }
    eprintln!(
        "{} examples in {} operations: {passed} round-trip, {} not JSON, {} with no JSON response type, {} failed",
        examples.len(),
        operations.len(),
        not_json.len(),
        no_type.len(),
        failures.len()
    );
    eprintln!("not JSON: {not_json:?}");
    eprintln!("no JSON response type: {no_type:?}");
    let unexpected: Vec<_> = failures.iter().filter(|(id, _)| !SPEC_FAULTS.iter().any(|(f, _)| f == id)).collect();
    let stale: Vec<_> = SPEC_FAULTS.iter().filter(|(f, _)| !failures.iter().any(|(id, _)| id == f)).collect();
    for (id, why) in &unexpected {
        eprintln!("FAIL {id}: {why}");
    }
    assert!(unexpected.is_empty(), "{} example responses failed (see FAIL lines above)", unexpected.len());
    assert!(stale.is_empty(), "listed as spec faults but now pass, remove them: {stale:?}");
    assert_eq!(operations.len(), 259, "operations with an example response");
    // 181 when this was written; fewer means a regression in the generator.
    assert!(passed >= 181, "only {passed} examples round-tripped");
}
