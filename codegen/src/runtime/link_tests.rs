//! Tests of `link.rs`, the `Link` the generated crate's module `api` carries
//! where its types hold one.

use super::link::Link;
use serde_json::json;

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
struct Node {
    name: String,
    next: Option<Link<Node>>,
}

#[test]
fn a_link_derefs_clones_compares_and_prints_as_its_value() {
    let mut link = Link::new(Node { name: "a".into(), next: None });
    assert_eq!(link.name, "a");
    link.name.push('b');
    assert_eq!(link.as_ref().name, "ab");
    let copy = link.clone();
    link.as_mut().name.clear();
    assert_eq!(copy.name, "ab", "a clone is its own value");
    assert_ne!(copy, link);
    assert_eq!(format!("{copy:?}"), format!("{:?}", Node { name: "ab".into(), next: None }));
    assert_eq!(copy.into_inner(), Node { name: "ab".into(), next: None });
    let from_box: Link<Node> = Box::new(Node::default()).into();
    assert_eq!(from_box, Link::default());
}

#[test]
fn a_link_reads_and_writes_the_json_of_its_value() {
    let body = json!({"name": "a", "next": {"name": "b", "next": {"name": "c", "next": null}}});
    let node: Node = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(node.next.as_deref().and_then(|b| b.next.as_deref()).map(|c| c.name.as_str()), Some("c"));
    assert_eq!(serde_json::to_value(&node).unwrap(), body);
    let err = serde_json::from_value::<Link<Node>>(json!({"name": 5})).unwrap_err();
    assert!(err.to_string().contains("invalid type: integer `5`"), "{err}");
}

#[test]
fn a_link_has_the_auto_traits_of_the_generated_types() {
    fn auto<T: Send + Sync + Unpin + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
    auto::<Link<Node>>();
    auto::<Node>();
}
