//! Requests from OpenAI's API reference, built the way a Rust user writes
//! them (`new` for the required fields, `..Default::default()` or `..new(..)`
//! for the rest, `.into()` / `From<&str>` for strings and union arms), and
//! compared with the JSON body the reference documents.

use openai_spec_check::openai::{
    self, chat_completion_request_system_message as system, chat_completion_request_user_message as user, create_embedding_request as embedding,
    create_image_request as image, create_moderation_request as moderation, ChatCompletionRequestMessage, ChatCompletionRequestSystemMessage,
    ChatCompletionRequestUserMessage, CreateBatchRequest, CreateChatCompletionRequest, CreateEmbeddingRequest, CreateImageRequest, CreateModerationRequest,
    CreateResponse, FunctionTool, ModelIdsResponses, ReasoningEffort, ResponseTextParam, TextResponseFormatJsonSchema, Tool,
};
use serde_json::{json, Value};

fn body<T: serde::Serialize>(request: &T) -> Value {
    serde_json::to_value(request).expect("requests serialize")
}

/// A JSON object as the free-form maps the spec gives (JSON Schema, tool parameters).
fn object(value: Value) -> std::collections::BTreeMap<String, Value> {
    serde_json::from_value(value).expect("an object")
}

#[test]
fn responses_text_input() {
    let request =
        CreateResponse { model: Some("gpt-5".into()), input: Some("Tell me a three sentence bedtime story about a unicorn.".into()), ..Default::default() };
    assert_eq!(body(&request), json!({"model": "gpt-5", "input": "Tell me a three sentence bedtime story about a unicorn."}));
    // A model the spec lists is a variant; any other id is kept as given.
    assert_eq!(request.model, Some(ModelIdsResponses::Gpt5));
    assert_eq!(ModelIdsResponses::from("ft:gpt-5:acme"), ModelIdsResponses::Other("ft:gpt-5:acme".into()));
}

#[test]
fn responses_with_a_function_tool() {
    let parameters = object(json!({
        "type": "object",
        "properties": {
            "location": {"type": "string", "description": "The city and state, e.g. San Francisco, CA"},
            "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}
        },
        "required": ["location", "unit"]
    }));
    let get_weather =
        FunctionTool { description: Some("Get the current weather in a given location".into()), ..FunctionTool::new("get_current_weather", None, parameters) };
    let request = CreateResponse {
        model: Some("gpt-4.1".into()),
        input: Some("What is the weather like in Boston today?".into()),
        tools: Some(vec![Tool::from(get_weather)]),
        tool_choice: None,
        ..Default::default()
    };
    assert_eq!(
        body(&request),
        json!({
            "model": "gpt-4.1",
            "input": "What is the weather like in Boston today?",
            "tools": [{
                "type": "function",
                "name": "get_current_weather",
                "description": "Get the current weather in a given location",
                "parameters": {
                    "type": "object",
                    "properties": {
                        "location": {"type": "string", "description": "The city and state, e.g. San Francisco, CA"},
                        "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}
                    },
                    "required": ["location", "unit"]
                },
                "strict": null
            }]
        })
    );
}

#[test]
fn responses_with_json_schema_output() {
    let schema = object(json!({
        "type": "object",
        "properties": {"name": {"type": "string"}, "date": {"type": "string"}},
        "required": ["name", "date"],
        "additionalProperties": false
    }));
    let request = CreateResponse {
        model: Some("gpt-4o-2024-08-06".into()),
        input: Some("Alice and Bob are going to a science fair on Friday.".into()),
        instructions: Some("Extract the event information.".into()),
        text: Some(ResponseTextParam {
            format: Some(TextResponseFormatJsonSchema { strict: Some(true), ..TextResponseFormatJsonSchema::new(schema, "calendar_event") }.into()),
            ..Default::default()
        }),
        ..Default::default()
    };
    assert_eq!(
        body(&request),
        json!({
            "model": "gpt-4o-2024-08-06",
            "input": "Alice and Bob are going to a science fair on Friday.",
            "instructions": "Extract the event information.",
            "text": {"format": {
                "type": "json_schema",
                "name": "calendar_event",
                "schema": {
                    "type": "object",
                    "properties": {"name": {"type": "string"}, "date": {"type": "string"}},
                    "required": ["name", "date"],
                    "additionalProperties": false
                },
                "strict": true
            }}
        })
    );
}

#[test]
fn responses_with_reasoning_effort() {
    let request = CreateResponse {
        model: Some("o4-mini".into()),
        input: Some("How much wood would a woodchuck chuck?".into()),
        reasoning: Some(openai::Reasoning { effort: Some(ReasoningEffort::High), ..Default::default() }),
        ..Default::default()
    };
    assert_eq!(body(&request), json!({"model": "o4-mini", "input": "How much wood would a woodchuck chuck?", "reasoning": {"effort": "high"}}));
}

#[test]
fn chat_completion_with_system_and_user_messages() {
    let messages: Vec<ChatCompletionRequestMessage> =
        vec![ChatCompletionRequestSystemMessage::new("You are a helpful assistant.").into(), ChatCompletionRequestUserMessage::new("Hello!").into()];
    let request = CreateChatCompletionRequest::new("gpt-4o", messages);
    assert_eq!(
        body(&request),
        json!({
            "model": "gpt-4o",
            "messages": [
                {"role": "system", "content": "You are a helpful assistant."},
                {"role": "user", "content": "Hello!"}
            ]
        })
    );
    // The content is a union with one string arm: `From<&str>` picks it.
    assert!(matches!(system::Content::from("x"), system::Content::TextContent(_)));
    assert!(matches!(user::Content::from("x"), user::Content::TextContent(_)));
}

#[test]
fn chat_completion_with_options() {
    let request = CreateChatCompletionRequest {
        temperature: Some(0.2),
        max_completion_tokens: Some(256),
        n: Some(1),
        ..CreateChatCompletionRequest::new("gpt-4o-mini", vec![ChatCompletionRequestUserMessage::new("Say this is a test").into()])
    };
    assert_eq!(
        body(&request),
        json!({
            "model": "gpt-4o-mini",
            "messages": [{"role": "user", "content": "Say this is a test"}],
            "temperature": 0.2,
            "max_completion_tokens": 256,
            "n": 1
        })
    );
}

#[test]
fn embeddings() {
    let request = CreateEmbeddingRequest {
        encoding_format: Some(embedding::EncodingFormat::Float),
        ..CreateEmbeddingRequest::new("text-embedding-ada-002", "The food was delicious and the waiter...")
    };
    assert_eq!(body(&request), json!({"input": "The food was delicious and the waiter...", "model": "text-embedding-ada-002", "encoding_format": "float"}));
    let many = CreateEmbeddingRequest::new("text-embedding-3-small", vec!["first".to_owned(), "second".to_owned()]);
    assert_eq!(body(&many), json!({"input": ["first", "second"], "model": "text-embedding-3-small"}));
}

#[test]
fn moderation() {
    let request = CreateModerationRequest::new("I want to kill them.");
    assert_eq!(body(&request), json!({"input": "I want to kill them."}));
    let with_model =
        CreateModerationRequest { model: Some("omni-moderation-latest".into()), ..CreateModerationRequest::new("...text to classify goes here...") };
    assert_eq!(body(&with_model), json!({"input": "...text to classify goes here...", "model": "omni-moderation-latest"}));
    assert!(matches!(moderation::Input::from("x"), moderation::Input::String(_)));
}

#[test]
fn image_generation() {
    let request = CreateImageRequest {
        model: Some("gpt-image-1".into()),
        n: Some(1),
        size: Some("1024x1024".into()),
        quality: Some(image::Quality::from("high")),
        ..CreateImageRequest::new("A cute baby sea otter")
    };
    assert_eq!(body(&request), json!({"prompt": "A cute baby sea otter", "model": "gpt-image-1", "n": 1, "quality": "high", "size": "1024x1024"}));
}

#[test]
fn batch_create() {
    let request = CreateBatchRequest::new("file-abc123", "/v1/chat/completions");
    assert_eq!(body(&request), json!({"input_file_id": "file-abc123", "endpoint": "/v1/chat/completions", "completion_window": "24h"}));
}
