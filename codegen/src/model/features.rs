//! Cargo features: which parts of the API a build turns on.
//!
//! A user who calls one part of a large API should compile only that part.
//! Each feature names a set of operations; turning it on generates those
//! operations and exactly the types they reach, through any field, variant,
//! alias, parameter, body, response or event.
//!
//! # Rules
//! - **One feature per tag.** An operation's `tags` name its features: the
//!   tag in kebab case, ASCII letters and digits only (`Chat` is `chat`,
//!   `Vector stores` is `vector-stores`, `Fine-tuning` is `fine-tuning`,
//!   `Audit Logs` is `audit-logs`). Tags that come out the same are one
//!   feature. A name that would start with a digit gets `tag-` in front, one
//!   with no ASCII letter or digit is `tag-` and its UTF-8 bytes in hex, and
//!   one that would be a reserved name below gets `-tag` behind. An operation
//!   with several tags is in each of their features. A tag that no operation
//!   carries makes no feature: it would turn on nothing.
//! - **`other-operations`**: the operations without a tag.
//! - **`other-schemas`**: the types no operation reaches (in OpenAI's spec,
//!   webhook payloads and types the spec lists for reference), so that every
//!   type belongs to at least one feature.
//! - **`full`** turns on every feature, and **`default`** is `full`: a plain
//!   build has everything, as before features existed. `full` also covers
//!   tags added to the spec since the `[features]` table was written, so
//!   that editing the spec and rebuilding needs no other step.
//!
//! A type that several features reach is generated once, whichever of them
//! are on. Names, boxes and links are decided on the whole spec before
//! anything is left out, so a type is the same in every build that has it.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToKebabCase;

use super::{Model, Operation, TypeId};

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

/// One Cargo feature.
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

/// The types an operation names: its parameters, body, responses and events.
fn operation_refs(op: &Operation) -> Vec<TypeId> {
    let mut out = Vec::new();
    op.params.iter().for_each(|p| p.ty.named_into(&mut out));
    if let Some(body) = &op.body {
        body.choices.iter().for_each(|c| c.ty.named_into(&mut out));
    }
    op.cases.iter().for_each(|c| c.ty.named_into(&mut out));
    if let Some(events) = &op.events {
        events.named_into(&mut out);
    }
    out.extend(op.request);
    out.extend(op.response);
    out
}

/// Work out the features of a built model.
pub(super) fn features(model: &Model) -> Features {
    // Feature name → the tags it stands for and its operations, by name.
    let mut by_name: BTreeMap<String, (BTreeSet<String>, Vec<usize>)> = BTreeMap::new();
    for (i, op) in model.operations.iter().enumerate() {
        if op.tags.is_empty() {
            by_name.entry(OTHER_OPERATIONS.to_owned()).or_default().1.push(i);
        }
        for tag in &op.tags {
            let entry = by_name.entry(tag_feature(tag)).or_default();
            entry.0.insert(tag.clone());
            if entry.1.last() != Some(&i) {
                entry.1.push(i);
            }
        }
    }
    // What each reaches: a walk from its operations' types.
    let mut reached: Vec<Vec<TypeId>> = Vec::with_capacity(by_name.len());
    let mut mark = vec![usize::MAX; model.types.len()];
    let mut any = vec![false; model.types.len()];
    for (k, (_, ops)) in by_name.values().enumerate() {
        let mut stack: Vec<TypeId> = ops.iter().flat_map(|&op| operation_refs(&model.operations[op])).collect();
        let mut types = Vec::new();
        while let Some(id) = stack.pop() {
            if mark[id] == k {
                continue;
            }
            mark[id] = k;
            any[id] = true;
            types.push(id);
            stack.extend(model.types[id].kind.refs().into_iter().filter(|&r| mark[r] != k));
        }
        reached.push(types);
    }
    // (name, tags, operations, types), by name.
    type Entry = (String, Vec<String>, Vec<usize>, Vec<TypeId>);
    let mut entries: Vec<Entry> = by_name.into_iter().zip(reached).map(|((name, (tags, ops)), types)| (name, tags.into_iter().collect(), ops, types)).collect();
    let unreached: Vec<TypeId> = (0..model.types.len()).filter(|&id| !any[id]).collect();
    if !unreached.is_empty() {
        entries.push((OTHER_SCHEMAS.to_owned(), Vec::new(), Vec::new(), unreached));
        entries.sort_by(|a, b| a.0.cmp(&b.0));
    }
    let mut features = Features {
        list: Vec::with_capacity(entries.len()),
        of_type: vec![Vec::new(); model.types.len()],
        of_operation: vec![Vec::new(); model.operations.len()],
    };
    for (index, (name, tags, ops, types)) in entries.into_iter().enumerate() {
        for &op in &ops {
            features.of_operation[op].push(index);
        }
        for &id in &types {
            features.of_type[id].push(index);
        }
        features.list.push(Feature { name, tags, operations: ops.len(), types: types.len() });
    }
    features
}

/// Which features a build turns on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Enabled {
    /// All of them, without saying which feature an item needs: the output
    /// of a build that does not use features.
    #[default]
    Ungated,
    /// All of them, saying in each item's docs which features turn it on.
    All,
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
            Enabled::Ungated | Enabled::All => None,
            Enabled::Only(names) => names.iter().map(String::as_str).find(|&n| n != FULL && !self.list.iter().any(|f| f.name == n)),
        }
    }
}

impl Selection {
    /// What `enabled` turns on (a name that is no feature turns on nothing:
    /// see [`Features::unknown`]).
    pub fn new(features: &Features, enabled: &Enabled) -> Selection {
        let on = match enabled {
            Enabled::Ungated | Enabled::All => vec![true; features.list.len()],
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
