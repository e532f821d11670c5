//! Cargo features: which parts of the API a build turns on.
//!
//! A user who calls one part of a large API should compile only that part.
//! Each feature names a set of operations; turning it on generates those
//! operations and exactly the types they reach, through any field, variant,
//! alias, parameter, body, response or event.
//!
//! The rules users read are on [`Feature`] (re-exported at the root).
//!
//! # What a feature reaches
//! Reach is read from the document itself, before the model is built
//! ([`Reach::of`]): an operation reaches every component its JSON (and its
//! path item's `parameters`) names by `$ref` or in a discriminator's
//! `mapping`, and what those name in turn. A model type belongs to the
//! features that reach where it sits: its component, its operation, or for a
//! path item's shared parameters, that path item's operations. A reference
//! the model cannot use (under a `not`, say) still counts, so a feature may
//! turn on a type it does not need; it never misses one.
//!
//! # Building only what is on
//! With [`Enabled::Only`], the model builds only the operations that are on
//! and the component schemas their features reach ([`Reach::slice`]), so
//! that a build of one tag does not pay for the whole spec. What the model
//! decides for a type depends only on the types it reaches, which are all in
//! the slice: its boxes and links (`cycles`), how a union reads, which types
//! hold files. Names are claimed for every component and operation of the
//! spec, built or not, so a type has the same name in every build that has
//! it. (One exception: two inline types of different operations that come out
//! with the same name are told apart in the order met, which a slice can
//! change. OpenAI's spec has none.)

use std::collections::{BTreeMap, BTreeSet, HashMap};

use heck::ToKebabCase;
use serde_json::Value;

use super::{Model, TypeId};
use crate::pointer::JsonPointer;

/// The feature of the operations that have no tag.
pub const OTHER_OPERATIONS: &str = "other-operations";
/// The feature of the types that no operation reaches.
pub const OTHER_SCHEMAS: &str = "other-schemas";
/// The feature that turns on every other.
pub const FULL: &str = "full";
/// Names a tag's feature may not take.
const RESERVED: [&str; 4] = ["default", FULL, OTHER_OPERATIONS, OTHER_SCHEMAS];

/// The features of a spec, and which of them reach each type and operation.
#[derive(Clone, Debug, Default)]
pub struct Features {
    /// Every feature, sorted by name.
    pub list: Vec<Feature>,
    /// For each type (by [`TypeId`]): the features that reach it, as indices
    /// into `list`, ascending.
    pub of_type: Vec<Vec<usize>>,
    /// For each operation (by index into `Model::operations`): its features.
    pub of_operation: Vec<Vec<usize>>,
}

/// One Cargo feature of the generated crate: a part of the API a build
/// turns on ([`Config::features`](crate::Config::features),
/// [`Config::cargo_features`](crate::Config::cargo_features)). A user who
/// calls one part of a large API compiles only that part: turning a feature
/// on generates its operations and exactly the types they reach, through
/// any field, variant, alias, parameter, body, response or event.
///
/// # Rules
/// - **One feature per tag.** An operation's `tags` name its features: the
///   tag in kebab case, ASCII letters and digits only (`Chat` is `chat`,
///   `Vector stores` is `vector-stores`, `Fine-tuning` is `fine-tuning`,
///   `Audit Logs` is `audit-logs`). Tags that come out the same are one
///   feature. A name that would start with a digit gets `tag-` in front, one
///   with no ASCII letter or digit is `tag-` and its UTF-8 bytes in hex, and
///   one that would be a reserved name below gets `-tag` behind. An operation
///   with several tags is in each of their features. A tag that no operation
///   carries makes no feature: it would turn on nothing.
/// - **`other-operations`**: the operations without a tag.
/// - **`other-schemas`**: the types no operation reaches (in OpenAI's spec,
///   webhook payloads and types the spec lists for reference), so that every
///   type belongs to at least one feature.
/// - **`full`** turns on every feature, and **`default`** is `full`: a plain
///   build has everything, as before features existed. `full` also covers
///   tags added to the spec since the `[features]` table was written, so
///   that editing the spec and rebuilding needs no other step.
///
/// A type that several features reach is generated once, whichever of them
/// are on.
///
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Feature {
    /// Its name in `Cargo.toml`.
    pub name: String,
    /// The tags it stands for, as the spec writes them (none for the two
    /// `other-` features).
    pub tags: Vec<String>,
    /// How many operations it turns on.
    pub operations: usize,
    /// How many types it turns on (its own and those it shares).
    pub types: usize,
}

impl Feature {
    /// What it turns on, in a few words, for the `[features]` table and the docs.
    pub fn summary(&self) -> String {
        let ops = plural(self.operations, "operation");
        let types = plural(self.types, "type");
        match self.name.as_str() {
            OTHER_OPERATIONS => format!("{ops} without a tag, {types}"),
            OTHER_SCHEMAS => format!("{types} that no operation reaches"),
            _ => {
                let tags: Vec<String> = self.tags.iter().map(|t| format!("{t:?}")).collect();
                format!("{ops} tagged {}, {types}", tags.join(" or "))
            }
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The feature a tag turns into (see the rules above).
pub fn tag_feature(tag: &str) -> String {
    let kebab: String = tag.to_kebab_case().chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    let mut name = kebab.split('-').filter(|w| !w.is_empty()).collect::<Vec<_>>().join("-");
    if name.is_empty() {
        name = format!("tag-{}", tag.bytes().map(|b| format!("{b:02x}")).collect::<String>());
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("tag-{name}");
    }
    if RESERVED.contains(&name.as_str()) {
        name.push_str("-tag");
    }
    name
}

/// The HTTP methods of a path item, in the order the model reads them.
const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// What each feature reaches, read from the document (see the module docs).
#[derive(Clone, Debug, Default)]
pub struct Reach {
    /// `(name, tags)` of every feature, sorted by name.
    features: Vec<(String, Vec<String>)>,
    /// Each operation's features (indices into `features`), by its pointer
    /// (`#/paths/~1a/get`).
    operations: HashMap<String, Vec<usize>>,
    /// Each path item's features: those of its operations, by its pointer.
    path_items: HashMap<String, Vec<usize>>,
    /// Each component's features, by its pointer (`#/components/schemas/A`);
    /// a schema no operation reaches has `other-schemas`.
    components: HashMap<String, Vec<usize>>,
    /// The names of every component schema of the document, in its order.
    pub schema_names: Vec<String>,
    /// `(id, path, method)` of every operation of the document, in its
    /// order: the id is the `operationId`, or the method and path.
    pub operation_keys: Vec<(String, String, String)>,
}

impl Reach {
    /// Read what each feature reaches in a resolved, normalized document.
    pub fn of(doc: &Value) -> Reach {
        // Every component, by pointer, numbered.
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut nodes: Vec<(String, &Value)> = Vec::new();
        if let Some(components) = doc.get("components").and_then(Value::as_object) {
            for (kind, map) in components {
                for (name, value) in map.as_object().into_iter().flatten() {
                    let pointer = JsonPointer::component(kind, name).to_string();
                    index.insert(pointer.clone(), nodes.len());
                    nodes.push((pointer, value));
                }
            }
        }
        let edges: Vec<Vec<usize>> = nodes.iter().map(|(_, v)| refs_in(v, &index)).collect();
        let schema_names = doc.pointer("/components/schemas").and_then(Value::as_object).into_iter().flatten().map(|(name, _)| name.clone()).collect();
        let mut reach = Reach { schema_names, ..Reach::default() };
        // Feature name → its tags and operations (pointer, path item pointer, direct refs).
        type Ops = Vec<(String, String, Vec<usize>)>;
        let mut by_name: BTreeMap<String, (BTreeSet<String>, Ops)> = BTreeMap::new();
        for (path, item) in doc.get("paths").and_then(Value::as_object).into_iter().flatten() {
            let mut item_pointer = JsonPointer::root();
            item_pointer.push("paths").push(path);
            let shared = item.get("parameters").map(|p| refs_in(p, &index)).unwrap_or_default();
            for method in METHODS {
                let Some(op) = item.get(method).filter(|op| op.is_object()) else { continue };
                let pointer = item_pointer.join(method).to_string();
                let id = op.get("operationId").and_then(Value::as_str).map_or_else(|| format!("{method} {path}"), str::to_owned);
                reach.operation_keys.push((id, path.clone(), method.to_owned()));
                let mut direct = refs_in(op, &index);
                direct.extend(&shared);
                let tags: Vec<&str> = op.get("tags").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
                let mut names: Vec<(String, Option<&str>)> = tags.iter().map(|t| (tag_feature(t), Some(*t))).collect();
                if names.is_empty() {
                    names.push((OTHER_OPERATIONS.to_owned(), None));
                }
                for (name, tag) in names {
                    let entry = by_name.entry(name).or_default();
                    entry.0.extend(tag.map(str::to_owned));
                    if entry.1.last().is_none_or(|(p, _, _)| *p != pointer) {
                        entry.1.push((pointer.clone(), item_pointer.to_string(), direct.clone()));
                    }
                }
            }
        }
        let mut reached: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
        let mut mark = vec![usize::MAX; nodes.len()];
        for (k, (name, (tags, ops))) in by_name.into_iter().enumerate() {
            let mut stack: Vec<usize> = Vec::new();
            for (op, item, direct) in ops {
                reach.operations.entry(op).or_default().push(k);
                let of_item = reach.path_items.entry(item).or_default();
                if of_item.last() != Some(&k) {
                    of_item.push(k);
                }
                stack.extend(direct);
            }
            while let Some(n) = stack.pop() {
                if mark[n] == k {
                    continue;
                }
                mark[n] = k;
                reached[n].push(k);
                stack.extend(edges[n].iter().filter(|&&m| mark[m] != k));
            }
            reach.features.push((name, tags.into_iter().collect()));
        }
        let unreached: Vec<usize> = (0..nodes.len()).filter(|&n| reached[n].is_empty() && nodes[n].0.starts_with("#/components/schemas/")).collect();
        if !unreached.is_empty() {
            // Its place in the sorted list; the indices after it move up.
            let at = reach.features.partition_point(|(name, _)| name.as_str() < OTHER_SCHEMAS);
            reach.features.insert(at, (OTHER_SCHEMAS.to_owned(), Vec::new()));
            let shift = |fs: &mut Vec<usize>| fs.iter_mut().filter(|f| **f >= at).for_each(|f| *f += 1);
            reach.operations.values_mut().chain(reach.path_items.values_mut()).chain(reached.iter_mut()).for_each(shift);
            for n in unreached {
                reached[n].push(at);
            }
        }
        reach.components = nodes.into_iter().map(|(p, _)| p).zip(reached).collect();
        reach
    }

    /// The features that reach what sits at `pointer`: its component, its
    /// operation, or its path item (see the module docs).
    fn of_pointer(&self, pointer: &str) -> &[usize] {
        let Ok(p) = JsonPointer::parse(pointer) else { return &[] };
        let segments: Vec<_> = p.segments().take(3).collect();
        let (map, root) = match segments.as_slice() {
            [c, _, _] if c == "components" => (&self.components, p.prefix(3)),
            [paths, _, parameters] if paths == "paths" && parameters == "parameters" => (&self.path_items, p.prefix(2)),
            [paths, _, _] if paths == "paths" => (&self.operations, p.prefix(3)),
            _ => return &[],
        };
        map.get(root.as_str()).map_or(&[], Vec::as_slice)
    }

    /// What a build with `enabled` needs the model to build: `None` for
    /// everything, else the pointers of the operations that are on and of
    /// the component schemas their features reach.
    pub fn slice(&self, enabled: &Enabled) -> Option<Slice> {
        let Enabled::Only(names) = enabled else { return None };
        if names.contains(FULL) {
            return None;
        }
        let on: Vec<bool> = self.features.iter().map(|(name, _)| names.contains(name)).collect();
        let mut slice = Slice::default();
        for (pointer, fs) in &self.operations {
            let on = fs.iter().any(|&f| on[f]);
            (if on { &mut slice.operations } else { &mut slice.left_out }).insert(pointer.clone());
        }
        for (pointer, fs) in self.components.iter().filter(|(p, _)| p.starts_with("#/components/schemas/")) {
            let on = fs.iter().any(|&f| on[f]);
            (if on { &mut slice.schemas } else { &mut slice.left_out }).insert(pointer.clone());
        }
        Some(slice)
    }
}

/// The part of the spec a build with some features off needs
/// ([`Reach::slice`]).
#[derive(Clone, Debug, Default)]
pub struct Slice {
    /// Pointers of the operations to build.
    pub operations: BTreeSet<String>,
    /// Pointers of the component schemas to build.
    pub schemas: BTreeSet<String>,
    /// Pointers of the operations and component schemas left out.
    pub left_out: BTreeSet<String>,
}

impl Slice {
    /// Take out of the document the operations and component schemas the
    /// slice leaves out, before it is normalized and modelled. Path items
    /// stay (with their shared parameters), and so do other components,
    /// which the model builds only where an operation uses them.
    pub fn prune(&self, doc: &mut Value) {
        if let Some(schemas) = doc.pointer_mut("/components/schemas").and_then(Value::as_object_mut) {
            schemas.retain(|name, _| self.schemas.contains(JsonPointer::component_schema(name).as_str()));
        }
        for (path, item) in doc.get_mut("paths").and_then(Value::as_object_mut).into_iter().flatten() {
            let mut item_pointer = JsonPointer::root();
            item_pointer.push("paths").push(path.as_str());
            if let Some(item) = item.as_object_mut() {
                item.retain(|key, _| !METHODS.contains(&key.as_str()) || self.operations.contains(item_pointer.join(key.as_str()).as_str()));
            }
        }
    }

    /// Whether what sits at `pointer` may be in the slice: it is not under
    /// a component schema or an operation the slice leaves out.
    pub fn keeps(&self, pointer: &str) -> bool {
        let Ok(p) = JsonPointer::parse(pointer) else { return true };
        !self.left_out.contains(p.prefix(3).as_str())
    }
}

/// The components `value` names: by `$ref`, or in a discriminator's
/// `mapping`. A reference into a component (`#/components/schemas/A/...`)
/// names that component.
fn refs_in(value: &Value, index: &HashMap<String, usize>) -> Vec<usize> {
    let mut out = Vec::new();
    let mut stack = vec![value];
    let found = |reference: &str, out: &mut Vec<usize>| {
        let Ok(p) = JsonPointer::parse(reference) else { return };
        if p.depth() >= 3 && p.segments().next().is_some_and(|c| c == "components") {
            if let Some(&n) = index.get(p.prefix(3).as_str()) {
                out.push(n);
            }
        }
    };
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(map) => {
                for (key, child) in map {
                    match (key.as_str(), child) {
                        ("$ref", Value::String(r)) => found(r, &mut out),
                        ("mapping", Value::Object(m)) => m.values().filter_map(Value::as_str).for_each(|r| found(r, &mut out)),
                        _ => stack.push(child),
                    }
                }
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    out
}

/// The features of a built model: the reach's, and which of them each type
/// and operation belongs to.
pub(super) fn features(model: &Model, reach: &Reach) -> Features {
    let of_type: Vec<Vec<usize>> = model.types.iter().map(|t| reach.of_pointer(&t.pointer).to_vec()).collect();
    let of_operation: Vec<Vec<usize>> = model.operations.iter().map(|op| reach.of_pointer(&op.pointer).to_vec()).collect();
    let mut list: Vec<Feature> =
        reach.features.iter().map(|(name, tags)| Feature { name: name.clone(), tags: tags.clone(), operations: 0, types: 0 }).collect();
    for fs in &of_type {
        fs.iter().for_each(|&f| list[f].types += 1);
    }
    for fs in reach.operations.values() {
        fs.iter().for_each(|&f| list[f].operations += 1);
    }
    Features { list, of_type, of_operation }
}

/// Which features a build turns on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Enabled {
    /// All of them, without saying which feature an item needs: the output
    /// of a build that does not use features.
    #[default]
    Ungated,
    /// These, by name; the docs say which features turn each item on.
    Only(BTreeSet<String>),
}

/// What a build generates: the result of [`Enabled`] on a model's [`Features`].
#[derive(Clone, Debug)]
pub struct Selection {
    /// Per feature of [`Features::list`]: whether it is on.
    on: Vec<bool>,
    /// Whether items say which features they need.
    pub docs: bool,
}

impl Features {
    /// The first name in `enabled` that is no feature of the spec.
    pub fn unknown<'e>(&self, enabled: &'e Enabled) -> Option<&'e str> {
        match enabled {
            Enabled::Ungated => None,
            Enabled::Only(names) => names.iter().map(String::as_str).find(|&n| n != FULL && !self.list.iter().any(|f| f.name == n)),
        }
    }
}

impl Selection {
    /// What `enabled` turns on (a name that is no feature turns on nothing:
    /// see [`Features::unknown`]).
    pub fn new(features: &Features, enabled: &Enabled) -> Selection {
        let on = match enabled {
            Enabled::Ungated => vec![true; features.list.len()],
            Enabled::Only(names) => {
                let full = names.contains(FULL);
                features.list.iter().map(|f| full || names.contains(&f.name)).collect()
            }
        };
        Selection { on, docs: *enabled != Enabled::Ungated }
    }

    /// Whether the type is generated.
    pub fn has_type(&self, features: &Features, id: TypeId) -> bool {
        features.of_type.get(id).is_none_or(|fs| fs.iter().any(|&f| self.on[f]))
    }

    /// Whether the operation is generated.
    pub fn has_operation(&self, features: &Features, op: usize) -> bool {
        features.of_operation.get(op).is_none_or(|fs| fs.iter().any(|&f| self.on[f]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_become_kebab_case_ascii_names() {
        for (tag, feature) in [
            ("Chat", "chat"),
            ("Vector stores", "vector-stores"),
            ("Fine-tuning", "fine-tuning"),
            ("Audit Logs", "audit-logs"),
            ("ChatCompletions", "chat-completions"),
            ("  spaced   out ", "spaced-out"),
            ("Ünïcode tag", "n-code-tag"),
            ("2024 API", "tag-2024-api"),
            ("日本", "tag-e697a5e69cac"),
            ("Default", "default-tag"),
            ("full", "full-tag"),
            ("Other schemas", "other-schemas-tag"),
            ("other_operations", "other-operations-tag"),
        ] {
            assert_eq!(tag_feature(tag), feature, "tag {tag:?}");
        }
    }
}
