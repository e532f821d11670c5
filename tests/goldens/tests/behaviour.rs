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

mod constants {
    use super::*;
    use g::constants::{batch, errors, Batch, Counters, Errors, Ping};

    fn batch() -> Batch {
        Batch { id: "b1".into(), status_kind: batch::StatusKind::Job, errors: None, metadata: None }
    }

    #[test]
    fn the_tag_is_written_without_being_a_field() {
        // `object` is not a field of `Batch`, yet it is on the wire.
        assert_eq!(to_json(&batch()), json!({"object": "batch", "id": "b1", "status_kind": "job", "errors": null}));
    }

    #[test]
    fn the_tag_is_read_but_not_checked_on_input() {
        let good = json!({"object": "batch", "id": "b1", "status_kind": "job", "errors": null});
        assert_eq!(parse::<Batch>(&good), batch());
        // serde neither requires nor checks a struct's tag: a missing or other
        // value still parses (and is replaced by "batch" on output).
        let other = json!({"object": "file", "id": "b1", "status_kind": "job", "errors": null});
        assert_eq!(parse::<Batch>(&other), batch());
        assert_eq!(parse::<Batch>(&json!({"id": "b1", "status_kind": "job", "errors": null})), batch());
    }

    #[test]
    fn a_second_constant_is_a_one_value_enum_field() {
        assert_eq!(batch::StatusKind::default(), batch::StatusKind::Job);
        assert_eq!(to_json(&batch::StatusKind::Job), json!("job"));
        // Missing: its default. Another value: rejected, it is a constant.
        let parsed: Batch = parse(&json!({"object": "batch", "id": "b1", "errors": null}));
        assert_eq!(parsed.status_kind, batch::StatusKind::Job);
        parse_err::<Batch>(&json!({"object": "batch", "id": "b1", "status_kind": "task", "errors": null}));
    }

    #[test]
    fn required_nullable_serializes_null_and_optional_is_skipped() {
        let json = to_json(&batch());
        assert_eq!(json["errors"], Value::Null);
        assert!(json.as_object().unwrap().contains_key("errors"), "required+nullable must be written as null");
        assert!(!json.as_object().unwrap().contains_key("metadata"), "optional None must be omitted");

        let full = Batch {
            metadata: Some("note".into()),
            errors: Some(Errors { object: None, data: vec!["bad line".into()] }),
            ..batch()
        };
        assert_eq!(
            to_json(&full),
            json!({
                "object": "batch", "id": "b1", "status_kind": "job", "metadata": "note",
                "errors": {"type": "list", "data": ["bad line"]}
            })
        );
        assert_eq!(round_trip::<Batch>(to_json(&full)), full);
    }

    #[test]
    fn an_optional_constant_that_is_not_the_tag_is_an_option() {
        let errors: Errors = round_trip(json!({"type": "list", "object": "errors", "data": []}));
        assert_eq!(errors.object, Some(errors::Object::Errors));
        let errors: Errors = round_trip(json!({"type": "list", "data": ["x"]}));
        assert_eq!(errors.object, None);
    }

    #[test]
    fn a_tag_the_spec_does_not_require_is_written_and_may_be_missing() {
        assert_eq!(to_json(&Ping { at: Some(5) }), json!({"type": "ping", "at": 5}));
        assert_eq!(parse::<Ping>(&json!({"type": "ping"})), Ping { at: None });
        // `type` is not in Ping's `required`, so `{"at": 5}` is valid per the spec.
        assert_eq!(parse::<Ping>(&json!({"at": 5})), Ping { at: Some(5) });
    }

    fn counters() -> Counters {
        Counters {
            object: Default::default(),
            total: Some(3),
            additional_properties: [("retries".to_owned(), 2)].into_iter().collect(),
        }
    }

    #[test]
    fn additional_properties_are_flattened_beside_the_tag() {
        assert_eq!(to_json(&counters()), json!({"object": "counters", "total": 3, "retries": 2}));
    }

    /// With a flattened map, the constant is a field (a tag would land in the map).
    #[test]
    fn a_tagged_struct_with_additional_properties_reads_its_own_output() {
        assert_eq!(round_trip::<Counters>(json!({"object": "counters", "total": 3, "retries": 2})), counters());
    }

    /// Structs' `Deserialize` is generated, not derived (emit.rs,
    /// `struct_deserialize`): these pin that it reads as serde's derive would.
    mod reading {
        use super::*;

        #[test]
        fn a_missing_required_field_is_named() {
            let err = parse_err::<Batch>(&json!({"object": "batch", "status_kind": "job", "errors": null}));
            assert!(err.starts_with("missing field `id`"), "{err}");
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
        }

        #[test]
        fn unknown_keys_are_skipped_whatever_they_hold() {
            let json = json!({"id": "b1", "errors": null, "new_field": {"deep": [1, {"x": null}]}, "n": 1.5});
            assert_eq!(parse::<Batch>(&json), batch());
        }

        #[test]
        fn keys_are_found_however_the_reader_hands_them_over() {
            let text = r#"{"i\u0064": "b1", "errors": null}"#; // an escaped key is not borrowed
            assert_eq!(serde_json::from_str::<Batch>(text).unwrap(), batch());
            assert_eq!(serde_json::from_reader::<_, Batch>(text.as_bytes()).unwrap(), batch());
            assert_eq!(serde_json::from_value::<Batch>(json!({"id": "b1", "errors": null})).unwrap(), batch());
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
                r#"{"status_kind": "job", "metadata": "note", "x": 1, "id": "b1", "errors": null}"#,
            ] {
                assert_eq!(serde_json::from_str::<Batch>(text).unwrap(), full, "{text}");
            }
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
        input_message, output_message, part, settings, Effort, FunctionCall, ImagePart, Input, InputMessage, Item,
        LooseItem, OutputMessage, Part, Pet, Priority, Settings, Switch, TextPart,
    };

    #[test]
    fn nullable_ref_is_an_option_that_serializes_null() {
        let s: Settings = round_trip(json!({"model": "o3", "reasoning": null, "switch": null}));
        assert_eq!(s.reasoning, None);
        let s: Settings = round_trip(json!({"model": "o3", "reasoning": "high", "priority": 2, "switch": 1}));
        assert_eq!(s.reasoning, Some(Effort::High));
        assert_eq!(s.priority, Some(Priority::V2));
        assert_eq!(s.switch, Some(Switch::On));
    }

    #[test]
    fn string_or_enum_is_one_open_enum() {
        let s: Settings = round_trip(json!({"model": "gpt-4o-mini", "reasoning": null, "switch": null}));
        assert_eq!(s.model, settings::Model::Gpt4oMini);
        let s: Settings = round_trip(json!({"model": "my-fine-tune", "reasoning": "extreme", "switch": 0}));
        assert_eq!(s.model, settings::Model::Other("my-fine-tune".into()));
        assert_eq!(s.model.as_str(), "my-fine-tune");
        assert_eq!(s.reasoning, Some(Effort::Other("extreme".into())));
        // Not a string at all: an error, not `Other`.
        parse_err::<Settings>(&json!({"model": 4, "reasoning": null, "switch": null}));
    }

    #[test]
    fn integer_enum_is_open() {
        assert_eq!(round_trip::<Priority>(json!(-1)), Priority::VMinus1);
        assert_eq!(round_trip::<Priority>(json!(0)), Priority::V0);
        assert_eq!(round_trip::<Priority>(json!(7)), Priority::Other(7));
        assert_eq!(Priority::Other(7).value(), 7);
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
        assert_eq!(
            round_trip::<Part>(json!({"type": "text", "text": "hi"})),
            Part::TextPart(TextPart { text: "hi".into() })
        );
        assert_eq!(
            round_trip::<Part>(json!({"type": "image", "url": "https://x/y.png"})),
            Part::ImagePart(ImagePart { url: "https://x/y.png".into() })
        );
        // An inline arm, named after its tag.
        assert_eq!(
            round_trip::<Part>(json!({"type": "audio", "data": "AAAA"})),
            Part::Audio(part::Audio { data: "AAAA".into() })
        );
    }

    #[test]
    fn tagged_union_keeps_an_unknown_tag_whole() {
        let json = json!({"type": "video", "url": "v.mp4", "frames": [1, 2]});
        assert_eq!(round_trip::<Part>(json.clone()), Part::Unknown(json));
    }

    #[test]
    fn tagged_union_with_a_known_tag_but_a_bad_payload_is_an_error() {
        let err = parse_err::<Part>(&json!({"type": "text"}));
        assert!(err.contains("text"), "{err}");
    }

    #[test]
    fn discriminator_mapping_selects_the_arm() {
        let pet: Pet = round_trip(json!({"kind": "kitty", "lives": 9}));
        assert_eq!(pet, Pet::Cat(g::unions::Cat { kind: "kitty".into(), lives: 9 }));
        let pet: Pet = round_trip(json!({"kind": "dog", "good": true}));
        assert!(matches!(pet, Pet::Dog(ref d) if d.good));
        let bird = json!({"kind": "bird", "wings": 2});
        assert_eq!(round_trip::<Pet>(bird.clone()), Pet::Unknown(bird));
    }

    #[test]
    fn discriminator_arm_without_the_property_gets_it_written() {
        let fish = Pet::Fish(g::unions::Fish { fins: 3 });
        assert_eq!(to_json(&fish), json!({"kind": "fish", "fins": 3}));
        assert_eq!(round_trip::<Pet>(json!({"kind": "fish", "fins": 3})), fish);
    }

    fn user_message() -> Value {
        json!({"type": "message", "role": "user", "content": "hello"})
    }

    fn assistant_message() -> Value {
        json!({"type": "message", "role": "assistant", "id": "msg_1", "content": "hi"})
    }

    #[test]
    fn shared_tag_picks_the_arm_by_its_constant_role() {
        assert_eq!(
            round_trip::<Item>(user_message()),
            Item::InputMessage(InputMessage { role: input_message::Role::User, content: "hello".into() })
        );
        assert_eq!(
            round_trip::<Item>(assistant_message()),
            Item::OutputMessage(OutputMessage {
                role: output_message::Role::Assistant,
                id: "msg_1".into(),
                content: "hi".into()
            })
        );
        // A role neither arm lists falls to the open enum of InputMessage.
        let tool = json!({"type": "message", "role": "tool", "content": "42"});
        assert_eq!(
            round_trip::<Item>(tool),
            Item::InputMessage(InputMessage { role: input_message::Role::Other("tool".into()), content: "42".into() })
        );
        assert_eq!(
            round_trip::<Item>(json!({"type": "function_call", "name": "f"})),
            Item::FunctionCall(FunctionCall { name: "f".into() })
        );
        let reasoning = json!({"type": "reasoning", "summary": []});
        assert_eq!(round_trip::<Item>(reasoning.clone()), Item::Unknown(reasoning));
    }

    #[test]
    fn shared_tag_without_discriminator_tries_the_most_constrained_arm_first() {
        // An untagged union: OutputMessage (more required properties) is tried
        // before InputMessage, whose open `role` enum would take any role.
        assert_eq!(
            round_trip::<LooseItem>(assistant_message()),
            LooseItem::OutputMessage(OutputMessage {
                role: output_message::Role::Assistant,
                id: "msg_1".into(),
                content: "hi".into()
            })
        );
        assert!(matches!(round_trip::<LooseItem>(user_message()), LooseItem::InputMessage(_)));
        // A user message with an id: OutputMessage's constant role rejects it.
        let with_id = json!({"type": "message", "role": "user", "id": "m", "content": "c"});
        assert_eq!(
            parse::<LooseItem>(&with_id),
            LooseItem::InputMessage(InputMessage { role: input_message::Role::User, content: "c".into() })
        );
        assert!(matches!(
            round_trip::<LooseItem>(json!({"type": "function_call", "name": "f"})),
            LooseItem::FunctionCall(_)
        ));
        let odd = json!({"type": "other"});
        assert_eq!(round_trip::<LooseItem>(odd.clone()), LooseItem::Unknown(odd));
    }

    #[test]
    fn untagged_union_picks_by_json_kind() {
        assert_eq!(round_trip::<Input>(json!("hi")), Input::String("hi".into()));
        assert_eq!(round_trip::<Input>(json!(["a", "b"])), Input::Array(vec!["a".into(), "b".into()]));
        assert_eq!(
            round_trip::<Input>(json!({"type": "text", "text": "t"})),
            Input::TextPart(TextPart { text: "t".into() })
        );
        // No arm takes a number, a list of numbers, or an object without `text`: kept whole.
        for other in [json!(42), json!([1, 2]), json!({"type": "image", "url": "u"}), json!(null)] {
            assert_eq!(round_trip::<Input>(other.clone()), Input::Unknown(other));
        }
    }

    #[test]
    fn untagged_union_checks_a_struct_arms_tag() {
        // serde does not check TextPart's tag; the union's guard does.
        let audio = json!({"type": "audio", "text": "transcript"});
        assert_eq!(parse::<Input>(&audio), Input::Unknown(audio));
    }
}

mod allof {
    use super::*;

    /// allOf [oneOf [Ping, Pong], {stream_id}]: the variant is a flattened field.
    #[test]
    fn a_union_arm_of_an_all_of_is_flattened_beside_the_properties() {
        use g::allof::{stream_event, Pong, StreamEvent};
        let pong = json!({"type": "pong", "latency": 1.5, "stream_id": "s1"});
        let event: StreamEvent = parse(&pong);
        assert_eq!(event.stream_id, "s1");
        assert_eq!(event.variant, stream_event::Variant::Pong(Pong { latency: 1.5 }));
        assert_eq!(to_json(&event), pong);
        // An event kind the spec does not know keeps its JSON; stream_id is still read.
        let later: StreamEvent = parse(&json!({"type": "pang", "stream_id": "s2"}));
        assert_eq!(later.stream_id, "s2");
        assert!(matches!(later.variant, stream_event::Variant::Unknown(_)));
    }
    use g::allof::{project, timestamped, Named, Owner, Project};

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
                name: "p".into(),
                created_at: 1,
                updated_at: 2,
                // The inline enum of a merged arm stays its component's type.
                zone: Some(timestamped::Zone::Utc),
                archived: false,
                owner: Some(Named { name: "ann".into() }),
                tier: Some(project::Tier::Pro),
            }
        );
    }

    #[test]
    fn a_required_only_arm_makes_a_merged_property_required() {
        let mut json = project_json();
        json.as_object_mut().unwrap().remove("updated_at");
        let err = parse_err::<Project>(&json);
        assert!(err.contains("updated_at"), "{err}");
        // Still optional in Timestamped itself.
        let t: g::allof::Timestamped = round_trip(json!({"created_at": 1}));
        assert_eq!(t.updated_at, None);
    }

    #[test]
    fn a_ref_with_a_description_is_an_alias() {
        let owner: Owner = Named { name: "bob".into() };
        assert_eq!(to_json(&owner), json!({"name": "bob"}));
    }
}

mod recursion {
    use super::*;
    use g::recursion::{Binary, Department, Employee, Expr, Holder, Inner, Literal, Location, TreeNode};

    fn leaf(value: i64) -> TreeNode {
        TreeNode { value, parent: None, children: None, labels: None }
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
        let Expr::Binary(outer) = expr else { panic!("expected a binary expression") };
        assert_eq!(*outer.left, Expr::Literal(Literal { value: 1.5 }));
        let Some(right) = outer.right else { panic!("right is set") };
        assert_eq!(
            *right,
            Expr::Binary(Box::new(Binary {
                op: "*".into(),
                left: Box::new(Expr::Literal(Literal { value: 2.0 })),
                right: None
            }))
        );
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
        assert!(holder.inner.is_some());
    }

    #[test]
    fn a_described_ref_in_a_cycle_stays_an_alias_of_its_target() {
        assert_eq!(std::any::type_name::<Inner>(), std::any::type_name::<Holder>());
    }
}

mod names {
    use super::*;
    use g::names::{
        std_, CheckoutSession, Choice, Error2, Keywords, Locals, OptionModel, ResultModel, SortOrder, Std, T2fa, Timezone,
    };

    /// The generated reader's own locals start with `__`, so fields named
    /// `map`, `key`, `keys` or `rest` (each a slot of that name) don't clash.
    #[test]
    fn fields_named_like_the_readers_locals_read_and_write() {
        let json = json!({"map": "m", "key": "k", "keys": 2, "rest": true, "other": "o"});
        let locals: Locals = round_trip(json);
        assert_eq!((locals.map.as_str(), locals.key.as_str(), locals.keys, locals.rest), ("m", "k", Some(2), Some(true)));
        assert_eq!(locals.additional_properties.get("other").map(String::as_str), Some("o"));
    }

    #[test]
    fn keyword_fields_map_to_their_json_names() {
        let k = Keywords {
            r#type: "t".into(),
            self_: "https://x/self".into(),
            crate_: 3,
            r#match: Some(true),
            type_2: Some("T".into()),
            id: Some("#id".into()),
            _24h: Some(24),
        };
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
        assert_eq!(s.option, OptionModel { value: "v".into() });
        assert_eq!(s.result, ResultModel::Ok);
        assert_eq!(s.checkout, Some(CheckoutSession { id: "cs_1".into() }));
        assert_eq!(s.error, Some(Error2 { code: 2 }));
        assert_eq!(s.second_factor, Some(T2fa { enabled: true }));
        // `std` is module `std_`; the crate `std` is still reachable.
        let _: std_::Std = s;
        let _: ::std::string::String = String::new();
        assert_eq!(round_trip::<ResultModel>(json!("error")), ResultModel::Error);
    }

    #[test]
    fn enum_values_that_collide_after_case_conversion_stay_distinct() {
        for (json, value) in [
            (json!("ASC"), SortOrder::Asc),
            (json!("asc"), SortOrder::Asc2),
            (json!("DESC"), SortOrder::Desc),
            (json!("desc"), SortOrder::Desc2),
        ] {
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
    }

    #[test]
    fn a_value_named_like_the_catch_all_does_not_take_its_place() {
        assert_eq!(round_trip::<Choice>(json!("other")), Choice::Other2);
        assert_eq!(round_trip::<Choice>(json!("Other")), Choice::Other3);
        assert_eq!(round_trip::<Choice>(json!("self")), Choice::SelfValue);
        assert_eq!(round_trip::<Choice>(json!("OTHER")), Choice::Other("OTHER".into()));
    }
}

#[allow(deprecated, reason = "the docs case marks a schema and a property deprecated; using them must still compile")]
mod docs {
    use super::*;
    use g::docs::{Model, OldOwner, OldStatus};

    #[test]
    fn deprecated_items_compile_and_work() {
        let model = Model {
            id: "gpt-4o".into(),
            legacy_name: Some("davinci".into()),
            owner: Some(OldOwner { name: "openai".into() }),
            status: Some(OldStatus::Retired),
        };
        let json = json!({"id": "gpt-4o", "legacy_name": "davinci", "owner": {"name": "openai"}, "status": "retired"});
        assert_eq!(to_json(&model), json);
        assert_eq!(round_trip::<Model>(json), model);
        assert_eq!(round_trip::<OldStatus>(json!("sunset")), OldStatus::Other("sunset".into()));
    }
}

mod openapi31 {
    use super::*;
    use g::openapi31::{event, legacy, Event, Legacy};

    fn event_json() -> Value {
        json!({"type": "event", "id": "evt_1", "note": null, "seq": i64::MIN})
    }

    #[test]
    fn const_is_the_tag() {
        let e: Event = round_trip(event_json());
        assert_eq!(e.seq, i64::MIN);
        assert_eq!(to_json(&e)["type"], json!("event"));
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
        assert_eq!(e.parent.as_ref().map(|p| p.seq), Some(-1));
        assert_eq!(e.children.as_ref().map(|c| c[0].id.clone()), Some(event::Id::Integer(2)));
    }

    #[test]
    fn nullable_true_is_an_option() {
        let l: Legacy = round_trip(json!({"name": null, "count": null}));
        assert_eq!(l, Legacy { name: None, count: None, color: None });
        assert_eq!(to_json(&l), json!({"name": null, "count": null}));
        let l: Legacy = round_trip(json!({"name": "n", "count": 1, "color": "green"}));
        assert_eq!(l.color, Some(legacy::Color::Green));
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
                input_tokens: 10,
                // The named schema's inline children live in its module.
                input_tokens_details: batch_usage::InputTokensDetails { cached_tokens: 4 },
                mode: Some(batch_usage::Mode::Fast),
            }
        );
        assert_eq!(b.limits, Some(batch_limits::BatchLimits { max_requests: 5 }));
        // Unnamed inline schemas stay in the component's module.
        let errors: batch::Errors = b.errors.expect("errors is set");
        assert_eq!(errors.data.as_ref().map(|d| d[0].code.clone()), Some(Some("E1".into())));
        let _: Vec<batch::DataItem> = errors.data.unwrap_or_default();
    }

    #[test]
    fn a_named_nullable_schema_serializes_null() {
        let b = Batch {
            id: "b".into(),
            usage: BatchUsage {
                input_tokens: 0,
                input_tokens_details: batch_usage::InputTokensDetails { cached_tokens: 0 },
                mode: None,
            },
            limits: None::<BatchLimits>,
            errors: None,
        };
        assert_eq!(
            to_json(&b),
            json!({"id": "b", "usage": {"input_tokens": 0, "input_tokens_details": {"cached_tokens": 0}}, "limits": null})
        );
    }
}
