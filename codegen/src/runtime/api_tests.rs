//! Tests of `api.rs`, the runtime of the generated crates' module `api`, as
//! real Rust (`super::api`) and as the text that is emitted.

use serde::ser::SerializeStruct;
use serde_json::{json, Value};

use super::api::*;

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(name, value)| (name.to_string(), value.to_string())).collect()
}

fn query_of<T: serde::Serialize + ?Sized>(style: Style, explode: bool, value: &T) -> Vec<(String, String)> {
    let mut out = Vec::new();
    query(&mut out, "p", style, explode, value);
    out
}

/// A struct whose fields are not in alphabetical order, serialized as a
/// generated struct is: its properties must keep this order whatever
/// `serde_json`'s features.
struct Filter {
    zone: &'static str,
    age: Option<u32>,
    ids: Vec<u32>,
    inner: Option<Inner>,
}

struct Inner {
    y: bool,
    b: f64,
}

impl serde::Serialize for Filter {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Filter", 4)?;
        s.serialize_field("zone", &self.zone)?;
        s.serialize_field("age", &self.age)?;
        s.serialize_field("ids", &self.ids)?;
        s.serialize_field("inner", &self.inner)?;
        s.end()
    }
}

impl serde::Serialize for Inner {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Inner", 2)?;
        s.serialize_field("y", &self.y)?;
        s.serialize_field("b", &self.b)?;
        s.end()
    }
}

fn filter() -> Filter {
    Filter { zone: "eu west", age: None, ids: vec![3, 1], inner: Some(Inner { y: true, b: 1.5 }) }
}

#[test]
fn percent_encoding_keeps_only_unreserved_characters() {
    assert_eq!(percent_encode("a/b c?d#e%ü"), "a%2Fb%20c%3Fd%23e%25%C3%BC");
    assert_eq!(percent_encode("AZaz09-._~"), "AZaz09-._~");
    assert_eq!(percent_encode("+&=[]"), "%2B%26%3D%5B%5D");
    assert_eq!(percent_encode(""), "");
}

#[test]
fn path_segments_are_simple_style_and_encoded() {
    assert_eq!(path_segment("a/b c?d#e%ü"), "a%2Fb%20c%3Fd%23e%25%C3%BC");
    assert_eq!(path_segment(&42), "42");
    assert_eq!(path_segment(&-7i64), "-7");
    assert_eq!(path_segment(&true), "true");
    assert_eq!(path_segment(&["a b", "c,d"]), "a%20b,c%2Cd");
    assert_eq!(path_segment(&json!({"k": "v w", "n": 1, "gone": null})), "k,v%20w,n,1");
    assert_eq!(path_segment(&None::<String>), "");
    assert_eq!(path_segment(&Some("x")), "x");
}

#[test]
fn query_arrays_per_style_and_explode() {
    let v = ["a", "b c"];
    let repeated = pairs(&[("p", "a"), ("p", "b c")]);
    assert_eq!(query_of(Style::Form, true, &v), repeated);
    assert_eq!(query_of(Style::Form, false, &v), pairs(&[("p", "a,b c")]));
    assert_eq!(query_of(Style::SpaceDelimited, false, &v), pairs(&[("p", "a b c")]));
    assert_eq!(query_of(Style::SpaceDelimited, true, &v), repeated);
    assert_eq!(query_of(Style::PipeDelimited, false, &v), pairs(&[("p", "a|b c")]));
    assert_eq!(query_of(Style::PipeDelimited, true, &v), repeated);
    // deepObject on an array: `p[]` per element, as inside a deep object.
    let bracketed = pairs(&[("p[]", "a"), ("p[]", "b c")]);
    assert_eq!(query_of(Style::DeepObject, true, &v), bracketed);
    assert_eq!(query_of(Style::DeepObject, false, &v), bracketed);
    assert_eq!(query_of(Style::Simple, true, &v), pairs(&[("p", "a,b c")]));
    assert_eq!(query_of(Style::Simple, false, &v), pairs(&[("p", "a,b c")]));
    // Numbers, nulls, nested values inside arrays.
    assert_eq!(query_of(Style::Form, false, &json!([1, 2.5, null, true])), pairs(&[("p", "1,2.5,,true")]));
    assert_eq!(query_of(Style::Form, true, &json!([{"a": 1}, [2]])), pairs(&[("p", r#"{"a":1}"#), ("p", "[2]")]));
    // An empty array: no pair exploded, an empty value otherwise.
    assert_eq!(query_of(Style::Form, true, &Vec::<u8>::new()), vec![]);
    assert_eq!(query_of(Style::Form, false, &Vec::<u8>::new()), pairs(&[("p", "")]));
}

#[test]
fn query_objects_per_style_and_explode_in_declaration_order() {
    let f = filter();
    assert_eq!(query_of(Style::Form, true, &f), pairs(&[("zone", "eu west"), ("ids", "3"), ("ids", "1"), ("inner", r#"{"y":true,"b":1.5}"#)]));
    assert_eq!(query_of(Style::Form, false, &f), pairs(&[("p", r#"zone,eu west,ids,[3,1],inner,{"y":true,"b":1.5}"#)]));
    let inner = Inner { y: false, b: 2.0 };
    assert_eq!(query_of(Style::SpaceDelimited, false, &inner), pairs(&[("p", "y false b 2.0")]));
    assert_eq!(query_of(Style::PipeDelimited, false, &inner), pairs(&[("p", "y|false|b|2.0")]));
    assert_eq!(query_of(Style::PipeDelimited, true, &inner), pairs(&[("y", "false"), ("b", "2.0")]));
    assert_eq!(query_of(Style::Simple, false, &inner), pairs(&[("p", "y,false,b,2.0")]));
    assert_eq!(query_of(Style::Simple, true, &inner), pairs(&[("p", "y=false,b=2.0")]));
    assert_eq!(
        query_of(Style::DeepObject, true, &f),
        pairs(&[("p[zone]", "eu west"), ("p[ids][]", "3"), ("p[ids][]", "1"), ("p[inner][y]", "true"), ("p[inner][b]", "1.5")])
    );
    assert_eq!(
        query_of(Style::DeepObject, true, &json!({"a": {"b": {"c": "d"}}, "e": [{"f": 1}], "g": {}})),
        pairs(&[("p[a][b][c]", "d"), ("p[e][]", r#"{"f":1}"#)])
    );
    assert_eq!(query_of(Style::Form, true, &json!({})), vec![]);
    assert_eq!(query_of(Style::Form, false, &json!({})), pairs(&[("p", "")]));
}

#[test]
fn query_scalars_and_absent_values() {
    for style in [Style::Form, Style::SpaceDelimited, Style::PipeDelimited, Style::DeepObject, Style::Simple] {
        for explode in [true, false] {
            assert_eq!(query_of(style, explode, &true), pairs(&[("p", "true")]));
            assert_eq!(query_of(style, explode, &false), pairs(&[("p", "false")]));
            assert_eq!(query_of(style, explode, &-12i32), pairs(&[("p", "-12")]));
            assert_eq!(query_of(style, explode, &u64::MAX), pairs(&[("p", "18446744073709551615")]));
            assert_eq!(query_of(style, explode, &0.25f64), pairs(&[("p", "0.25")]));
            assert_eq!(query_of(style, explode, "a b&c"), pairs(&[("p", "a b&c")]));
            assert_eq!(query_of(style, explode, &None::<u32>), vec![]);
            assert_eq!(query_of(style, explode, &Some(3u8)), pairs(&[("p", "3")]));
            assert_eq!(query_of(style, explode, &()), vec![]);
        }
    }
    // Pairs append to what is there.
    let mut out = pairs(&[("first", "1")]);
    query(&mut out, "second", Style::Form, true, &2);
    assert_eq!(out, pairs(&[("first", "1"), ("second", "2")]));
}

#[test]
fn query_strings_encode_names_and_values() {
    assert_eq!(query_string(&[]), "");
    assert_eq!(query_string(&pairs(&[("a", "1")])), "a=1");
    assert_eq!(query_string(&pairs(&[("a", "1"), ("b", "x y"), ("p[k][]", "é&=+/"), ("empty", "")])), "a=1&b=x%20y&p%5Bk%5D%5B%5D=%C3%A9%26%3D%2B%2F&empty=");
}

#[test]
fn header_values_are_simple_and_not_encoded() {
    assert_eq!(header_value("a b/c").as_deref(), Some("a b/c"));
    assert_eq!(header_value(&5).as_deref(), Some("5"));
    assert_eq!(header_value(&false).as_deref(), Some("false"));
    assert_eq!(header_value(&["x", "y z"]).as_deref(), Some("x,y z"));
    assert_eq!(header_value(&json!({"k": "v", "n": null, "m": 1})).as_deref(), Some("k,v,m,1"));
    assert_eq!(header_value(&None::<String>), None);
    assert_eq!(header_value(&Some("")).as_deref(), Some(""));
}

#[test]
fn header_values_cannot_end_the_header() {
    assert_eq!(header_value("a\r\nX-Injected: 1").as_deref(), Some("a  X-Injected: 1"));
    assert_eq!(header_value("nul\0 bell\u{7} del\u{7f} tab\t").as_deref(), Some("nul  bell  del  tab\t"));
    assert_eq!(header_value(&["x\n", "é"]).as_deref(), Some("x ,é"));
}

#[test]
fn cookie_headers_keep_cookie_octets_and_encode_the_rest() {
    assert_eq!(cookie_header(&[]), None);
    assert_eq!(cookie_header(&pairs(&[("session", "s1"), ("b64", "a+b/c==")])).as_deref(), Some("session=s1; b64=a+b/c=="));
    assert_eq!(
        cookie_header(&pairs(&[("k", "a; evil=1"), ("q", "\"x,y\\\r\n%"), ("n=m", "é")])).as_deref(),
        Some("k=a%3B%20evil=1; q=%22x%2Cy%5C%0D%0A%25; n%3Dm=%C3%A9")
    );
}

fn text_and_file() -> Vec<Part> {
    vec![
        Part { name: "purpose".into(), filename: None, content_type: None, bytes: b"fine-tune".to_vec() },
        Part { name: "file".into(), filename: Some("data.jsonl".into()), content_type: Some("application/jsonl".into()), bytes: b"{\"a\":1}\n".to_vec() },
    ]
}

#[test]
fn multipart_bodies_are_byte_exact() {
    let body = encode_multipart(&text_and_file(), "XyZ");
    let expected = "--XyZ\r\n\
        Content-Disposition: form-data; name=\"purpose\"\r\n\
        \r\n\
        fine-tune\r\n\
        --XyZ\r\n\
        Content-Disposition: form-data; name=\"file\"; filename=\"data.jsonl\"\r\n\
        Content-Type: application/jsonl\r\n\
        \r\n\
        {\"a\":1}\n\r\n\
        --XyZ--\r\n";
    assert_eq!(String::from_utf8(body).unwrap(), expected);
    assert_eq!(encode_multipart(&[], "b"), b"--b--\r\n");
}

#[test]
fn multipart_names_and_filenames_are_escaped() {
    let part = Part {
        name: "a\"b".into(),
        filename: Some("x\"y\r\nContent-Type: evil.txt".into()),
        content_type: Some("text/plain\r\nX-Evil: 1".into()),
        bytes: b"q".to_vec(),
    };
    let body = String::from_utf8(encode_multipart(&[part], "B")).unwrap();
    assert_eq!(
        body,
        "--B\r\nContent-Disposition: form-data; name=\"a%22b\"; filename=\"x%22y%0D%0AContent-Type: evil.txt\"\r\n\
         Content-Type: text/plainX-Evil: 1\r\n\r\nq\r\n--B--\r\n"
    );
}

#[test]
fn value_parts_per_json_type() {
    let mut out = Vec::new();
    value_parts("s", "text", None, &mut out);
    value_parts("n", &2.5, None, &mut out);
    value_parts("i", &7, None, &mut out);
    value_parts("b", &true, None, &mut out);
    value_parts("absent", &None::<String>, None, &mut out);
    value_parts("list", &json!(["x", 1, null, {"k": "v"}]), None, &mut out);
    value_parts("obj", &Inner { y: true, b: 0.5 }, None, &mut out);
    value_parts("typed", &json!({"k": 1}), Some("application/vnd.x+json"), &mut out);
    value_parts("typed_text", "t", Some("text/csv"), &mut out);
    let text = |name: &str, bytes: &str| Part { name: name.into(), filename: None, content_type: None, bytes: bytes.as_bytes().to_vec() };
    let typed = |name: &str, ct: &str, bytes: &str| Part { name: name.into(), filename: None, content_type: Some(ct.into()), bytes: bytes.as_bytes().to_vec() };
    assert_eq!(
        out,
        vec![
            text("s", "text"),
            text("n", "2.5"),
            text("i", "7"),
            text("b", "true"),
            text("list", "x"),
            text("list", "1"),
            typed("list", "application/json", r#"{"k":"v"}"#),
            typed("obj", "application/json", r#"{"y":true,"b":0.5}"#),
            typed("typed", "application/vnd.x+json", r#"{"k":1}"#),
            typed("typed_text", "text/csv", "t"),
        ]
    );
}

#[test]
fn object_parts_give_each_property_its_value_parts() {
    let text = |name: &str, bytes: &str| Part { name: name.into(), filename: None, content_type: None, bytes: bytes.as_bytes().to_vec() };
    assert_eq!(
        object_parts(&filter()),
        vec![
            text("zone", "eu west"),
            text("ids", "3"),
            text("ids", "1"),
            Part { content_type: Some("application/json".into()), ..text("inner", r#"{"y":true,"b":1.5}"#) },
        ]
    );
    assert_eq!(object_parts(&json!({"k": "v", "n": null})), vec![text("k", "v")]);
    assert_eq!(object_parts(&None::<Inner>), vec![]);
    assert_eq!(object_parts("text"), vec![]);
}

#[test]
fn file_parts_take_the_files_content_type_then_the_encoding_then_octet_stream() {
    let own = File::new("a.png", vec![1u8, 2]).with_content_type("image/png");
    let bare = File::new("b.bin", b"xy".to_vec());
    let mut out = Vec::new();
    own.file_parts("f", Some("image/jpeg"), &mut out);
    bare.file_parts("f", Some("image/jpeg"), &mut out);
    bare.file_parts("f", None, &mut out);
    let part = |filename: &str, ct: &str, bytes: &[u8]| Part {
        name: "f".into(),
        filename: Some(filename.into()),
        content_type: Some(ct.into()),
        bytes: bytes.to_vec(),
    };
    assert_eq!(out, vec![part("a.png", "image/png", &[1, 2]), part("b.bin", "image/jpeg", b"xy"), part("b.bin", "application/octet-stream", b"xy")]);
    // What holds files.
    let mut out = Vec::new();
    None::<File>.file_parts("none", None, &mut out);
    assert!(out.is_empty());
    Some(bare.clone()).file_parts("some", None, &mut out);
    vec![bare.clone(), own.clone()].file_parts("many", None, &mut out);
    Box::new(Some(vec![bare.clone()])).file_parts("boxed", None, &mut out);
    let names: Vec<(&str, &str)> = out.iter().map(|p| (p.name.as_str(), p.filename.as_deref().unwrap())).collect();
    assert_eq!(names, [("some", "b.bin"), ("many", "b.bin"), ("many", "a.png"), ("boxed", "b.bin")]);
}

#[test]
fn files_are_json_strings() {
    let file = File::new("x.txt", b"hi \xFF".to_vec()).with_content_type("text/plain");
    assert_eq!(serde_json::to_string(&file).unwrap(), "\"hi \u{FFFD}\"");
    let read: File = serde_json::from_str("\"content\"").unwrap();
    assert_eq!(read, File { filename: String::new(), content_type: None, bytes: b"content".to_vec() });
    assert!(serde_json::from_str::<File>("1").is_err());
}

/// A multipart body as the generator writes one.
struct Upload {
    purpose: String,
    file: File,
    extra: Option<Vec<File>>,
}

impl Multipart for Upload {
    fn parts(&self) -> Vec<Part> {
        let mut out = Vec::new();
        value_parts("purpose", &self.purpose, None, &mut out);
        self.file.file_parts("file", None, &mut out);
        self.extra.file_parts("extra", None, &mut out);
        out
    }
}

#[test]
fn payloads_encode_with_their_content_types() {
    assert_eq!(Payload::None.content_type(), None);
    assert_eq!(Payload::None.encode(), None);

    let body = Payload::json(&Inner { y: true, b: 1.0 });
    assert_eq!(body, Payload::Json(br#"{"y":true,"b":1.0}"#.to_vec()));
    assert_eq!(body.content_type().as_deref(), Some("application/json"));
    assert_eq!(body.encode(), Some(("application/json".into(), br#"{"y":true,"b":1.0}"#.to_vec())));

    let form = Payload::form(&filter());
    assert_eq!(form, Payload::Form(pairs(&[("zone", "eu west"), ("ids", "3"), ("ids", "1"), ("y", "true"), ("b", "1.5")])));
    assert_eq!(form.content_type().as_deref(), Some("application/x-www-form-urlencoded"));
    assert_eq!(form.encode(), Some(("application/x-www-form-urlencoded".into(), b"zone=eu%20west&ids=3&ids=1&y=true&b=1.5".to_vec())));
    assert_eq!(Payload::form(&[1, 2]), Payload::Form(vec![]));

    let bytes = Payload::bytes("image/png", vec![0u8, 1]);
    assert_eq!(bytes.content_type().as_deref(), Some("image/png"));
    assert_eq!(bytes.encode(), Some(("image/png".into(), vec![0, 1])));

    let upload = Upload { purpose: "batch".into(), file: File::new("in.jsonl", b"{}".to_vec()), extra: None };
    let multipart = Payload::multipart(&upload);
    assert_eq!(multipart.content_type(), None);
    let Payload::Multipart(parts) = &multipart else { panic!("{multipart:?}") };
    assert_eq!(parts.len(), 2);
    let (content_type, body) = multipart.encode().unwrap();
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").unwrap();
    assert_eq!(body, encode_multipart(parts, boundary));
}

#[test]
fn multipart_boundaries_do_not_occur_in_the_parts() {
    let first = match Payload::Multipart(text_and_file()).encode() {
        Some((content_type, _)) => content_type,
        None => panic!(),
    };
    let taken = first.strip_prefix("multipart/form-data; boundary=").unwrap().to_owned();
    let part = Part { name: "f".into(), filename: None, content_type: None, bytes: format!("x{taken}y").into_bytes() };
    let (content_type, body) = Payload::Multipart(vec![part.clone()]).encode().unwrap();
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").unwrap();
    assert_ne!(boundary, taken);
    assert!(boundary.len() <= 70);
    assert_eq!(body, encode_multipart(&[part], boundary));
}

#[test]
fn essence_drops_parameters_and_case() {
    assert_eq!(essence("Application/JSON; charset=utf-8"), "application/json");
    assert_eq!(essence("  text/Event-Stream  "), "text/event-stream");
    assert_eq!(essence("text/plain ;charset=x"), "text/plain");
    assert_eq!(essence(""), "");
}

#[test]
fn decoding_documented_and_undocumented_responses() {
    let ok: Reply<Value, Value> = ok(200, "application/json", br#"{"id": 1}"#).unwrap();
    assert_eq!(ok, Reply::Ok { status: 200, body: json!({"id": 1}) });
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.clone().ok(), Some(json!({"id": 1})));
    assert_eq!(ok.into_result().unwrap(), json!({"id": 1}));

    let err: Reply<Value, Value> = err(404, "application/json", br#"{"error": "nope"}"#).unwrap();
    assert_eq!(err, Reply::Err { status: 404, body: json!({"error": "nope"}) });
    assert_eq!(err.status(), 404);
    assert_eq!(err.clone().ok(), None);
    let failure = err.into_result().unwrap_err();
    assert_eq!(failure.to_string(), r#"the API answered 404: Object {"error": String("nope")}"#);

    let other: Reply<Value, Value> = other(502, "text/html", b"<h1>bad gateway</h1>").unwrap();
    assert_eq!(other, Reply::Other(Raw::new(502, "text/html", b"<h1>bad gateway</h1>")));
    assert_eq!(other.status(), 502);
    let failure = other.into_result().unwrap_err();
    assert_eq!(failure.status(), 502);
    assert_eq!(failure.to_string(), "the API answered 502 with an undocumented response (text/html, 20 bytes)");
    let boxed: Box<dyn std::error::Error> = Box::new(failure);
    assert!(boxed.to_string().contains("502"));
}

#[test]
fn a_body_that_does_not_read_keeps_everything() {
    let error = ok::<u32, ()>(200, "application/json; charset=utf-8", b"{\"not\": \"a number\"}").unwrap_err();
    assert_eq!(error.status, 200);
    assert_eq!(error.content_type, "application/json; charset=utf-8");
    assert_eq!(error.body, b"{\"not\": \"a number\"}");
    assert!(error.error.is_data());
    assert!(error.to_string().starts_with("the 200 response does not read as its documented type: invalid type: map"), "{error}");
    let source = std::error::Error::source(&error).unwrap();
    assert_eq!(source.to_string(), error.error.to_string());
    let error = err::<(), u32>(500, "", b"oops").unwrap_err();
    assert_eq!((error.status, error.body.as_slice()), (500, &b"oops"[..]));
    assert!(error.error.is_syntax());
}

#[test]
fn an_empty_body_reads_as_null_when_the_type_takes_it() {
    json::<()>(204, "", b"").unwrap();
    assert_eq!(json::<Option<u32>>(200, "application/json", b" \r\n").unwrap(), None);
    assert_eq!(json::<u32>(200, "application/json", b" 5 ").unwrap(), 5);
    // A type that does not take null reports the empty body as it is.
    let error = json::<u32>(200, "application/json", b"").unwrap_err();
    assert!(error.error.is_eof(), "{error}");
    assert!(error.body.is_empty());
}

/// A stream with every rule in it: a byte order mark, the three line
/// breaks, comments, `retry`, `event` and `id` (kept across events, reset
/// by an empty `id`, a NUL one ignored), multi-line data, a field without a
/// colon, data that does not read, `[DONE]`, and a last event that no blank
/// line ends.
const STREAM: &[u8] = b"\xEF\xBB\xBF: a comment\r\n\
    retry: 1000\r\n\
    event: greeting\r\n\
    id: 1\r\n\
    data: {\"text\": \"h\xC3\xA9llo \xF0\x9F\x98\x80\"}\r\n\
    \r\n\
    data: [1,\n\
    data:2]\n\
    unknown: field\n\
    \n\
    id\r\
    data: not json\r\
    \r\
    event: lonely\n\
    \n\
    id: a\0b\n\
    data\n\
    \n\
    data: [DONE]\n\
    \n\
    data: \"last\"";

fn stream_events() -> Vec<Event<Value>> {
    vec![
        Event::Data { event: Some("greeting".into()), id: Some("1".into()), data: json!({"text": "héllo 😀"}) },
        Event::Data { event: None, id: Some("1".into()), data: json!([1, 2]) },
        Event::Unknown { event: None, id: None, data: "not json".into(), error: "expected ident at line 1 column 2".into() },
        Event::Unknown { event: None, id: None, data: String::new(), error: "EOF while parsing a value at line 1 column 0".into() },
        Event::Done,
        Event::Data { event: None, id: None, data: json!("last") },
    ]
}

#[test]
fn server_sent_events_of_a_whole_body() {
    assert_eq!(Events::<Value>::decode_all(STREAM), stream_events());
}

#[test]
fn server_sent_events_split_anywhere_read_the_same() {
    let expected = stream_events();
    // Every split in two (inside a CRLF, a UTF-8 character, the BOM...).
    for at in 0..=STREAM.len() {
        let (first, second) = STREAM.split_at(at);
        let mut events = Events::<Value>::new();
        let mut out = events.feed(first);
        out.extend(events.feed(&[]));
        out.extend(events.feed(second));
        out.extend(events.finish());
        assert_eq!(out, expected, "split at {at}");
    }
    // Every split in three, and byte by byte.
    for i in 0..=STREAM.len() {
        for j in i..=STREAM.len() {
            let mut events = Events::<Value>::default();
            let mut out = events.feed(&STREAM[..i]);
            out.extend(events.feed(&STREAM[i..j]));
            out.extend(events.feed(&STREAM[j..]));
            out.extend(events.finish());
            assert_eq!(out, expected, "split at {i} and {j}");
        }
    }
    let mut events = Events::<Value>::new();
    let mut out: Vec<_> = STREAM.chunks(1).flat_map(|byte| events.feed(byte)).collect();
    out.extend(events.finish());
    assert_eq!(out, expected);
}

#[test]
fn server_sent_events_are_given_as_soon_as_a_blank_line_ends_them() {
    let mut events = Events::<u32>::new();
    assert_eq!(events.feed(b"data: 1\n"), vec![]);
    assert_eq!(events.feed(b"\ndata: 2\r"), vec![Event::Data { event: None, id: None, data: 1 }]);
    // The CR may be followed by an LF: that is still one line break.
    assert_eq!(events.feed(b"\r"), vec![Event::Data { event: None, id: None, data: 2 }]);
    assert_eq!(events.feed(b"\n\n"), vec![]);
    assert_eq!(events.finish(), vec![]);
}

#[test]
fn a_long_line_in_small_chunks_is_read_once() {
    let text = "x".repeat(1 << 20);
    let stream = format!("data: \"{text}\"\r\n\r\ndata: 1\r\n");
    let mut events = Events::<Value>::new();
    let mut out: Vec<_> = stream.as_bytes().chunks(3).flat_map(|chunk| events.feed(chunk)).collect();
    out.extend(events.finish());
    assert_eq!(out, vec![Event::Data { event: None, id: None, data: Value::String(text) }, Event::Data { event: None, id: None, data: json!(1) }]);
}

#[test]
fn server_sent_events_edge_cases() {
    // Nothing at all, only a comment, a lone partial BOM, an event with no data.
    assert_eq!(Events::<Value>::decode_all(b""), vec![]);
    assert_eq!(Events::<Value>::decode_all(b": keep-alive\n\n"), vec![]);
    assert_eq!(Events::<Value>::decode_all(b"\xEF\xBB"), vec![]);
    assert_eq!(Events::<Value>::decode_all(b"event: e\nid: 9\n\n"), vec![]);
    // A BOM is dropped only at the very start; later it is part of the line.
    assert_eq!(Events::<u8>::decode_all(b"\xEF\xBB\xBFdata: 1\n\n"), vec![Event::Data { event: None, id: None, data: 1 }]);
    assert_eq!(Events::<u8>::decode_all(b"\n\xEF\xBB\xBFdata: 1\n\n"), vec![]);
    // Only one space after the colon is dropped.
    assert_eq!(Events::<Value>::decode_all(b"data:  \"x\"\n\n"), vec![Event::Data { event: None, id: None, data: json!("x") }]);
    // `[DONE]` exactly: with more it is data like any other.
    assert!(matches!(Events::<Value>::decode_all(b"data: [DONE] \n\n").as_slice(), [Event::Unknown { .. }]));
    // The id set before an event stays; the type does not.
    assert_eq!(
        Events::<u8>::decode_all(b"id: 7\nevent: a\ndata: 1\n\ndata: 2\n\n"),
        vec![Event::Data { event: Some("a".into()), id: Some("7".into()), data: 1 }, Event::Data { event: None, id: Some("7".into()), data: 2 },]
    );
    // Invalid UTF-8 is replaced, not an error.
    assert_eq!(Events::<String>::decode_all(b"data: \"\xFF\"\n\n"), vec![Event::Data { event: None, id: None, data: "\u{FFFD}".into() }]);
    // A payload of the wrong type is kept.
    assert_eq!(
        Events::<u8>::decode_all(b"event: error\ndata: {\"message\": \"x\"}"),
        vec![Event::Unknown {
            event: Some("error".into()),
            id: None,
            data: "{\"message\": \"x\"}".into(),
            error: "invalid type: map, expected u8 at line 1 column 0".into(),
        }]
    );
}

/// An operation as the generator writes one.
struct GetItem {
    id: String,
    tags: Vec<String>,
    limit: Option<u32>,
    trace: Option<String>,
}

impl Operation for GetItem {
    const METHOD: &'static str = "GET";
    const PATH: &'static str = "/items/{id}";
    type Body = ();
    type Output = Value;
    type Error = Value;

    fn path(&self) -> String {
        format!("/items/{}", path_segment(&self.id))
    }

    fn query(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        query(&mut out, "tags", Style::Form, true, &self.tags);
        query(&mut out, "limit", Style::Form, true, &self.limit);
        out
    }

    fn headers(&self) -> Vec<(String, String)> {
        header_value(&self.trace).map(|value| ("X-Trace".to_owned(), value)).into_iter().collect()
    }

    fn decode(status: u16, content_type: &str, body: &[u8]) -> Result<Reply<Value, Value>, DecodeError> {
        match (status, essence(content_type).as_str()) {
            (200, "application/json") => ok(status, content_type, body),
            (404, "application/json") => err(status, content_type, body),
            _ => other(status, content_type, body),
        }
    }
}

/// A streaming operation that takes defaults.
struct Chat;

impl Operation for Chat {
    const METHOD: &'static str = "POST";
    const PATH: &'static str = "/chat";
    type Body = ();
    type Output = Value;
    type Error = std::convert::Infallible;

    fn path(&self) -> String {
        Self::PATH.to_owned()
    }

    fn decode(status: u16, content_type: &str, body: &[u8]) -> Result<Reply<Value, std::convert::Infallible>, DecodeError> {
        match status {
            200 => ok(status, content_type, body),
            _ => other(status, content_type, body),
        }
    }
}

impl Streaming for Chat {
    type Event = Value;
}

#[test]
fn operations_give_a_request_and_read_its_response() {
    let op = GetItem { id: "a/b".into(), tags: vec!["x".into(), "y z".into()], limit: None, trace: Some("t-1".into()) };
    assert_eq!((GetItem::METHOD, GetItem::PATH), ("GET", "/items/{id}"));
    assert_eq!(op.path(), "/items/a%2Fb");
    assert_eq!(query_string(&op.query()), "tags=x&tags=y%20z");
    assert_eq!(op.headers(), pairs(&[("X-Trace", "t-1")]));
    assert_eq!(op.payload(), Payload::None);
    assert_eq!(GetItem::decode(200, "application/json", b"[1]").unwrap(), Reply::Ok { status: 200, body: json!([1]) });
    assert_eq!(GetItem::decode(404, "Application/Json; charset=UTF-8", b"{}").unwrap(), Reply::Err { status: 404, body: json!({}) });
    assert_eq!(GetItem::decode(200, "text/plain", b"hi").unwrap(), Reply::Other(Raw::new(200, "text/plain", b"hi")));

    assert_eq!(Chat.query(), vec![]);
    assert_eq!(Chat.headers(), vec![]);
    assert_eq!(Chat.payload().encode(), None);
    assert_eq!(Chat.path(), "/chat");
    let mut events = Chat::events();
    assert_eq!(events.feed(b"data: {\"a\": 1}\n\ndata: [DONE]\n\n"), vec![Event::Data { event: None, id: None, data: json!({"a": 1}) }, Event::Done]);
    match Chat::decode(500, "", b"").unwrap().into_result() {
        Err(Reply::Other(raw)) => assert_eq!(raw, Raw::new(500, "", b"")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_emitted_module_parses_and_carries_no_plain_comments() {
    let text = super::api_source();
    assert!(text.starts_with("//! Calling the API's operations"), "{text}");
    assert!(text.contains("pub trait Operation") && text.contains("pub fn encode_multipart("));
    for line in text.lines() {
        let line = line.trim();
        assert!(!line.starts_with("//") || line.starts_with("///") || line.starts_with("//!"), "{line}");
    }
    let tokens = super::api_module(true, false).unwrap();
    let file = syn::parse2::<syn::File>(tokens).unwrap();
    let [syn::Item::Mod(module)] = file.items.as_slice() else { panic!("{:?}", file.items.len()) };
    assert_eq!(module.ident, "api");
    assert!(matches!(module.vis, syn::Visibility::Public(_)));
    let (_, items) = module.content.as_ref().unwrap();
    assert!(items.iter().any(|item| matches!(item, syn::Item::Trait(t) if t.ident == "Streaming")));
    // The module's docs open it: inner attributes.
    assert!(module.attrs.len() > 10);
    assert!(module.attrs.iter().all(|attr| matches!(attr.style, syn::AttrStyle::Inner(_)) && attr.path().is_ident("doc")));
    let formatted = prettyplease::unparse(&file);
    assert!(formatted.contains("//! Calling the API's operations"), "{formatted}");
}
