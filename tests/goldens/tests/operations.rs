//! What the `endpoints` fixture's operation types do: paths, query pairs by
//! style, headers, payloads of every media type, and decoding by status.

use api::{Event, Operation, Payload, Reply, Streaming};
use golden_check::endpoints::{api, operations as ops, Error, NewPet, Pet};

#[test]
fn path_parameters_are_percent_encoded_segments() {
    let op = ops::GetPhoto::new("rex/2 ü", 7);
    assert_eq!(op.path(), "/pets/rex%2F2%20%C3%BC/photos/7");
    assert_eq!(ops::GetPhoto::PATH, "/pets/{pet_id}/photos/{photo_id}");
    assert_eq!(ops::GetPhoto::METHOD, "GET");
}

#[test]
fn query_pairs_follow_style_and_explode() {
    let op = ops::ListPets {
        limit: Some(10),
        tags: Some(vec!["a b".into(), "c".into()]),
        ids: Some(vec![1, 2, 3]),
        sizes: Some(vec!["s".into(), "m".into()]),
        filter: Some(ops::ListPetsFilter { kind: Some("cat".into()), min_age: Some(2), ..Default::default() }),
        order: Some(ops::ListPetsOrder::Desc),
        verbose: Some(false),
        ..ops::ListPets::new(vec!["x".to_owned()])
    };
    let query = op.query();
    let pairs: Vec<(&str, &str)> = query.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(
        pairs,
        [
            ("limit", "10"),
            ("tags", "a b"),
            ("tags", "c"),
            ("ids", "1,2,3"),
            ("sizes", "s|m"),
            ("filter[kind]", "cat"),
            ("filter[min_age]", "2"),
            ("order", "desc"),
            ("verbose", "false"),
        ]
    );
    assert_eq!(
        api::query_string(&op.query()),
        "limit=10&tags=a%20b&tags=c&ids=1%2C2%2C3&sizes=s%7Cm&filter%5Bkind%5D=cat&filter%5Bmin_age%5D=2&order=desc&verbose=false"
    );
    // Optional parameters left out give no pair.
    assert!(ops::ListPets::new(Vec::<String>::new()).query().is_empty());
}

#[test]
fn headers_and_cookies() {
    let op = ops::ListPets { x_trace_id: Some("t-1".into()), session: Some("s1".into()), ..ops::ListPets::new(vec!["a".to_owned(), "b".to_owned()]) };
    assert_eq!(
        op.headers(),
        vec![("X-Trace-Id".to_owned(), "t-1".to_owned()), ("X-Flags".to_owned(), "a,b".to_owned()), ("cookie".to_owned(), "session=s1".to_owned())]
    );
    // Values from outside cannot end a header or a cookie pair.
    let op = ops::ListPets { x_trace_id: Some("t\r\nX-Admin: yes".into()), session: Some("s; admin=1".into()), ..ops::ListPets::new(vec![]) };
    assert_eq!(
        op.headers(),
        vec![
            ("X-Trace-Id".to_owned(), "t  X-Admin: yes".to_owned()),
            ("X-Flags".to_owned(), String::new()),
            ("cookie".to_owned(), "session=s%3B%20admin=1".to_owned())
        ]
    );
}

#[test]
fn a_template_with_a_query_of_its_own() {
    let op = ops::PetEvents { after: Some("e1".into()), ..ops::PetEvents::new("p 1") };
    assert_eq!(op.path(), "/pets/p%201/events");
    assert_eq!(op.query(), vec![("beta".to_owned(), "true".to_owned()), ("after".to_owned(), "e1".to_owned())]);
}

#[test]
fn json_body() {
    let op = ops::CreatePet::new(NewPet::new("Rex"));
    assert_eq!(op.payload(), Payload::Json(br#"{"name":"Rex"}"#.to_vec()));
    let (content_type, bytes) = op.payload().encode().expect("a body");
    assert_eq!((content_type.as_str(), bytes.as_slice()), ("application/json", &br#"{"name":"Rex"}"#[..]));
    assert_eq!(ops::ListPets::new(Vec::<String>::new()).payload(), Payload::None);
}

/// A part as (name, filename, content type, bytes).
type PartView<'a> = (&'a str, Option<&'a str>, Option<&'a str>, &'a [u8]);

#[test]
fn multipart_body_lists_its_parts() {
    let body = ops::PhotoMultipart {
        thumbnail: Some(api::File::new("t.png", vec![1, 2])),
        caption: Some("my \"pet\"".into()),
        meta: Some(ops::PhotoMeta { taken: Some(5), ..Default::default() }),
        labels: Some(vec!["a".into(), "b".into()]),
        ..ops::PhotoMultipart::new(vec![api::File::new("a.jpg", vec![9]).with_content_type("image/jpeg"), api::File::new("b.bin", vec![8])])
    };
    let op = ops::UploadPhoto::new("rex", "p1", body);
    let Payload::Multipart(parts) = op.payload() else { panic!("not multipart: {:?}", op.payload()) };
    let listed: Vec<PartView> = parts.iter().map(|p| (p.name.as_str(), p.filename.as_deref(), p.content_type.as_deref(), p.bytes.as_slice())).collect();
    assert_eq!(
        listed,
        [
            // An array of files is one part per file, under the same name.
            ("image", Some("a.jpg"), Some("image/jpeg"), &[9u8][..]),
            ("image", Some("b.bin"), Some("application/octet-stream"), &[8u8][..]),
            // The spec's `encoding` gives the thumbnail's content type.
            ("thumbnail", Some("t.png"), Some("image/png"), &[1u8, 2][..]),
            ("caption", None, None, &b"my \"pet\""[..]),
            ("meta", None, Some("application/json"), &br#"{"taken":5}"#[..]),
            ("labels", None, None, &b"a"[..]),
            ("labels", None, None, &b"b"[..]),
        ]
    );
    let (content_type, bytes) = op.payload().encode().expect("a body");
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").expect("a boundary");
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.starts_with(&format!("--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")),
        "{text}"
    );
    assert!(text.ends_with(&format!("--{boundary}--\r\n")), "{text}");

    // The other media type of the same body: raw bytes.
    let op = ops::UploadPhoto::new("rex", "p1", vec![1u8, 2, 3]);
    assert_eq!(op.payload(), Payload::Bytes { content_type: "application/octet-stream".into(), bytes: vec![1, 2, 3] });
}

#[test]
fn form_body_by_encoding() {
    let form = ops::PostFormsFormRequest {
        name: Some("n".into()),
        metadata: Some([("k".to_owned(), "v".to_owned())].into()),
        expand: Some(vec!["a".into(), "b".into()]),
        ..Default::default()
    };
    let op = ops::PostForms { body: Some(form.into()) };
    let Payload::Form(pairs) = op.payload() else { panic!("not a form") };
    assert_eq!(pairs, [("name", "n"), ("metadata[k]", "v"), ("expand[]", "a"), ("expand[]", "b")].map(|(k, v)| (k.to_owned(), v.to_owned())));
    assert_eq!(
        ops::PostForms { body: Some("plain".to_owned().into()) }.payload(),
        Payload::Bytes { content_type: "text/plain".into(), bytes: b"plain".to_vec() }
    );
    assert_eq!(ops::PostForms::default().payload(), Payload::None);
}

#[test]
fn one_success_type_and_one_error_type() {
    let pets = br#"[{"id": "1", "name": "Rex"}]"#;
    match ops::ListPets::decode(200, "application/json", pets).unwrap() {
        Reply::Ok { status: 200, body } => assert_eq!(body, vec![Pet::new("1", "Rex")]),
        other => panic!("{other:?}"),
    }
    // `4XX` and `default` hold the same type: one `Error`, with its status.
    for status in [404, 500] {
        match ops::ListPets::decode(status, "application/json", br#"{"message": "no"}"#).unwrap() {
            Reply::Err { status: s, body } => assert_eq!((s, body), (status, Error::new("no"))),
            other => panic!("{other:?}"),
        }
    }
    // A documented body that does not read keeps what came.
    let e = ops::ListPets::decode(200, "application/json", b"{oops").unwrap_err();
    assert_eq!((e.status, e.body.as_slice()), (200, &b"{oops"[..]));
}

#[test]
fn several_statuses_each_a_variant() {
    match ops::CreatePet::decode(201, "application/json", br#"{"id": "1", "name": "Rex"}"#).unwrap() {
        Reply::Ok { body: ops::CreatePetOutput::Status201(pet), .. } => assert_eq!(pet.name, "Rex"),
        other => panic!("{other:?}"),
    }
    assert_eq!(ops::CreatePet::decode(202, "", b"").unwrap(), Reply::Ok { status: 202, body: ops::CreatePetOutput::Status202(()) });
    match ops::CreatePet::decode(409, "application/json", br#"{"existing": "1"}"#).unwrap() {
        Reply::Err { body: ops::CreatePetError::Status409(conflict), .. } => assert_eq!(conflict.existing.as_deref(), Some("1")),
        other => panic!("{other:?}"),
    }
    match ops::CreatePet::decode(422, "application/json", br#"{"message": "bad"}"#).unwrap() {
        Reply::Err { body: ops::CreatePetError::Status422(e), .. } => assert_eq!(e.message, "bad"),
        other => panic!("{other:?}"),
    }
    // Undocumented: kept raw.
    assert_eq!(ops::CreatePet::decode(500, "text/html", b"<p>").unwrap(), Reply::Other(api::Raw::new(500, "text/html", b"<p>")));
    assert_eq!(ops::UploadPhoto::decode(204, "", b"").unwrap(), Reply::Ok { status: 204, body: () });
}

#[test]
fn a_code_takes_precedence_over_its_range() {
    assert_eq!(ops::PostForms::decode(200, "", b"").unwrap(), Reply::Ok { status: 200, body: ops::PostFormsOutput::Status200(()) });
    for status in [201, 299] {
        match ops::PostForms::decode(status, "application/json", br#"{"url": "u"}"#).unwrap() {
            Reply::Ok { status: s, body: ops::PostFormsOutput::Status2xx(photo) } => assert_eq!((s, photo.url.as_deref()), (status, Some("u"))),
            other => panic!("{other:?}"),
        }
    }
    assert!(matches!(ops::PostForms::decode(300, "", b"").unwrap(), Reply::Other(_)));
}

#[test]
fn several_media_types_chosen_by_content_type() {
    match ops::GetPhoto::decode(200, "image/png", &[137, 80]).unwrap() {
        Reply::Ok { body: ops::GetPhotoOutput::Png(bytes), .. } => assert_eq!(bytes, vec![137, 80]),
        other => panic!("{other:?}"),
    }
    match ops::GetPhoto::decode(200, "Application/JSON; charset=utf-8", br#"{"url": "u"}"#).unwrap() {
        Reply::Ok { body: ops::GetPhotoOutput::Json(photo), .. } => assert_eq!(photo.url.as_deref(), Some("u")),
        other => panic!("{other:?}"),
    }
    match ops::GetPhoto::decode(200, "text/plain", b"hi").unwrap() {
        Reply::Ok { body: ops::GetPhotoOutput::Plain(text), .. } => assert_eq!(text, "hi"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(ops::GetPhoto::decode(200, "video/mp4", b"").unwrap(), Reply::Other(_)));
}

#[test]
fn event_streams() {
    let mut events = ops::PetEvents::events();
    let mut got = events.feed(b"event: born\ndata: {\"type\": \"born\",");
    assert!(got.is_empty());
    got.extend(events.feed(b" \"pet_id\": \"p\"}\n\n: ping\n\ndata: not json\n\ndata: [DONE]\n\n"));
    got.extend(events.finish());
    assert_eq!(got.len(), 3);
    match &got[0] {
        Event::Data { event, data, .. } => assert_eq!((event.as_deref(), data.pet_id.as_deref(), data.r#type.as_str()), (Some("born"), Some("p"), "born")),
        other => panic!("{other:?}"),
    }
    assert!(matches!(&got[1], Event::Unknown { data, .. } if data == "not json"));
    assert_eq!(got[2], Event::Done);
    // The whole body through `decode`, and the documented 404 from a shared response.
    match ops::PetEvents::decode(200, "text/event-stream", b"data: {\"type\": \"t\"}\n\n").unwrap() {
        Reply::Ok { body: ops::PetEventsOutput::Events(all), .. } => assert_eq!(all.len(), 1),
        other => panic!("{other:?}"),
    }
    assert!(
        matches!(ops::PetEvents::decode(404, "application/json", br#"{"message": "gone"}"#).unwrap(), Reply::Err { status: 404, body } if body.message == "gone")
    );
}
