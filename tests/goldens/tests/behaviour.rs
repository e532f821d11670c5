//! What the generated types of each golden (`codegen/tests/fixtures/<case>/`)
//! do at run time: one module per case, each test asserting concrete values.

use golden_check as g;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use std::fmt::Debug;

/// Parse `json` from text, as a client reads a response.
fn parse<T: DeserializeOwned>(json: &Value) -> T {
    serde_json::from_str(&json.to_string()).unwrap_or_else(|e| panic!("cannot parse {json}: {e}"))
}

/// Why `json` does not parse as `T`; panics if it does.
fn parse_err<T: DeserializeOwned + Debug>(json: &Value) -> String {
    match serde_json::from_str::<T>(&json.to_string()) {
        Ok(v) => panic!("expected {json} to be rejected, got {v:?}"),
        Err(e) => e.to_string(),
    }
}

fn to_json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("generated types serialize")
}

/// Parse `json`, check that it serializes back to exactly `json`, return it.
fn round_trip<T: Serialize + DeserializeOwned>(json: Value) -> T {
    let parsed: T = parse(&json);
    assert_eq!(to_json(&parsed), json, "round trip changed the JSON");
    parsed
}

/// The `endpoints` fixture: operation types, over no network.
#[path = "operations.rs"]
mod operations;

mod constants {
    use super::*;
    use g::constants::{Batch, Counters, Errors, Ping};

    fn batch() -> Batch {
        Batch::new("b1", None)
    }

    #[test]
    fn new_fills_in_the_constants_which_are_written_as_fields() {
        let b = batch();
        assert_eq!((&*b.object, &*b.status_kind, b.metadata.as_deref()), ("batch", "job", None));
        assert!(b.extra.is_empty());
        assert_eq!(to_json(&b), json!({"object": "batch", "id": "b1", "status_kind": "job", "errors": null}));
    }

    #[test]
    fn an_absent_or_null_constant_reads_as_the_spec_value() {
        let good = json!({"object": "batch", "id": "b1", "status_kind": "job", "errors": null});
        assert_eq!(round_trip::<Batch>(good), batch());
        assert_eq!(parse::<Batch>(&json!({"id": "b1", "errors": null})), batch());
        assert_eq!(parse::<Batch>(&json!({"object": null, "id": "b1", "status_kind": null, "errors": null})), batch());
    }

    /// Tolerant reading keeps another value as sent and writes it back; the
    /// `strict` case rejects it.
    #[test]
    fn a_constant_sent_with_another_value_is_kept_and_written_back() {
        let other = json!({"object": "file", "id": "b1", "status_kind": "task", "errors": null});
        let parsed: Batch = round_trip(other);
        assert_eq!(parsed, Batch { object: "file".into(), status_kind: "task".into(), ..batch() });
    }

    #[test]
    fn required_nullable_serializes_null_and_optional_is_skipped() {
        let json = to_json(&batch());
        assert_eq!(json["errors"], Value::Null);
        assert!(json.as_object().unwrap().contains_key("errors"), "required+nullable must be written as null");
        assert!(!json.as_object().unwrap().contains_key("metadata"), "optional None must be omitted");

        let full = Batch { metadata: Some("note".into()), errors: Some(Errors::new(vec!["bad line".to_owned()])), ..batch() };
        assert_eq!(
            to_json(&full),
            json!({
                "object": "batch", "id": "b1", "status_kind": "job", "metadata": "note",
                "errors": {"type": "list", "object": "errors", "data": ["bad line"]}
            })
        );
        assert_eq!(round_trip::<Batch>(to_json(&full)), full);
    }

    /// `Errors.object` is a constant the spec does not require: an
    /// `Option<String>` that `new` fills in, and that a body leaving it out
    /// reads as `None` and is written back without.
    #[test]
    fn an_optional_constant_is_filled_in_by_new_and_left_out_when_absent() {
        let errors: Errors = round_trip(json!({"type": "list", "object": "errors", "data": []}));
        assert_eq!(errors, Errors::new(Vec::<String>::new()));
        assert_eq!(Errors::new(vec!["x".to_owned()]).object.as_deref(), Some("errors"));
        let errors: Errors = round_trip(json!({"type": "list", "data": ["x"]}));
        assert_eq!(errors.object, None);
        // Another value is kept as sent.
        let errors: Errors = round_trip(json!({"type": "list", "object": "error_list", "data": []}));
        assert_eq!(errors.object.as_deref(), Some("error_list"));
    }

    #[test]
    fn a_struct_of_optional_fields_has_default_and_writes_its_constant() {
        assert_eq!(to_json(&Ping::default()), json!({"type": "ping"}));
        assert_eq!(to_json(&Ping { at: Some(5), ..Ping::default() }), json!({"type": "ping", "at": 5}));
        assert_eq!(parse::<Ping>(&json!({"type": "ping"})), Ping::default());
        // `type` is not in Ping's `required`, so `{"at": 5}` is valid per the
        // spec; it round-trips as sent, without `type`.
        assert_eq!(round_trip::<Ping>(json!({"at": 5})), Ping { r#type: None, at: Some(5), ..Ping::default() });
    }

    fn counters() -> Counters {
        Counters { total: Some(3), additional_properties: [("retries".to_owned(), 2)].into_iter().collect(), ..Counters::default() }
    }

    #[test]
    fn additional_properties_are_flattened_beside_the_constant() {
        assert_eq!(counters().object, "counters");
        assert_eq!(to_json(&counters()), json!({"object": "counters", "total": 3, "retries": 2}));
    }

    /// With a typed `additionalProperties` map there is no `extra`: the map
    /// takes every other key.
    #[test]
    fn a_struct_with_additional_properties_reads_its_own_output() {
        assert_eq!(round_trip::<Counters>(json!({"object": "counters", "total": 3, "retries": 2})), counters());
    }

    /// Structs' `Deserialize` is written out, not derived (emit/structs.rs,
    /// `struct_deserialize`): these pin how it reads.
    mod reading {
        use super::*;

        /// Tolerant by default; the `strict` case reports `missing field`.
        #[test]
        fn a_missing_required_field_reads_as_empty_and_is_written_back() {
            let parsed: Batch = parse(&json!({"object": "batch", "status_kind": "job", "errors": null}));
            assert_eq!(parsed, Batch::new("", None));
            assert_eq!(to_json(&parsed), json!({"object": "batch", "id": "", "status_kind": "job", "errors": null}));
            // A missing list, and null for one.
            assert_eq!(parse::<Errors>(&json!({"type": "list"})).data, Vec::<String>::new());
            assert_eq!(parse::<Errors>(&json!({"data": null})), Errors { object: None, ..Errors::new(Vec::<String>::new()) });
        }

        #[test]
        fn a_required_nullable_field_that_is_missing_reads_as_none() {
            assert_eq!(parse::<Batch>(&json!({"id": "b1"})), batch());
        }

        #[test]
        fn a_value_of_the_wrong_kind_is_an_error_that_says_what_was_expected() {
            let err = parse_err::<Batch>(&json!(["b1"]));
            assert!(err.starts_with("invalid type: sequence, expected struct Batch"), "{err}");
            let err = parse_err::<Batch>(&json!({"id": 5, "errors": null}));
            assert!(err.starts_with("invalid type: integer `5`, expected a string"), "{err}");
            let err = parse_err::<Batch>(&json!({"id": "b1", "object": 1, "errors": null}));
            assert!(err.starts_with("invalid type: integer `1`, expected a string"), "{err}");
        }

        #[test]
        fn unknown_keys_are_kept_whatever_they_hold_and_written_back() {
            let json = json!({"id": "b1", "errors": null, "new_field": {"deep": [1, {"x": null}]}, "n": 1.5});
            let parsed: Batch = parse(&json);
            let extra: std::collections::BTreeMap<String, Value> =
                [("new_field".to_owned(), json!({"deep": [1, {"x": null}]})), ("n".to_owned(), json!(1.5))].into_iter().collect();
            assert_eq!(parsed, Batch { extra, ..batch() });
            assert_eq!(
                to_json(&parsed),
                json!({
                    "object": "batch", "id": "b1", "status_kind": "job", "errors": null,
                    "new_field": {"deep": [1, {"x": null}]}, "n": 1.5
                })
            );
        }

        #[test]
        fn keys_are_found_however_the_reader_hands_them_over() {
            let text = r#"{"i\u0064": "b1", "errors": null}"#; // an escaped key is not borrowed
            assert_eq!(serde_json::from_str::<Batch>(text).unwrap(), batch());
            assert_eq!(serde_json::from_reader::<_, Batch>(text.as_bytes()).unwrap(), batch());
            assert_eq!(serde_json::from_value::<Batch>(json!({"id": "b1", "errors": null})).unwrap(), batch());
            // Unknown keys too: borrowed, escaped, from a reader.
            let text = r#"{"id": "b1", "errors": null, "n\u0065w": 1}"#;
            let parsed: Batch = serde_json::from_reader(text.as_bytes()).unwrap();
            assert_eq!(parsed.extra.get("new"), Some(&json!(1)));
            let counters: Counters = serde_json::from_reader(r#"{"object": "counters", "total": 3, "retries": 2}"#.as_bytes()).unwrap();
            assert_eq!(counters, super::counters());
        }

        #[test]
        fn keys_in_any_order_are_found() {
            // Lookups start after the last key found (spec order is the fast
            // path) and wrap around: reversed and shuffled orders read the same.
            let full = Batch { metadata: Some("note".into()), ..batch() };
            for text in [
                r#"{"metadata": "note", "errors": null, "status_kind": "job", "object": "batch", "id": "b1"}"#,
                r#"{"errors": null, "id": "b1", "metadata": "note", "object": "batch", "status_kind": "job"}"#,
            ] {
                assert_eq!(serde_json::from_str::<Batch>(text).unwrap(), full, "{text}");
            }
            // An unknown key between known ones does not disturb the lookup.
            let text = r#"{"status_kind": "job", "metadata": "note", "x": 1, "id": "b1", "errors": null}"#;
            let with_x = Batch { extra: [("x".to_owned(), json!(1))].into_iter().collect(), ..full };
            assert_eq!(serde_json::from_str::<Batch>(text).unwrap(), with_x);
        }

        #[test]
        fn a_repeated_key_takes_the_last_value() {
            let parsed: Batch = serde_json::from_str(r#"{"id": "first", "id": "b1", "errors": null}"#).unwrap();
            assert_eq!(parsed, batch());
        }

        #[test]
        fn additional_properties_of_the_wrong_type_are_an_error() {
            let err = parse_err::<Counters>(&json!({"object": "counters", "retries": "two"}));
            assert!(err.starts_with("invalid type: string \"two\", expected i64"), "{err}");
        }
    }
}

mod unions {
    use super::*;
    use g::unions::{
        input_message, part, search, settings, Cat, Conversation, Dog, EasyMessage, Effort, Fish, FunctionCall, ImagePart, Input, InputMessage, Item,
        LooseItem, OutputMessage, Part, Pet, Priority, Search, Settings, Switch, TextPart, Tool,
    };

    /// An arm that is a tagged union is ranked by its members' shapes: an
    /// output message (it has `id`, and the constant role `assistant`) is the
    /// item union's `OutputMessage`, not the short-form message beside it,
    /// which tolerant reading would also accept.
    #[test]
    fn an_arm_that_is_a_tagged_union_competes_by_its_members_shapes() {
        let output = json!({"type": "message", "role": "assistant", "id": "m1", "content": "hi"});
        match round_trip::<Conversation>(output) {
            Conversation::Item(Item::OutputMessage(m)) => assert_eq!(m.id, "m1"),
            other => panic!("read as {other:?}"),
        }
        // What both forms fit goes to the first arm, in the spec's order.
        let short = json!({"role": "user", "content": "hi"});
        assert_eq!(round_trip::<Conversation>(short), Conversation::EasyMessage(EasyMessage { r#type: None, ..EasyMessage::new("user", "hi") }));
    }

    /// With a discriminator but no mapping, an arm whose tag property is an
    /// enum is tagged by each of its values (not by its schema's name).
    #[test]
    fn a_discriminator_without_mapping_tags_an_arm_by_its_enum_values() {
        let dated = json!({"type": "search_2025", "depth": 2});
        assert_eq!(round_trip::<Tool>(dated), Tool::Search(Search { depth: Some(2), ..Search::new(search::Type::Search2025) }));
        assert_eq!(round_trip::<Tool>(json!({"type": "search"})), Tool::Search(Search::new(search::Type::Search)));
        assert_eq!(round_trip::<Tool>(json!({"type": "function_call", "name": "f"})), Tool::FunctionCall(FunctionCall::new("f")));
        let unknown = json!({"type": "Search"});
        assert_eq!(round_trip::<Tool>(unknown.clone()), Tool::Unknown(unknown));
    }

    #[test]
    fn nullable_ref_is_an_option_that_serializes_null() {
        let s: Settings = round_trip(json!({"model": "o3", "reasoning": null, "switch": null}));
        assert_eq!(s, Settings::new(settings::Model::O3, None, None));
        let s: Settings = round_trip(json!({"model": "o3", "reasoning": "high", "priority": 2, "switch": 1}));
        assert_eq!(s, Settings { priority: Some(Priority::V2), ..Settings::new("o3", Effort::High, Switch::On) });
    }

    #[test]
    fn string_or_enum_is_one_open_enum() {
        let s: Settings = round_trip(json!({"model": "gpt-4o-mini", "reasoning": null, "switch": null}));
        assert_eq!(s.model, settings::Model::Gpt4oMini);
        let s: Settings = round_trip(json!({"model": "my-fine-tune", "reasoning": "extreme", "switch": 0}));
        assert_eq!(s.model, settings::Model::Other("my-fine-tune".into()));
        assert_eq!(s.model.as_str(), "my-fine-tune");
        assert_eq!(s.reasoning, Some(Effort::Other("extreme".into())));
        // From a string: known values are variants, others `Other`.
        assert_eq!(settings::Model::from("o3"), settings::Model::O3);
        assert_eq!(settings::Model::from(String::from("o4")), settings::Model::Other("o4".into()));
        // Not a string at all: an error, not `Other`.
        parse_err::<Settings>(&json!({"model": 4, "reasoning": null, "switch": null}));
    }

    #[test]
    fn integer_enum_is_open() {
        assert_eq!(round_trip::<Priority>(json!(-1)), Priority::VMinus1);
        assert_eq!(round_trip::<Priority>(json!(0)), Priority::V0);
        assert_eq!(round_trip::<Priority>(json!(7)), Priority::Other(7));
        assert_eq!(Priority::Other(7).value(), 7);
        assert_eq!((Priority::from(2), Priority::from(9)), (Priority::V2, Priority::Other(9)));
        parse_err::<Priority>(&json!("1"));
    }

    #[test]
    fn titled_integer_constants_are_an_open_enum_named_by_title() {
        assert_eq!(round_trip::<Switch>(json!(0)), Switch::Off);
        assert_eq!(round_trip::<Switch>(json!(1)), Switch::On);
        assert_eq!(round_trip::<Switch>(json!(2)), Switch::Other(2));
        // The component admits null: a required reference to it is an Option written as null.
        let s: Settings = round_trip(json!({"model": "o3", "reasoning": null, "switch": null}));
        assert_eq!(s.switch, None);
    }

    #[test]
    fn tagged_union_picks_by_type() {
        assert_eq!(round_trip::<Part>(json!({"type": "text", "text": "hi"})), Part::TextPart(TextPart::new("hi")));
        assert_eq!(round_trip::<Part>(json!({"type": "image", "url": "https://x/y.png"})), Part::ImagePart(ImagePart::new("https://x/y.png")));
        // An inline arm, named after its tag.
        assert_eq!(round_trip::<Part>(json!({"type": "audio", "data": "AAAA"})), Part::Audio(part::Audio::new("AAAA")));
        // Each arm converts into the union, which writes its tag.
        assert_eq!(to_json(&Part::from(ImagePart::new("u"))), json!({"type": "image", "url": "u"}));
    }

    #[test]
    fn tagged_union_keeps_an_unknown_tag_whole() {
        let json = json!({"type": "video", "url": "v.mp4", "frames": [1, 2]});
        assert_eq!(round_trip::<Part>(json.clone()), Part::Unknown(json));
    }

    #[test]
    fn tagged_union_with_a_known_tag_reads_its_arm_tolerantly() {
        // A missing property is its empty value, as for any struct.
        assert_eq!(parse::<Part>(&json!({"type": "text"})), Part::TextPart(TextPart::new("")));
        // A property of the wrong type: the arm does not read, and rather
        // than failing the body the JSON is kept whole (the `strict` case
        // reports the error).
        let odd = json!({"type": "text", "text": 5});
        assert_eq!(round_trip::<Part>(odd.clone()), Part::Unknown(odd));
    }

    #[test]
    fn discriminator_mapping_selects_the_arm() {
        let pet: Pet = round_trip(json!({"kind": "kitty", "lives": 9}));
        assert_eq!(pet, Pet::Cat(Cat::new("kitty", 9)));
        let pet: Pet = round_trip(json!({"kind": "dog", "good": true}));
        assert_eq!(pet, Pet::Dog(Dog::new("dog", true)));
        let bird = json!({"kind": "bird", "wings": 2});
        assert_eq!(round_trip::<Pet>(bird.clone()), Pet::Unknown(bird));
    }

    #[test]
    fn discriminator_arm_without_the_property_gets_it_written() {
        let fish = Pet::from(Fish::new(3));
        assert_eq!(to_json(&fish), json!({"kind": "fish", "fins": 3}));
        // `kind` is not a property of Fish: read back, it is in Fish's `extra`.
        let read: Pet = round_trip(json!({"kind": "fish", "fins": 3}));
        assert_eq!(read, Pet::Fish(Fish { extra: [("kind".to_owned(), json!("fish"))].into_iter().collect(), ..Fish::new(3) }));
        // Fish's other tag is written back as sent, not as the first one.
        let _: Pet = round_trip(json!({"kind": "goldfish", "fins": 2}));
    }

    fn user_message() -> Value {
        json!({"type": "message", "role": "user", "content": "hello"})
    }

    fn assistant_message() -> Value {
        json!({"type": "message", "role": "assistant", "id": "msg_1", "content": "hi"})
    }

    #[test]
    fn shared_tag_picks_the_arm_by_its_constant_role() {
        assert_eq!(round_trip::<Item>(user_message()), Item::InputMessage(InputMessage::new("user", "hello")));
        assert_eq!(round_trip::<Item>(assistant_message()), Item::OutputMessage(OutputMessage::new("msg_1", "hi")));
        // A role neither arm lists falls to the open enum of InputMessage.
        let tool = json!({"type": "message", "role": "tool", "content": "42"});
        assert_eq!(round_trip::<Item>(tool), Item::InputMessage(InputMessage::new(input_message::Role::Other("tool".into()), "42")));
        assert_eq!(round_trip::<Item>(json!({"type": "function_call", "name": "f"})), Item::FunctionCall(FunctionCall::new("f")));
        let reasoning = json!({"type": "reasoning", "summary": []});
        assert_eq!(round_trip::<Item>(reasoning.clone()), Item::Unknown(reasoning));
    }

    /// Arms with all their required properties come before those that lack
    /// some, even when the lacking arm's constant matches: an assistant
    /// message without `id` reads as an InputMessage of role "assistant".
    #[test]
    fn shared_tag_prefers_an_arm_whose_required_properties_are_all_there() {
        let no_id = json!({"type": "message", "role": "assistant", "content": "hi"});
        assert_eq!(round_trip::<Item>(no_id.clone()), Item::InputMessage(InputMessage::new(input_message::Role::Other("assistant".into()), "hi")));
        assert_eq!(round_trip::<LooseItem>(no_id), LooseItem::InputMessage(InputMessage::new(input_message::Role::Other("assistant".into()), "hi")));
    }

    #[test]
    fn shared_tag_without_discriminator_ranks_the_arms_by_what_the_object_holds() {
        // OutputMessage (all its required properties there, more of them) is
        // tried before InputMessage, whose open `role` enum would take any role.
        assert_eq!(round_trip::<LooseItem>(assistant_message()), LooseItem::OutputMessage(OutputMessage::new("msg_1", "hi")));
        assert_eq!(round_trip::<LooseItem>(user_message()), LooseItem::InputMessage(InputMessage::new("user", "hello")));
        // A user message with an id: OutputMessage's constant role rules it
        // out; InputMessage keeps the id as an unknown property.
        let with_id = json!({"type": "message", "role": "user", "id": "m", "content": "c"});
        assert_eq!(
            round_trip::<LooseItem>(with_id),
            LooseItem::InputMessage(InputMessage { extra: [("id".to_owned(), json!("m"))].into_iter().collect(), ..InputMessage::new("user", "c") })
        );
        assert_eq!(round_trip::<LooseItem>(json!({"type": "function_call", "name": "f"})), LooseItem::FunctionCall(FunctionCall::new("f")));
        // Every arm's constant `type` says otherwise: kept whole.
        let odd = json!({"type": "other"});
        assert_eq!(round_trip::<LooseItem>(odd.clone()), LooseItem::Unknown(odd));
    }

    #[test]
    fn untagged_union_picks_by_json_kind() {
        assert_eq!(round_trip::<Input>(json!("hi")), Input::String("hi".into()));
        assert_eq!(round_trip::<Input>(json!(["a", "b"])), Input::Array(vec!["a".into(), "b".into()]));
        assert_eq!(round_trip::<Input>(json!({"type": "text", "text": "t"})), Input::TextPart(TextPart::new("t")));
        // No arm takes a number, a list of numbers, an object with another
        // `type`, or an object with none of TextPart's keys: kept whole.
        for other in [json!(42), json!([1, 2]), json!({"type": "image", "url": "u"}), json!({"url": "u"}), json!(null)] {
            assert_eq!(round_trip::<Input>(other.clone()), Input::Unknown(other));
        }
        assert_eq!(Input::from("hi"), Input::String("hi".into()));
        assert_eq!(Input::from(vec!["a".to_owned()]), Input::Array(vec!["a".into()]));
    }

    #[test]
    fn untagged_union_checks_a_struct_arms_constant() {
        // TextPart's reader keeps another `type`; the union's ranking does not try it.
        let audio = json!({"type": "audio", "text": "transcript"});
        assert_eq!(parse::<Input>(&audio), Input::Unknown(audio));
    }
}

mod allof {
    use super::*;
    use g::allof::{project, stream_event, timestamped, Named, Owner, Ping, Pong, Project, StreamEvent};

    /// allOf [oneOf [Ping, Pong], {stream_id}]: the variant is a flattened field.
    #[test]
    fn a_union_arm_of_an_all_of_is_flattened_beside_the_properties() {
        let pong = json!({"type": "pong", "latency": 1.5, "stream_id": "s1"});
        let event: StreamEvent = round_trip(pong);
        assert_eq!(event, StreamEvent::new("s1", Pong::new(1.5)));
        assert_eq!(to_json(&StreamEvent::new("s0", Ping::default())), json!({"type": "ping", "stream_id": "s0"}));
        // An event kind the spec does not know keeps its JSON; stream_id is still read.
        let later: StreamEvent = round_trip(json!({"type": "pang", "stream_id": "s2"}));
        assert_eq!(later, StreamEvent::new("s2", stream_event::Variant::Unknown(json!({"type": "pang"}))));
    }

    /// A struct that flattens a union has no `extra`: the keys it does not
    /// name go to the union's arm, which keeps them.
    #[test]
    fn unknown_keys_of_a_flattened_union_go_to_its_arm() {
        let json = json!({"type": "pong", "latency": 1.5, "stream_id": "s1", "hop": 3});
        let event: StreamEvent = round_trip(json);
        let pong = Pong { extra: [("hop".to_owned(), json!(3))].into_iter().collect(), ..Pong::new(1.5) };
        assert_eq!(event, StreamEvent::new("s1", pong));
    }

    fn project_json() -> Value {
        json!({
            "name": "p", "created_at": 1, "updated_at": 2, "zone": "utc",
            "archived": false, "owner": {"name": "ann"}, "tier": "pro"
        })
    }

    #[test]
    fn refs_and_inline_properties_merge_into_one_struct() {
        let p: Project = round_trip(project_json());
        assert_eq!(
            p,
            Project {
                // The inline enum of a merged arm stays its component's type.
                zone: Some(timestamped::Zone::Utc),
                owner: Some(Named::new("ann")),
                tier: Some(project::Tier::Pro),
                // `new` takes the required properties in the merged `required` order.
                ..Project::new("p", 1, false, 2)
            }
        );
    }

    #[test]
    fn a_required_only_arm_makes_a_merged_property_required() {
        let mut json = project_json();
        json.as_object_mut().unwrap().remove("updated_at");
        // Required in Project: read as 0 when absent, and written.
        let p: Project = parse(&json);
        assert_eq!(p.updated_at, 0);
        assert_eq!(to_json(&p)["updated_at"], json!(0));
        // Still optional in Timestamped itself.
        let t: g::allof::Timestamped = round_trip(json!({"created_at": 1}));
        assert_eq!(t, g::allof::Timestamped::new(1));
        assert_eq!(t.updated_at, None);
    }

    #[test]
    fn a_ref_with_a_description_is_an_alias() {
        let owner: Owner = Named::new("bob");
        assert_eq!(to_json(&owner), json!({"name": "bob"}));
    }
}

mod recursion {
    use super::*;
    use g::recursion::{Binary, Department, Employee, Expr, Holder, Inner, Literal, Location, TreeNode};

    fn leaf(value: i64) -> TreeNode {
        TreeNode::new(value)
    }

    #[test]
    fn self_recursive_struct_reads_nested_json() {
        let json = json!({
            "value": 1,
            "parent": {"value": 0, "parent": {"value": -1}},
            "children": [{"value": 2, "children": [{"value": 3}]}],
            "labels": {"x": {"value": 4}}
        });
        let tree: TreeNode = round_trip(json);
        let grandparent = tree.parent.as_ref().and_then(|p| p.parent.as_ref()).map(|g| g.value);
        assert_eq!(grandparent, Some(-1));
        let children = tree.children.as_ref().unwrap();
        assert_eq!(children[0].children.as_ref().unwrap()[0], leaf(3));
        assert_eq!(tree.labels.as_ref().unwrap()["x"], leaf(4));
        // The by-value edge is boxed; Vec and map edges are not.
        let _: Option<Box<TreeNode>> = tree.parent;
        let _: Option<Vec<TreeNode>> = tree.children;
    }

    #[test]
    fn union_cycle_reads_nested_json() {
        let json = json!({
            "type": "binary", "op": "+",
            "left": {"type": "literal", "value": 1.5},
            "right": {"type": "binary", "op": "*", "left": {"type": "literal", "value": 2.0}, "right": null}
        });
        let expr: Expr = round_trip(json);
        let inner = Binary::new("*", Expr::from(Literal::new(2.0)), None);
        assert_eq!(expr, Expr::from(Binary::new("+", Expr::from(Literal::new(1.5)), Box::new(Expr::from(inner)))));
    }

    /// A required union that is absent reads as `Unknown(null)` and is
    /// written as `null`; a required boxed struct reads from `{}`.
    #[test]
    fn absent_required_recursive_fields_read_as_empty_values() {
        let expr: Expr = parse(&json!({"type": "binary", "op": "-"}));
        assert_eq!(expr, Expr::from(Binary::new("-", Expr::Unknown(Value::Null), None)));
        assert_eq!(to_json(&expr), json!({"type": "binary", "op": "-", "left": null, "right": null}));
        let employee: Employee = parse(&json!({"name": "ann"}));
        assert_eq!(employee, Employee::new("ann", Department::new("")));
        assert_eq!(to_json(&employee), json!({"name": "ann", "department": {"name": ""}}));
    }

    #[test]
    fn two_schema_cycle_reads_nested_json() {
        let json = json!({
            "name": "R&D",
            "head": {"name": "ann", "department": {"name": "R&D"}, "location": {"city": "Oslo"}},
            "location": {"city": "Oslo"}
        });
        let dept: Department = round_trip(json);
        let head: Box<Employee> = dept.head.expect("head is set");
        assert_eq!(head.department.name, "R&D");
        // Location is outside the cycle: held by value.
        let _: Option<Location> = head.location;
    }

    #[test]
    fn a_cycle_through_a_described_ref_reads_nested_json() {
        let holder: Holder = round_trip(json!({"inner": {"inner": {}}}));
        let innermost = Holder::default();
        assert_eq!(holder, Holder { inner: Some(Box::new(Holder { inner: Some(Box::new(innermost)), ..Holder::default() })), ..Holder::default() });
    }

    #[test]
    fn a_described_ref_in_a_cycle_stays_an_alias_of_its_target() {
        assert_eq!(std::any::type_name::<Inner>(), std::any::type_name::<Holder>());
    }
}

mod names {
    use super::*;
    use g::names::{std_, CheckoutSession, Choice, Digits, Error2, Keywords, Locals, OptionModel, ResultModel, SortOrder, Std, T2fa, Timezone};

    /// Properties `0` and `-1` are fields `_0` and `_1`; the reader and `new`
    /// bind them to other names (`field_0` is taken by a field, so `_0`'s is
    /// `field_0_2`), which clippy accepts.
    /// A schema name longer than 128 bytes gives a module and a type of at
    /// most 128 bytes, each its beginning and a hash of the whole, so that
    /// rustdoc's file names for them stay within 255 bytes.
    #[test]
    fn a_long_schema_name_is_shortened_with_a_hash() {
        use g::names::organization_membership_invitation_organization_membership_invitation_organization_membership_invitation_organization_he616befc as long;
        type Long = long::OrganizationMembershipInvitationOrganizationMembershipInvitationOrganizationMembershipInvitationOrganizationMembershipIH84bff043;
        let path = std::any::type_name::<Long>();
        let lengths: Vec<usize> = path.rsplit("::").take(2).map(str::len).collect();
        assert!(lengths.iter().all(|&n| (120..=128).contains(&n)), "{path}");
        assert_eq!(round_trip::<Long>(json!({"id": "inv_1"})), Long::new("inv_1"));
    }

    #[test]
    fn fields_named_by_digits_read_and_write() {
        let json = json!({"0": "zero", "-1": -1, "field_0": true});
        let digits: Digits = round_trip(json);
        assert_eq!(digits, Digits { _1: Some(-1), ..Digits::new("zero", true) });
    }

    /// The generated reader's own locals start with `__`, so fields named
    /// `map`, `key`, `keys` or `rest` (each a slot of that name) don't clash.
    #[test]
    fn fields_named_like_the_readers_locals_read_and_write() {
        let json = json!({"map": "m", "key": "k", "keys": 2, "rest": true, "other": "o"});
        let locals: Locals = round_trip(json);
        assert_eq!(
            locals,
            Locals {
                keys: Some(2),
                rest: Some(true),
                additional_properties: [("other".to_owned(), "o".to_owned())].into_iter().collect(),
                ..Locals::new("m", "k")
            }
        );
    }

    #[test]
    fn keyword_fields_map_to_their_json_names() {
        let k = Keywords { r#match: Some(true), type_2: Some("T".into()), id: Some("#id".into()), _24h: Some(24), ..Keywords::new("t", "https://x/self", 3) };
        assert_eq!((k.r#type.as_str(), k.self_.as_str(), k.crate_), ("t", "https://x/self", 3));
        let json = json!({
            "type": "t", "self": "https://x/self", "crate": 3, "match": true, "Type": "T", "$id": "#id", "24h": 24
        });
        assert_eq!(to_json(&k), json);
        assert_eq!(round_trip::<Keywords>(json), k);
    }

    #[test]
    fn odd_schema_names_become_types_in_their_modules() {
        let s: Std = round_trip(json!({
            "option": {"value": "v"}, "result": "ok",
            "checkout": {"id": "cs_1"}, "error": {"code": 2}, "second_factor": {"enabled": true}
        }));
        assert_eq!(
            s,
            Std {
                checkout: Some(CheckoutSession::new("cs_1")),
                error: Some(Error2::new(2)),
                second_factor: Some(T2fa::new(true)),
                ..Std::new(OptionModel::new("v"), ResultModel::Ok)
            }
        );
        // `std` is module `std_`; the crate `std` is still reachable.
        let _: std_::Std = s;
        let _: ::std::string::String = String::new();
        assert_eq!(round_trip::<ResultModel>(json!("error")), ResultModel::Error);
        assert_eq!(ResultModel::from("ok"), ResultModel::Ok);
    }

    #[test]
    fn enum_values_that_collide_after_case_conversion_stay_distinct() {
        for (json, value) in
            [(json!("ASC"), SortOrder::Asc), (json!("asc"), SortOrder::Asc2), (json!("DESC"), SortOrder::Desc), (json!("desc"), SortOrder::Desc2)]
        {
            assert_eq!(round_trip::<SortOrder>(json), value);
        }
        for (json, value) in [
            (json!("Etc/GMT+1"), Timezone::EtcGmtPlus1),
            (json!("Etc/GMT-1"), Timezone::EtcGmtMinus1),
            (json!("UTC"), Timezone::Utc),
            (json!("24h"), Timezone::V24h),
            (json!(""), Timezone::Empty),
            (json!("+"), Timezone::Plus),
            (json!("Etc/GMT+2"), Timezone::Other("Etc/GMT+2".into())),
        ] {
            assert_eq!(round_trip::<Timezone>(json), value);
        }
        // A listed "" is a variant, not the `Other("")` of tolerant reading.
        assert_eq!(Timezone::from(""), Timezone::Empty);
    }

    #[test]
    fn a_value_named_like_the_catch_all_does_not_take_its_place() {
        assert_eq!(round_trip::<Choice>(json!("other")), Choice::Other2);
        assert_eq!(round_trip::<Choice>(json!("Other")), Choice::Other3);
        assert_eq!(round_trip::<Choice>(json!("self")), Choice::SelfValue);
        assert_eq!(round_trip::<Choice>(json!("OTHER")), Choice::Other("OTHER".into()));
        assert_eq!(Choice::from("other"), Choice::Other2);
    }
}

#[allow(deprecated, reason = "the docs case marks a schema and a property deprecated; using them must still compile")]
mod docs {
    use super::*;
    use g::docs::{Model, OldOwner, OldStatus};

    #[test]
    fn deprecated_items_compile_and_work() {
        let model =
            Model { legacy_name: Some("davinci".into()), owner: Some(OldOwner::new("openai")), status: Some(OldStatus::Retired), ..Model::new("gpt-4o") };
        let json = json!({"id": "gpt-4o", "legacy_name": "davinci", "owner": {"name": "openai"}, "status": "retired"});
        assert_eq!(to_json(&model), json);
        assert_eq!(round_trip::<Model>(json), model);
        assert_eq!(round_trip::<OldStatus>(json!("sunset")), OldStatus::Other("sunset".into()));
    }
}

mod openapi31 {
    use super::*;
    use g::openapi31::{event, legacy, Event, Legacy, Nothing};

    /// An enum that lists only `null` (`enum: [null]`, `const: null`) is the
    /// unit type: it reads and writes `null`, and nothing else.
    #[test]
    fn a_null_only_enum_is_the_unit_type() {
        round_trip::<Nothing>(json!(null));
        parse_err::<Nothing>(&json!("null"));
        let mut json = event_json();
        json["cleared"] = json!(null);
        assert_eq!(round_trip::<Event>(event_json()).cleared, None);
        assert_eq!(parse::<Event>(&json).cleared, None);
    }

    fn event_json() -> Value {
        json!({"type": "event", "id": "evt_1", "note": null, "seq": i64::MIN})
    }

    #[test]
    fn const_is_a_field_filled_in_by_new() {
        let e: Event = round_trip(event_json());
        assert_eq!(e, Event::new("evt_1", None, i64::MIN));
        assert_eq!(e.r#type, "event");
        assert_eq!(to_json(&Event::new(7, "n".to_owned(), 1)), json!({"type": "event", "id": 7, "note": "n", "seq": 1}));
    }

    #[test]
    fn a_type_array_of_two_types_is_an_untagged_union() {
        let mut json = event_json();
        json["id"] = json!(42);
        assert_eq!(round_trip::<Event>(json).id, event::Id::Integer(42));
        assert_eq!(round_trip::<Event>(event_json()).id, event::Id::String("evt_1".into()));
        let mut json = event_json();
        json["id"] = json!(true);
        assert_eq!(round_trip::<Event>(json).id, event::Id::Unknown(json!(true)));
        assert_eq!((event::Id::from(42), event::Id::from("x")), (event::Id::Integer(42), event::Id::String("x".into())));
    }

    #[test]
    fn a_type_array_with_null_is_an_option() {
        let e: Event = round_trip(event_json());
        assert_eq!(e.note, None);
        let mut json = event_json();
        json["note"] = json!("first");
        assert_eq!(round_trip::<Event>(json).note.as_deref(), Some("first"));
        // Optional and nullable: null reads as None, and None is omitted.
        let mut json = event_json();
        json["tags"] = Value::Null;
        json["level"] = Value::Null;
        let e: Event = parse(&json);
        assert_eq!((e.tags.clone(), e.level), (None, None));
        assert_eq!(to_json(&e), event_json());
    }

    #[test]
    fn bounds_and_recursive_ref_and_nullable_enum() {
        let json = json!({
            "type": "event", "id": 1, "note": "n", "seq": 0, "score": 0.5, "retries": 1,
            "level": 3, "tags": ["a"],
            "parent": {"type": "event", "id": 0, "note": null, "seq": -1},
            "children": [{"type": "event", "id": 2, "note": null, "seq": 1}]
        });
        let e: Event = round_trip(json);
        assert_eq!(e.level, Some(event::Level::V3));
        assert_eq!(e.parent.as_deref(), Some(&Event::new(0, None, -1)));
        assert_eq!(e.children, Some(vec![Event::new(2, None, 1)]));
    }

    #[test]
    fn nullable_true_is_an_option() {
        let l: Legacy = round_trip(json!({"name": null, "count": null}));
        assert_eq!(l, Legacy::new(None, None));
        assert_eq!(to_json(&l), json!({"name": null, "count": null}));
        let l: Legacy = round_trip(json!({"name": "n", "count": 1, "color": "green"}));
        assert_eq!(l, Legacy { color: Some(legacy::Color::Green), ..Legacy::new("n".to_owned(), 1) });
    }
}

mod named_inline {
    use super::*;
    use g::named_inline::{batch, batch_limits, batch_usage, Batch, BatchLimits, BatchUsage};

    #[test]
    fn named_inline_schemas_get_modules_of_their_own() {
        let json = json!({
            "id": "b",
            "usage": {"input_tokens": 10, "input_tokens_details": {"cached_tokens": 4}, "mode": "fast"},
            "limits": {"max_requests": 5},
            "errors": {"data": [{"code": "E1"}, {}]}
        });
        let b: Batch = round_trip(json);
        assert_eq!(
            b.usage,
            BatchUsage {
                mode: Some(batch_usage::Mode::Fast),
                // The named schema's inline children live in its module.
                ..BatchUsage::new(10, batch_usage::InputTokensDetails::new(4))
            }
        );
        assert_eq!(b.limits, Some(batch_limits::BatchLimits::new(5)));
        // Unnamed inline schemas stay in the component's module.
        let errors: batch::Errors = b.errors.expect("errors is set");
        let first = batch::DataItem { code: Some("E1".into()), ..batch::DataItem::default() };
        assert_eq!(errors, batch::Errors { data: Some(vec![first, batch::DataItem::default()]), ..batch::Errors::default() });
    }

    #[test]
    fn a_named_nullable_schema_serializes_null() {
        let usage = BatchUsage::new(0, batch_usage::InputTokensDetails::new(0));
        let b = Batch::new("b", usage, None::<BatchLimits>);
        assert_eq!(to_json(&b), json!({"id": "b", "usage": {"input_tokens": 0, "input_tokens_details": {"cached_tokens": 0}}, "limits": null}));
    }
}

/// The `strict` case: `{"strict_reading": true, "keep_unknown_properties": false}`.
mod strict {
    use super::*;
    use g::strict::{Event, Item, Job, Ping, Text};

    #[test]
    fn a_known_tag_whose_arm_does_not_read_is_an_error() {
        let err = parse_err::<Event>(&json!({"type": "ping", "at": "noon"}));
        assert!(err.starts_with(r#"invalid type: string "noon", expected i64"#), "{err}");
        assert_eq!(parse::<Event>(&json!({"type": "ping", "at": 5})), Event::Ping(Ping::new(5)));
    }

    fn job() -> Job {
        Job::new("j1", None)
    }

    #[test]
    fn a_missing_required_field_is_named() {
        let err = parse_err::<Job>(&json!({"object": "job", "error": null}));
        assert!(err.starts_with("missing field `id`"), "{err}");
        let err = parse_err::<Text>(&json!({"type": "text"}));
        assert!(err.starts_with("missing field `text`"), "{err}");
    }

    /// As serde's derive reads it: an absent required nullable field is
    /// `None`. A required constant must be sent, and not as `null`, as when
    /// constants were serde tags.
    #[test]
    fn an_absent_nullable_field_is_not_an_error_but_an_absent_constant_is() {
        assert_eq!(parse::<Job>(&json!({"id": "j1", "object": "job"})), job());
        let err = parse_err::<Job>(&json!({"id": "j1"}));
        assert!(err.starts_with("missing field `object`"), "{err}");
        let err = parse_err::<Job>(&json!({"id": "j1", "object": null, "error": null}));
        assert!(err.starts_with(r#"invalid type: null, expected the constant "job""#), "{err}");
    }

    #[test]
    fn null_where_the_schema_allows_none_is_an_error() {
        let err = parse_err::<Job>(&json!({"id": null, "object": "job", "error": null}));
        assert!(err.starts_with("invalid type: null, expected a string"), "{err}");
        let err = parse_err::<Job>(&json!({"id": "j1", "error": null, "note": 5}));
        assert!(err.starts_with("invalid type: integer `5`, expected a string"), "{err}");
    }

    #[test]
    fn a_constant_sent_with_another_value_is_an_error() {
        let err = parse_err::<Job>(&json!({"id": "j1", "object": "task", "error": null}));
        assert!(err.starts_with(r#"`object` is "task", where the spec's constant is "job""#), "{err}");
        let err = parse_err::<Text>(&json!({"type": "image", "text": "t"}));
        assert!(err.starts_with(r#"`type` is "image", where the spec's constant is "text""#), "{err}");
    }

    #[test]
    fn unknown_properties_are_skipped() {
        let parsed: Job = parse(&json!({"id": "j1", "object": "job", "error": null, "new": {"x": 1}}));
        assert_eq!(parsed, job());
        assert_eq!(to_json(&parsed), json!({"id": "j1", "object": "job", "error": null}));
        // There is no `extra` field: this pattern names every field.
        let Job { id, object, error, note } = parsed;
        assert_eq!((id.as_str(), &*object, error, note), ("j1", "job", None, None));
        let Text { r#type, text } = Text::new("t");
        assert_eq!((&*r#type, text.as_str()), ("text", "t"));
    }

    #[test]
    fn well_formed_input_round_trips() {
        let full: Job = round_trip(json!({"id": "j1", "object": "job", "error": "boom", "note": "n"}));
        assert_eq!(full, Job { note: Some("n".into()), ..Job::new("j1", "boom".to_owned()) });
        assert_eq!(round_trip::<Job>(json!({"id": "j1", "object": "job", "error": null})), job());
        assert_eq!(round_trip::<Text>(json!({"type": "text", "text": "t"})), Text::new("t"));
    }

    /// A union tries its arms strictly: an arm that fails to read is passed
    /// over, and a body no arm reads is kept in `Unknown`.
    #[test]
    fn a_union_keeps_what_no_arm_reads_strictly() {
        assert_eq!(round_trip::<Item>(json!({"id": "j1", "object": "job", "error": null})), Item::Job(job()));
        assert_eq!(round_trip::<Item>(json!({"type": "text", "text": "t"})), Item::Text(Text::new("t")));
        assert_eq!(round_trip::<Item>(json!("plain")), Item::from("plain"));
        for kept in [
            json!({"object": "job", "error": null}), // Job lacks `id`
            json!({"id": "j1", "object": "task"}),   // Job's constant says otherwise
            json!({"type": "text", "text": null}),   // null where Text allows none
            json!({"unknown": 1}),                   // names no arm's keys
            json!(3),
        ] {
            assert_eq!(round_trip::<Item>(kept.clone()), Item::Unknown(kept));
        }
    }
}

/// The `reading` case: the default (tolerant) reading rules, construction
/// and conversions, on small schemas.
mod reading {
    #![deny(deprecated)]
    use super::*;
    use g::reading::{
        empties, AssistantMessage, Call, Color, Either, Empties, First, Inner, Level, Message, ModelId, Options, Ordered, Prompt, Second, UserMessage,
    };
    use std::collections::BTreeMap;

    fn map(entries: &[(&str, Value)]) -> BTreeMap<String, Value> {
        entries.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect()
    }

    /// What `{}` reads as: each required property's empty value.
    fn empty() -> Empties {
        Empties::new(
            "",
            0,
            0.0,
            false,
            Vec::<String>::new(),
            BTreeMap::new(),
            Inner::new(""),
            Color::Other(String::new()),
            Level::Other(0),
            empties::Id::Unknown(Value::Null),
        )
    }

    fn empty_json() -> Value {
        json!({
            "text": "", "count": 0, "ratio": 0.0, "flag": false, "list": [], "counts": {},
            "inner": {"kind": "inner", "name": ""}, "color": "", "level": 0, "id": null
        })
    }

    #[test]
    fn absent_required_properties_read_as_empty_values() {
        let parsed: Empties = parse(&json!({}));
        assert_eq!(parsed, empty());
        assert_eq!(parsed.text, "");
        assert_eq!((parsed.count, parsed.ratio, parsed.flag), (0, 0.0, false));
        assert!(parsed.list.is_empty() && parsed.counts.is_empty());
        // A struct reads from `{}`: its constant takes the spec's value.
        assert_eq!((&*parsed.inner.kind, parsed.inner.name.as_str(), parsed.inner.size), ("inner", "", None));
        // Open enums: `Other` of the empty value; a union: `Unknown(null)`.
        assert_eq!(parsed.color, Color::Other(String::new()));
        assert_eq!(parsed.level, Level::Other(0));
        assert_eq!(parsed.id, empties::Id::Unknown(Value::Null));
        // Written back complete by `required`, the union as null.
        assert_eq!(to_json(&parsed), empty_json());
        assert_eq!(parse::<Empties>(&empty_json()), empty());
    }

    #[test]
    fn null_for_a_property_that_allows_none_reads_as_its_empty_value() {
        let nulls = json!({
            "text": null, "count": null, "ratio": null, "flag": null, "list": null, "counts": null,
            "inner": null, "color": null, "level": null, "id": null
        });
        assert_eq!(parse::<Empties>(&nulls), empty());
        // Inside a nested struct too, and an optional property's null is None.
        let inner: Inner = parse(&json!({"kind": null, "name": null, "size": null}));
        assert_eq!(inner, Inner::new(""));
        // A value of the wrong type is still an error.
        let err = parse_err::<Empties>(&json!({"count": "1"}));
        assert!(err.starts_with("invalid type: string \"1\", expected i64"), "{err}");
    }

    #[test]
    fn well_formed_input_round_trips() {
        let json = json!({
            "text": "t", "count": -3, "ratio": 0.25, "flag": true, "list": ["a", "b"], "counts": {"x": 1},
            "inner": {"kind": "inner", "name": "n", "size": 2}, "color": "green", "level": 2, "id": 7
        });
        let parsed: Empties = round_trip(json);
        let inner = Inner { size: Some(2), ..Inner::new("n") };
        let counts: BTreeMap<String, i64> = [("x".to_owned(), 1)].into_iter().collect();
        // `new` converts each argument: `&str` into `Color`, `i64` into `Level` and the union.
        let built = Empties::new("t", -3, 0.25, true, vec!["a".to_owned(), "b".to_owned()], counts, inner, "green", 2, 7);
        assert_eq!(parsed, built);
        assert_eq!((parsed.color, parsed.level, parsed.id), (Color::Green, Level::V2, empties::Id::Integer(7)));
    }

    #[test]
    fn a_constant_sent_with_another_value_is_kept_and_written_back() {
        let inner: Inner = round_trip(json!({"kind": "outer", "name": "n"}));
        assert_eq!(inner, Inner { kind: "outer".into(), ..Inner::new("n") });
        // Absent or null: the spec's value, which is written.
        assert_eq!(parse::<Inner>(&json!({"name": "n"})).kind, "inner");
        assert_eq!(to_json(&parse::<Inner>(&json!({"kind": null, "name": "n"}))), json!({"kind": "inner", "name": "n"}));
    }

    #[test]
    fn unknown_properties_are_kept_in_extra_and_written_back() {
        let mut json = empty_json();
        json["since"] = json!("v2");
        json["inner"]["tags"] = json!(["new", {"deep": null}]);
        let parsed: Empties = round_trip(json);
        let inner = Inner { extra: map(&[("tags", json!(["new", {"deep": null}]))]), ..Inner::new("") };
        assert_eq!(parsed, Empties { inner, extra: map(&[("since", json!("v2"))]), ..empty() });
        // Built by hand: `extra` is written after the named properties.
        let built = Inner { extra: map(&[("a", json!(1))]), ..Inner::new("n") };
        assert_eq!(serde_json::to_string(&built).unwrap(), r#"{"kind":"inner","name":"n","a":1}"#);
    }

    /// `Either` is oneOf [First {a required, b}, Second {c required, d}]:
    /// tolerant reading would accept either for any object, so the arm is
    /// chosen by the keys the object holds.
    #[test]
    fn an_untagged_union_picks_the_arm_the_keys_point_to() {
        // Only Second names `d`, though First comes first in the spec.
        let second: Either = parse(&json!({"d": 1}));
        assert_eq!(second, Either::Second(Second { d: Some(1), ..Second::new(0) }));
        assert_eq!(to_json(&second), json!({"c": 0, "d": 1}));
        assert_eq!(parse::<Either>(&json!({"b": 2})), Either::First(First { b: Some(2), ..First::new(0) }));
        assert_eq!(round_trip::<Either>(json!({"c": 3})), Either::Second(Second::new(3)));
        // An arm with its required properties comes before one without; the other key is kept.
        assert_eq!(round_trip::<Either>(json!({"a": 1, "d": 2})), Either::First(First { extra: map(&[("d", json!(2))]), ..First::new(1) }));
        assert_eq!(round_trip::<Either>(json!({"c": 1, "b": 2})), Either::Second(Second { extra: map(&[("b", json!(2))]), ..Second::new(1) }));
        // An empty object tries every arm, in the spec's order.
        assert_eq!(parse::<Either>(&json!({})), Either::First(First::new(0)));
    }

    #[test]
    fn an_untagged_union_keeps_what_no_arm_takes() {
        // No arm names `x`; no arm reads a string `a`; neither is an object.
        for kept in [json!({"x": 1}), json!({"a": "one"}), json!("s"), json!(null)] {
            assert_eq!(round_trip::<Either>(kept.clone()), Either::Unknown(kept));
        }
    }

    /// `Message` is tagged by `type`; UserMessage and AssistantMessage share
    /// the tag `message` and differ in their constant `role` and their keys.
    #[test]
    fn arms_that_share_a_tag_are_told_apart_by_constant_and_keys() {
        let user = json!({"type": "message", "role": "user", "text": "hi"});
        assert_eq!(round_trip::<Message>(user), Message::UserMessage(UserMessage::new("hi")));
        let assistant = json!({"type": "message", "role": "assistant", "id": "m1", "text": "hello"});
        assert_eq!(round_trip::<Message>(assistant), Message::AssistantMessage(AssistantMessage { text: Some("hello".into()), ..AssistantMessage::new("m1") }));
        // By the constant alone: only `text`, which UserMessage requires, yet role assistant.
        let by_role: Message = parse(&json!({"type": "message", "role": "assistant", "text": "hello"}));
        assert_eq!(by_role, Message::AssistantMessage(AssistantMessage { text: Some("hello".into()), ..AssistantMessage::new("") }));
        // By keys alone (no role): `id` points to AssistantMessage, `text` alone to UserMessage.
        let by_id: Message = parse(&json!({"type": "message", "id": "m2", "text": "x"}));
        assert_eq!(by_id, Message::AssistantMessage(AssistantMessage { text: Some("x".into()), ..AssistantMessage::new("m2") }));
        assert_eq!(parse::<Message>(&json!({"type": "message", "text": "x"})), Message::UserMessage(UserMessage::new("x")));
        // A role neither arm has: kept whole. Another tag: its own arm, or kept whole.
        let system = json!({"type": "message", "role": "system", "text": "x"});
        assert_eq!(round_trip::<Message>(system.clone()), Message::Unknown(system));
        assert_eq!(round_trip::<Message>(json!({"type": "call", "name": "f"})), Message::Call(Call::new("f")));
        let later = json!({"type": "reasoning"});
        assert_eq!(round_trip::<Message>(later.clone()), Message::Unknown(later));
    }

    #[test]
    fn a_struct_of_optional_properties_has_default() {
        let options = Options::default();
        assert_eq!((options.object.as_deref(), options.limit), (Some("options"), None));
        assert!(options.extra.is_empty());
        // The deprecated `legacy` is None too: not written.
        assert_eq!(to_json(&options), json!({"object": "options"}));
        assert_eq!(parse::<Options>(&json!({"object": "options"})), options);
        // Left out, the optional constant stays out.
        assert_eq!(round_trip::<Options>(json!({})), Options { object: None, ..options.clone() });
        // Struct update syntax leaves the deprecated field unnamed: no warning
        // under this module's `deny(deprecated)`.
        let limited = Options { limit: Some(5), ..Options::default() };
        assert_eq!(to_json(&limited), json!({"object": "options", "limit": 5}));
        // A deprecated property sent by the API is still read and written back.
        let _: Options = round_trip(json!({"object": "options", "legacy": "x"}));
    }

    #[test]
    fn new_takes_the_required_properties_in_required_order() {
        // `required: [b, a, c]`, properties in the order a, b, c: new(b, a, c).
        let ordered = Ordered::new(2, "x", None);
        assert_eq!((ordered.a.as_str(), ordered.b, ordered.c.as_deref()), ("x", 2, None));
        assert!(ordered.extra.is_empty());
        // A required nullable property is written as null; the deprecated optional one is left out.
        assert_eq!(to_json(&ordered), json!({"a": "x", "b": 2, "c": null}));
        let with_c = Ordered::new(2, String::from("x"), "set".to_owned());
        assert_eq!(with_c.c.as_deref(), Some("set"));
        let with_extra = Ordered { extra: map(&[("z", json!(true))]), ..Ordered::new(1, "y", Some("c".to_owned())) };
        assert_eq!(round_trip::<Ordered>(json!({"a": "y", "b": 1, "c": "c", "z": true})), with_extra);
        // The deprecated `old` read from the API is kept and written back.
        let _: Ordered = round_trip(json!({"a": "y", "b": 1, "c": null, "old": 3}));
    }

    #[test]
    fn open_enums_convert_from_strings_and_integers() {
        assert_eq!(Color::from("red"), Color::Red);
        assert_eq!(Color::from("blue"), Color::Other("blue".into()));
        assert_eq!(Color::from(String::from("green")), Color::Green);
        assert_eq!(Color::from("blue").as_str(), "blue");
        assert_eq!((Level::from(3), Level::from(9)), (Level::V3, Level::Other(9)));
        assert_eq!(Level::from(9).value(), 9);
    }

    #[test]
    fn unions_convert_from_their_arms() {
        // One string-shaped arm: `&str` and `String` convert into it.
        assert_eq!(Prompt::from("hi"), Prompt::String("hi".into()));
        assert_eq!(Prompt::from(String::from("hi")), Prompt::String("hi".into()));
        assert_eq!(Prompt::from(vec!["a".to_owned()]), Prompt::Array(vec!["a".into()]));
        assert_eq!(Prompt::from(First::new(1)), Prompt::First(First::new(1)));
        assert_eq!(to_json(&Prompt::from(First::new(1))), json!({"a": 1}));
        assert_eq!(Either::from(Second::new(4)), Either::Second(Second::new(4)));
        assert_eq!(Message::from(Call::new("f")), Message::Call(Call::new("f")));
        assert_eq!(to_json(&Message::from(UserMessage::new("hi"))), json!({"type": "message", "role": "user", "text": "hi"}));
        assert_eq!((empties::Id::from(5), empties::Id::from("x")), (empties::Id::Integer(5), empties::Id::String("x".into())));
    }

    #[test]
    fn a_union_with_a_string_arm_reads_by_json_kind() {
        assert_eq!(round_trip::<Prompt>(json!("hi")), Prompt::String("hi".into()));
        assert_eq!(round_trip::<Prompt>(json!(["a"])), Prompt::Array(vec!["a".into()]));
        assert_eq!(parse::<Prompt>(&json!({"b": 1})), Prompt::First(First { b: Some(1), ..First::new(0) }));
        let kept = json!({"zzz": 1});
        assert_eq!(round_trip::<Prompt>(kept.clone()), Prompt::Unknown(kept));
    }

    /// anyOf [$ref SharedModels (anyOf [string, enum]), enum]: one open enum
    /// with the values of both.
    #[test]
    fn a_union_of_string_unions_is_one_open_enum() {
        assert_eq!(ModelId::from("small"), ModelId::Small);
        assert_eq!(ModelId::from("tiny"), ModelId::Tiny);
        assert_eq!(ModelId::from("huge"), ModelId::Other("huge".into()));
        assert_eq!(round_trip::<ModelId>(json!("large")), ModelId::Large);
        assert_eq!(round_trip::<ModelId>(json!("custom")), ModelId::Other("custom".into()));
        parse_err::<ModelId>(&json!(1));
    }

    /// `Default` only where nothing is required: checked at compile time.
    #[test]
    fn default_is_implemented_where_nothing_is_required() {
        fn default_of<T: Default>() -> T {
            T::default()
        }
        assert_eq!(default_of::<Options>(), Options::default());
        assert_eq!(to_json(&default_of::<Options>()), json!({"object": "options"}));
    }
}

/// Schemas that are arrays or maps of themselves: newtypes whose JSON is the
/// inner value's.
mod alias_cycles {
    use super::*;
    use g::alias_cycles::{holder::Either, Dict, Forest, Holder, List, Row, Rows, Tree};

    #[test]
    fn a_newtype_reads_and_writes_its_inner_json() {
        let list: List = round_trip(json!([[], [[]]]));
        assert_eq!(list, List(vec![List(vec![]), List(vec![List(vec![])])]));
        let dict: Dict = round_trip(json!({"a": {"b": {}}}));
        assert_eq!(dict.0["a"].0["b"], Dict::default());
        let rows: Rows = round_trip(json!([{"x": [{}]}, {}]));
        assert_eq!(rows.0[0].0["x"], Rows(vec![Row::default()]));
        // A plain alias on the cycle stays an alias of the newtype.
        let tree: Tree = round_trip(json!([null, [null]]));
        assert_eq!(tree, Forest(vec![None, Some(Forest(vec![None]))]));
        parse_err::<List>(&json!({"a": 1}));
    }

    #[test]
    fn newtypes_are_fields_and_union_arms_like_any_type() {
        let holder: Holder = round_trip(json!({"list": [[]], "rows": [], "dict": {}, "either": [[]]}));
        assert_eq!(holder.either, Some(Either::List(List(vec![List(vec![])]))));
        assert_eq!(parse::<Holder>(&json!({"list": [], "rows": [], "either": "s"})).either, Some(Either::String("s".into())));
        // Tolerant reading: absent or null newtypes are empty, as a list is.
        assert_eq!(parse::<Holder>(&json!({"rows": null})), Holder::new(List::default(), Vec::new()));
        assert_eq!(to_json(&Holder::new(vec![List::from(vec![])], Rows::default())), json!({"list": [[]], "rows": []}));
    }
}

/// Schemas named like Rust keywords: valid, warning-free modules and types.
mod keyword_names {
    use super::*;
    use g::keyword_names::{self_2, Crate, SelfModel, SelfModel2, Super, Type, Type2, Type3};

    /// Names go by the byte order of the schemas' names: `Self` takes
    /// `SelfModel` before `self`, `Type` takes `Type` before `type`.
    #[test]
    fn keyword_named_schemas_read_their_json() {
        let s: self_2::SelfModel2 = round_trip(json!({"self": "a", "Self": "b"}));
        assert_eq!((s.self_.as_deref(), s.self_2.as_deref()), (Some("a"), Some("b")));
        let s: SelfModel = round_trip(json!({"super": "Self"}));
        assert_eq!(s, SelfModel { super_: Some(Super::SelfValue2), ..Default::default() });
        let t: Type2 = round_trip(json!({"crate": "c", "mod": 1}));
        assert_eq!((t.crate_, t.r#mod), (Some(Crate::from("c")), Some(1)));
        let _: (Type, Type3) = (String::new(), String::new());
        let _ = SelfModel2::default();
    }
}

/// Non-ASCII schema, property and enum names: distinct ASCII identifiers.
mod unicode_names {
    use super::*;
    use g::unicode_names::{U65e5U672c, U65e5U672cU8a9e, Unicode, Unicode2};

    #[test]
    fn non_ascii_names_keep_their_json_names() {
        // `Unicode` sorts before `Ünïcødé`, so it keeps the plain name.
        let u: Unicode2 = round_trip(json!({"größe": 1, "Größe": "L"}));
        assert_eq!((u.grosse, u.grosse_2.as_deref()), (Some(1), Some("L")));
        let _: Unicode = String::new();
        let j: U65e5U672c = round_trip(json!({"名前": "太郎", "言語": "日本語"}));
        assert_eq!((j.u540d_u524d.as_str(), j.u8a00_u8a9e), ("太郎", Some(U65e5U672cU8a9e::U65e5U672cU8a9e)));
        assert_eq!(round_trip::<U65e5U672cU8a9e>(json!("Français")), U65e5U672cU8a9e::Francais);
        assert_eq!(U65e5U672cU8a9e::Empty.as_str(), "");
    }
}

/// Enum values listed more than once: one variant each.
mod duplicate_enum_values {
    use super::*;
    use g::duplicate_enum_values::{query::Size, Letter, Level, Maybe, Number, Order, Query};

    #[test]
    fn a_repeated_value_is_one_variant() {
        assert_eq!(round_trip::<Letter>(json!("a")), Letter::A);
        assert_eq!(round_trip::<Number>(json!(1)), Number::V1);
        assert_eq!(round_trip::<Size>(json!(20)), Size::V20);
        assert_eq!(round_trip::<Level>(json!("low")), Level::Low);
        // Only case tells these apart.
        assert_eq!((Order::from("ASC"), Order::from("asc")), (Order::Asc, Order::Asc2));
        let q: Query = round_trip(json!({"letter": "b", "order": "asc", "size": 10}));
        assert_eq!((q.letter, q.order, q.size, q.maybe), (Some(Letter::B), Some(Order::Asc2), Some(Size::V10), None));
        assert_eq!(parse::<Query>(&json!({"maybe": "x"})).maybe, Some(Maybe::X));
    }
}

/// Structs with more than 256 fields: `PartialEq` and `Serialize` written out
/// flat, giving what the derives give.
mod wide_struct {
    use super::*;
    use g::wide_struct::{wide_union::Variant, wide_union::Variant1, Wide, WideUnion};

    #[test]
    fn a_wide_struct_writes_what_the_derive_would() {
        let wide = Wide::new("w1", None);
        assert_eq!(to_json(&wide), json!({"id": "w1", "kind": "wide", "mode": "fast", "note": null}));
        let json = json!({"id": "w1", "kind": "wide", "note": "n", "p0": 0, "p252": 252, "zzz": [1]});
        let read: Wide = round_trip(json);
        assert_eq!((read.p0, read.p1, read.p252, read.mode.as_deref()), (Some(0), None, Some(252), None));
        assert_eq!(read.extra["zzz"], json!([1]));
        assert_eq!(read.clone(), read);
        assert_ne!(Wide { p100: Some(1), ..read.clone() }, read);
        assert_ne!(Wide { extra: Default::default(), ..read.clone() }, read);
    }

    #[test]
    fn a_wide_struct_flattens_its_union() {
        let json = json!({"a": "x", "id": "w2", "kind": "wide", "note": null, "p7": 7});
        let read: WideUnion = round_trip(json);
        assert_eq!(read.variant, Variant::Variant1(Variant1::new("x")));
        assert_eq!(read.p7, Some(7));
        let built = WideUnion::new("w2", None, Variant1::new("y"));
        assert_eq!(to_json(&built), json!({"a": "y", "id": "w2", "kind": "wide", "mode": "fast", "note": null}));
        assert_ne!(built, read);
    }
}

/// Chains deeper than rustc follows by default: one reference in each is an
/// `api::Link`, which reads, writes, derefs and converts as its value does.
mod long_chains {
    use super::*;
    use g::long_chains::{api::Link, ring9, Ring0, Ring1, Ring8, Ring9, Tree0, Tree1, Tree4};

    /// rustc can tell these (it stops at the link), and so can user code.
    fn auto<T: Send + Sync + Unpin + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}

    #[test]
    fn the_cycle_reads_and_writes_through_its_link() {
        auto::<Ring0>();
        auto::<Ring9>();
        let json = json!({"name": "r0", "next": {"next": {"next": {"next": {"next": {"next": {"next": {"next": {"next": {
            "name": "r9",
            "next": {"name": "again", "next": {"next": {"next": {"next": {"next": {"next": {"next": {"next": {"next": {"next": "end"}}}}}}}}}}
        }}}}}}}}}});
        let ring: Ring0 = round_trip(json);
        let r9 = |r: &Ring0| -> Ring9 {
            r.next
                .as_ref()
                .and_then(|r| r.next.as_ref()?.next.as_ref()?.next.as_ref()?.next.as_ref()?.next.as_ref()?.next.as_ref()?.next.as_ref()?.next.clone())
                .expect("nine links")
        };
        let last = r9(&ring);
        assert_eq!(last.name.as_deref(), Some("r9"));
        // The link derefs to the first type again.
        let ring9::Next::Ring0(again) = &last.next else { panic!("{:?}", last.next) };
        assert_eq!(again.name.as_deref(), Some("again"));
        assert_eq!(r9(again).next, ring9::Next::String("end".into()));
        let taken: Ring0 = again.clone().into_inner();
        assert_eq!(&taken, &**again);
    }

    #[test]
    fn a_link_is_built_from_its_value() {
        let closing = Ring9::new(Ring0 { name: Some("first".into()), ..Default::default() });
        assert_eq!(to_json(&closing), json!({"next": {"name": "first"}}));
        let mut eight = Ring8 { next: Some(closing), ..Default::default() };
        eight.next.as_mut().unwrap().next = "text".into();
        assert_eq!(to_json(&eight), json!({"next": {"next": "text"}}));
        let link: Link<Ring0> = Ring0::default().into();
        assert_eq!(ring9::Next::from(Ring0::default()), ring9::Next::Ring0(link));
        assert_eq!(Ring1::default().next, None);
    }

    #[test]
    fn a_map_of_links_reads_as_a_map_of_values() {
        auto::<Tree0>();
        let tree: Tree0 =
            round_trip(json!({"children": {"a": {"children": {"b": {"children": {"c": {"children": {"d": {"children": {"e": {"label": "leaf"}}}}}}}}}}}));
        let a: &Link<Tree1> = &tree.children.as_ref().unwrap()["a"];
        let d: &Tree4 = &a.children.as_ref().unwrap()["b"].children.as_ref().unwrap()["c"].children.as_ref().unwrap()["d"];
        assert_eq!(d.children.as_ref().unwrap()["e"].label.as_deref(), Some("leaf"));
    }
}

/// A keyword of another type beside `type` (which `openapiv3` reads as a
/// mixed schema) changes nothing: `format` and a listed `null` still count.
mod mixed_keywords {
    use super::*;
    use g::mixed_keywords::{mixed::Level, Mixed};

    #[test]
    fn format_and_a_listed_null_are_read_as_for_a_plain_schema() {
        let m: Mixed = round_trip(json!({"small": 7, "big": 18_446_744_073_709_551_615u64, "level": null}));
        let small: i32 = m.small;
        assert_eq!((small, m.big, m.level), (7, Some(u64::MAX), None));
        assert!(parse_err::<Mixed>(&json!({"small": 3_000_000_000u64, "level": "low"})).contains("invalid value"));
        assert_eq!(parse::<Mixed>(&json!({"small": 1, "level": "high"})).level, Some(Level::High));
    }
}
