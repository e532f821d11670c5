//! The generated operation types over real HTTP: a `tiny_http` server on the
//! loopback address replays the spec's example responses, and `ureq` drives
//! the operation types against it. Each exchange asserts what the server
//! received and what the client decoded.
//!
//! The client side is what a user writes with any HTTP crate: method, path,
//! query, headers and payload from the `api::Operation` impl, then
//! `Operation::decode` on the status, content type and bytes.

mod common;

use std::io::Read;

use api::{Event, Operation, Reply, Streaming};
use openai_spec_check::openai::{self, api, operations};
use serde_json::{json, Value};

/// What the server received.
#[derive(Debug)]
struct Seen {
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// What the server sends back: status, content type, and the body in chunks
/// (more than one: sent with chunked transfer encoding, as streams are).
struct Answer {
    status: u16,
    content_type: &'static str,
    chunks: Vec<Vec<u8>>,
}

impl Answer {
    fn json(status: u16, body: &Value) -> Answer {
        Answer { status, content_type: "application/json", chunks: vec![serde_json::to_vec(body).unwrap()] }
    }
}

/// A reader that hands out its chunks one `read` at a time.
struct Chunks(std::collections::VecDeque<Vec<u8>>);

impl Read for Chunks {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let Some(mut chunk) = self.0.pop_front() else { return Ok(0) };
        let n = chunk.len().min(buf.len());
        buf[..n].copy_from_slice(&chunk[..n]);
        if n < chunk.len() {
            self.0.push_front(chunk.split_off(n));
        }
        Ok(n)
    }
}

/// Serve one request on a fresh loopback port with `answer`, send `op` to
/// it the way a user would with ureq, and return what the server saw and
/// the response's status, content type and body (read in small pieces and
/// handed to `on_chunk` as they arrive).
fn exchange<O: Operation>(op: &O, answer: Answer, mut on_chunk: impl FnMut(&[u8])) -> (Seen, u16, String, Vec<u8>) {
    let server = tiny_http::Server::http("127.0.0.1:0").expect("a loopback port");
    let base = format!("http://{}", server.server_addr().to_ip().expect("an IP address"));
    let handle = std::thread::spawn(move || {
        let mut request = server.recv().expect("one request");
        let mut body = Vec::new();
        request.as_reader().read_to_end(&mut body).expect("the request body");
        let seen = Seen {
            method: request.method().as_str().to_owned(),
            url: request.url().to_owned(),
            headers: request.headers().iter().map(|h| (h.field.as_str().as_str().to_owned(), h.value.as_str().to_owned())).collect(),
            body,
        };
        let header = tiny_http::Header::from_bytes("Content-Type", answer.content_type).unwrap();
        let length = (answer.chunks.len() == 1).then(|| answer.chunks[0].len());
        let response = tiny_http::Response::new(answer.status.into(), vec![header], Chunks(answer.chunks.into()), length, None);
        request.respond(response).expect("the response is sent");
        seen
    });

    // The client: everything below comes from the operation type.
    let mut url = format!("{base}{}", op.path());
    let query = api::query_string(&op.query());
    if !query.is_empty() {
        url = format!("{url}?{query}");
    }
    let mut request = ureq::request(O::METHOD, &url);
    for (name, value) in op.headers() {
        request = request.set(&name, &value);
    }
    let result = match op.payload().encode() {
        Some((content_type, bytes)) => request.set("Content-Type", &content_type).send_bytes(&bytes),
        None => request.call(),
    };
    let response = match result {
        Ok(response) | Err(ureq::Error::Status(_, response)) => response,
        Err(e) => panic!("the exchange failed: {e}"),
    };
    let status = response.status();
    let content_type = response.header("content-type").unwrap_or_default().to_owned();
    let mut reader = response.into_reader();
    let mut body = Vec::new();
    let mut buf = [0u8; 7];
    loop {
        let n = reader.read(&mut buf).expect("the response body");
        if n == 0 {
            break;
        }
        on_chunk(&buf[..n]);
        body.extend_from_slice(&buf[..n]);
    }
    (handle.join().expect("the server thread"), status, content_type, body)
}

/// The spec's example response of `operation` (the first, or the one titled
/// `title`), as text.
fn example_text(spec: &Value, operation: &str, title: Option<&str>) -> String {
    let examples = common::operation_examples(spec);
    let (_, list) = examples.iter().find(|(id, _)| *id == operation).unwrap_or_else(|| panic!("{operation} has examples"));
    let chosen = list.iter().find(|e| title.is_none_or(|t| e["title"] == t)).unwrap_or_else(|| panic!("{operation} has the example {title:?}"));
    chosen["response"].as_str().expect("a response text").to_owned()
}

/// The spec's first example response of `operation`, as JSON (some carry
/// trailing commas, and lists a `{ ... },` placeholder, dropped here).
fn example(spec: &Value, operation: &str) -> Value {
    let text = example_text(spec, operation, None).replace("{ ... },", "");
    common::lenient_json(&text).expect("the example is JSON")
}

/// Everything the example holds (but its nulls) is in `value` written back:
/// nothing that arrived was lost or rewritten. (Written back, a required
/// property the example leaves out is there as its empty value.)
fn assert_kept<T: serde::Serialize>(value: &T, example: &Value) {
    fn kept(example: &Value, back: &Value) -> bool {
        match (example, back) {
            (Value::Object(x), Value::Object(y)) => x.iter().all(|(k, v)| v.is_null() || y.get(k).is_some_and(|w| kept(v, w))),
            (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| kept(a, b)),
            _ => common::same(example, back),
        }
    }
    let back = serde_json::to_value(value).unwrap();
    assert!(kept(example, &back), "{}", common::first_difference(example, &back, ""));
}

fn json_of(seen: &Seen) -> Value {
    serde_json::from_slice(&seen.body).expect("the request body is JSON")
}

#[test]
fn json_create() {
    let Some(spec) = common::spec() else { return };
    let reply = example(&spec, "createBatch");
    let op = operations::CreateBatch::new(openai::CreateBatchRequest::new("file-abc123", "/v1/chat/completions"));
    let (seen, status, content_type, body) = exchange(&op, Answer::json(200, &reply), |_| {});

    assert_eq!((seen.method.as_str(), seen.url.as_str()), ("POST", "/batches"));
    assert_eq!(seen.header("content-type"), Some("application/json"));
    assert_eq!(json_of(&seen), json!({"input_file_id": "file-abc123", "endpoint": "/v1/chat/completions", "completion_window": "24h"}));

    match operations::CreateBatch::decode(status, &content_type, &body).expect("the example decodes") {
        Reply::Ok { status: 200, body: batch } => {
            assert_eq!(batch.id, "batch_abc123");
            assert_eq!(batch.status.as_str(), "validating");
            assert_kept(&batch, &reply);
        }
        other => panic!("not a success: {other:?}"),
    }
}

#[test]
fn list_with_query_parameters() {
    let Some(spec) = common::spec() else { return };
    let reply = example(&spec, "listBatches");
    let op = operations::ListBatches { after: Some("batch abc&1".into()), limit: Some(2) };
    let (seen, status, content_type, body) = exchange(&op, Answer::json(200, &reply), |_| {});

    assert_eq!(seen.method, "GET");
    assert_eq!(seen.url, "/batches?after=batch%20abc%261&limit=2");
    assert!(seen.body.is_empty());
    let Reply::Ok { body: list, .. } = operations::ListBatches::decode(status, &content_type, &body).unwrap() else { panic!("not a success") };
    assert!(!list.data.is_empty() && list.data.iter().all(|b| b.id.starts_with("batch_")));
    assert_kept(&list, &reply);

    // An array, exploded into repeated keys, and an optional one left out.
    let op = operations::ListInputItems {
        response_id: "resp_1".into(),
        include: Some(vec!["message.input_image.image_url".into(), "file_search_call.results".into()]),
        limit: Some(5),
        ..operations::ListInputItems::new("resp_1")
    };
    let (seen, ..) = exchange(&op, Answer::json(200, &json!({"object": "list", "data": [], "first_id": "", "last_id": "", "has_more": false})), |_| {});
    assert_eq!(seen.url, "/responses/resp_1/input_items?limit=5&include=message.input_image.image_url&include=file_search_call.results");
}

#[test]
fn path_parameter_that_needs_encoding() {
    let Some(spec) = common::spec() else { return };
    let reply = example(&spec, "retrieveBatch");
    let op = operations::RetrieveBatch::new("batch/ü x?");
    let (seen, status, content_type, body) = exchange(&op, Answer::json(200, &reply), |_| {});

    assert_eq!(seen.url, "/batches/batch%2F%C3%BC%20x%3F");
    let Reply::Ok { body: batch, .. } = operations::RetrieveBatch::decode(status, &content_type, &body).unwrap() else { panic!("not a success") };
    assert_eq!(batch.object, "batch");
    assert_kept(&batch, &reply);
}

/// A part as the server read it: (name, filename, content type, bytes).
type ReadPart = (String, Option<String>, Option<String>, Vec<u8>);

/// The parts of a multipart/form-data body.
fn multipart(content_type: &str, body: &[u8]) -> Vec<ReadPart> {
    let boundary = content_type.split("boundary=").nth(1).expect("a boundary").trim_matches('"');
    let delimiter = format!("--{boundary}").into_bytes();
    let mut parts = Vec::new();
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i + delimiter.len() <= body.len() {
        if body[i..].starts_with(&delimiter) {
            pieces.push(&body[start..i]);
            i += delimiter.len();
            start = i;
        } else {
            i += 1;
        }
    }
    assert!(body[start..].starts_with(b"--"), "the body ends with the closing delimiter");
    for piece in pieces.into_iter().skip(1) {
        let piece = piece.strip_prefix(b"\r\n").expect("CRLF after the delimiter");
        let piece = piece.strip_suffix(b"\r\n").expect("CRLF before the next delimiter");
        let split = piece.windows(4).position(|w| w == b"\r\n\r\n").expect("headers end");
        let headers = std::str::from_utf8(&piece[..split]).unwrap();
        let bytes = piece[split + 4..].to_vec();
        let mut name = None;
        let mut filename = None;
        let mut part_type = None;
        for line in headers.split("\r\n") {
            let (key, value) = line.split_once(": ").expect("a header line");
            if key.eq_ignore_ascii_case("content-disposition") {
                for attr in value.split("; ").skip(1) {
                    let (k, v) = attr.split_once('=').unwrap();
                    let v = v.trim_matches('"').to_owned();
                    if k == "name" {
                        name = Some(v);
                    } else if k == "filename" {
                        filename = Some(v);
                    }
                }
            } else if key.eq_ignore_ascii_case("content-type") {
                part_type = Some(value.to_owned());
            }
        }
        parts.push((name.expect("a part name"), filename, part_type, bytes));
    }
    parts
}

#[test]
fn multipart_file_upload() {
    let Some(spec) = common::spec() else { return };
    let reply = example(&spec, "createFile");
    let data = b"{\"custom_id\": \"1\"}\n{\"custom_id\": \"2\"}\n".to_vec();
    let mut request = openai::CreateFileRequest::new(api::File::new("requests.jsonl", data.clone()).with_content_type("application/jsonl"), "batch");
    request.expires_after = Some(openai::FileExpirationAfter::new(86400));
    let op = operations::CreateFile::new(request);
    let (seen, status, content_type, body) = exchange(&op, Answer::json(200, &reply), |_| {});

    assert_eq!(seen.url, "/files");
    let sent_type = seen.header("content-type").expect("a content type");
    assert!(sent_type.starts_with("multipart/form-data; boundary="), "{sent_type}");
    let parts = multipart(sent_type, &seen.body);
    assert_eq!(
        parts,
        vec![
            ("file".to_owned(), Some("requests.jsonl".to_owned()), Some("application/jsonl".to_owned()), data),
            ("purpose".to_owned(), None, None, b"batch".to_vec()),
            ("expires_after".to_owned(), None, Some("application/json".to_owned()), br#"{"anchor":"created_at","seconds":86400}"#.to_vec()),
        ]
    );
    let Reply::Ok { body: file, .. } = operations::CreateFile::decode(status, &content_type, &body).unwrap() else { panic!("not a success") };
    assert_eq!(file.object, "file");
    assert!(file.id.starts_with("file-"));
    assert_kept(&file, &reply);
}

#[test]
fn streamed_responses_call() {
    let Some(spec) = common::spec() else { return };
    let mut stream = example_text(&spec, "createResponse", Some("Streaming"));
    // An event this version of the spec doesn't know, a comment, and the end.
    stream.push_str("\n\n: keep-alive\n\nevent: response.teleported\ndata: {\"type\":\"response.teleported\",\"sequence_number\":99}\n\ndata: [DONE]\n\n");
    let bytes = stream.into_bytes();
    let chunks: Vec<Vec<u8>> = bytes.chunks(13).map(<[u8]>::to_vec).collect();

    let body = openai::CreateResponse { model: Some("gpt-4.1".into()), stream: Some(true), input: Some("Hello!".into()), ..Default::default() };
    let op = operations::CreateResponse::new(body);
    let mut events = operations::CreateResponse::events();
    let mut decoded = Vec::new();
    let (seen, status, content_type, body) =
        exchange(&op, Answer { status: 200, content_type: "text/event-stream", chunks }, |chunk| decoded.extend(events.feed(chunk)));
    decoded.extend(events.finish());

    assert_eq!((seen.method.as_str(), seen.url.as_str()), ("POST", "/responses"));
    assert_eq!(json_of(&seen)["stream"], json!(true));
    assert_eq!(status, 200);
    assert!(content_type.starts_with("text/event-stream"));

    let names: Vec<Option<&str>> = decoded
        .iter()
        .map(|e| match e {
            Event::Data { event, .. } | Event::Unknown { event, .. } => event.as_deref(),
            Event::Done => None,
        })
        .collect();
    assert_eq!(names.first(), Some(&Some("response.created")));
    assert_eq!(decoded.last(), Some(&Event::Done));
    let known = decoded.iter().filter(|e| matches!(e, Event::Data { data, .. } if !matches!(data, openai::ResponseStreamEvent::Unknown(_)))).count();
    assert!(known >= 8, "{known} known events of {}", decoded.len());
    // The unknown event is kept whole, not an error.
    let teleported = decoded
        .iter()
        .find(|e| matches!(e, Event::Data { event: Some(n), .. } | Event::Unknown { event: Some(n), .. } if n == "response.teleported"))
        .expect("the unknown event is kept");
    match teleported {
        Event::Data { data: openai::ResponseStreamEvent::Unknown(json), .. } => assert_eq!(json["sequence_number"], 99),
        other => panic!("kept as {other:?}"),
    }
    // The whole body decodes to the same events.
    match operations::CreateResponse::decode(status, &content_type, &body).unwrap() {
        Reply::Ok { body: operations::CreateResponseOutput::Events(all), .. } => assert_eq!(all, decoded),
        other => panic!("not the events: {other:?}"),
    }
}

#[test]
fn documented_error_status() {
    if common::spec().is_none() {
        return;
    }
    let error = json!({"error": {"message": "Rate limit reached", "type": "requests", "param": null, "code": "rate_limit_exceeded"}});
    let op = operations::CreateResponse::new(openai::CreateResponse { model: Some("gpt-4.1".into()), ..Default::default() });
    let (_, status, content_type, body) = exchange(&op, Answer::json(429, &error), |_| {});
    match operations::CreateResponse::decode(status, &content_type, &body).unwrap() {
        Reply::Err { status: 429, body } => {
            assert_eq!(body.error.message, "Rate limit reached");
            assert_eq!(body.error.code.as_deref(), Some("rate_limit_exceeded"));
        }
        other => panic!("not the documented error: {other:?}"),
    }

    // A status the spec doesn't document is kept as received.
    let (_, status, content_type, body) = exchange(&op, Answer { status: 503, content_type: "text/html", chunks: vec![b"<h1>down</h1>".to_vec()] }, |_| {});
    match operations::CreateResponse::decode(status, &content_type, &body).unwrap() {
        Reply::Other(raw) => assert_eq!((raw.status, raw.content_type.as_str(), raw.body.as_slice()), (503, "text/html", &b"<h1>down</h1>"[..])),
        other => panic!("not kept raw: {other:?}"),
    }
}
