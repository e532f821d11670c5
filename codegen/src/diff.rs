//! What changed in the generated Rust API between two versions of a spec:
//! the rules are on [`Diff`], where users read them.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde_json::{json, Value};

use crate::model::{self, Enabled, Kind, Media, Model, Operation, ResponseCase, Selection, Ty, TypeDef};

/// What changed in the generated Rust API between two versions of a spec:
/// the answer to "I updated the vendor's spec and rebuilt; what do I have to
/// change?". Every change, sorted by item path, then by what changed (see
/// [`Display`](fmt::Display)).
///
/// [`Config::diff`](crate::Config::diff) compares two models as the
/// generated crate's user sees them, item by item, each keyed by its path in
/// the crate: a type by `module::Name`, an operation by
/// `operations::Name`, and the enums the `operations` module makes for an
/// operation (`{Operation}Body`, `{Operation}Output`, `{Operation}Error`)
/// likewise. The CLI's `diff` reads two spec files and prints this.
///
/// # What is compared
/// - items added or removed, and an item whose kind changed (a struct that
///   became a union);
/// - struct fields (and an operation's parameters and `body`, which are its
///   fields) by their Rust name: added, removed, retyped, or become required
///   or optional. Types are compared as the generated code spells them
///   (`Option<super::batch::Errors>`), so a field whose type is renamed is
///   retyped, and a type changed inside is reported at that type, not at
///   every field that holds it;
/// - `new(...)`: its arguments' types in order, or that the struct has no
///   `new` (it implements `Default` instead);
/// - enum values (the Rust variant and its JSON value), the catch-all
///   variant (`Other`) included;
/// - union variants and their payload types, the catch-all (`Unknown`)
///   included;
/// - what an alias or newtype wraps; an operation's `Output`, `Error` and
///   (streaming) `Event` types, and its method and path.
///
/// Docs, `#[deprecated]` and how values are read and written (tags, JSON
/// names, union plans) are not compared: they do not change what compiles.
///
/// # Which changes are breaking
/// A change is breaking when code that compiled against the old crate can
/// stop compiling, written the way the generated crate is meant to be used
/// (the README's "Building"): a struct is built with `new(required...)` or
/// `Default`, the rest of its fields given with `..Default::default()` or
/// `..Type::new(..)`; fields are read and assigned by name; enums and unions
/// are matched with a catch-all arm (`_`), since they are open: the spec's
/// vendor adds values and the `Other`/`Unknown` variants exist for that.
///
/// - **Breaking**: a removed type, operation, field, enum value or union
///   variant; a changed kind; a retyped field, variant, alias, newtype or
///   operation `Output`/`Error`/`Event`; a field that became required (its
///   type loses its `Option`, or `new` gains it) or optional (it gains an
///   `Option`, or `new` loses it); any change to the types of `new`'s
///   arguments, or a struct gaining `new` (it no longer implements
///   `Default`) or losing it.
/// - **Not breaking**: an added type, operation, optional field, enum value
///   or union variant; an added required field is not breaking by itself,
///   but the `new` argument it brings is; `new`'s arguments renamed without
///   a change of type (they are positional); an operation's method or path
///   (that changes the request sent, not the code).
///
/// The generated structs and enums are not `#[non_exhaustive]`, so Rust's own
/// rule is stricter: a struct literal that names every field (with no `..`),
/// a pattern without `..`, or a `match` that names every variant without a
/// `_` arm stops compiling on any added field, value or variant. Such code
/// is outside the use above and those additions are not marked; a tool that
/// wants Rust's rule reads the change's kind in [`Diff::to_json`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diff {
    /// The changes, sorted.
    pub changes: Vec<Change>,
}

/// One change to one item of the generated crate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The item's path in the crate: `module::Type`, or `operations::Name`.
    pub item: String,
    /// What changed.
    pub what: What,
    /// Whether code that compiled against the old crate can stop compiling
    /// (the rule is in the module docs).
    pub breaking: bool,
}

/// What changed in an item. Types are Rust types as the generated code
/// spells them; `kind` is one of `struct`, `enum` (string), `integer enum`,
/// `union`, `type alias`, `newtype`, `operation`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum What {
    /// The item is new.
    Added {
        /// Its kind.
        kind: &'static str,
    },
    /// The item is gone.
    Removed {
        /// Its kind.
        kind: &'static str,
    },
    /// The item has the same path but is another kind of item.
    KindChanged {
        /// Its kind before.
        old: &'static str,
        /// Its kind now.
        new: &'static str,
    },
    /// An operation's method and path (`POST /v1/batches`).
    RouteChanged {
        /// Before.
        old: String,
        /// Now.
        new: String,
    },
    /// A new field.
    FieldAdded {
        /// The field's Rust name.
        field: String,
        /// Its type.
        ty: String,
        /// Whether the spec requires it.
        required: bool,
    },
    /// A field is gone.
    FieldRemoved {
        /// The field's Rust name.
        field: String,
        /// Its type before.
        ty: String,
    },
    /// A field's type changed (and not because it became required or optional).
    FieldRetyped {
        /// The field's Rust name.
        field: String,
        /// Its type before.
        old: String,
        /// Its type now.
        new: String,
    },
    /// A field became required (`required` is now true) or optional.
    FieldRequirement {
        /// The field's Rust name.
        field: String,
        /// Whether it is required now.
        required: bool,
        /// Its type before.
        old: String,
        /// Its type now (often the same but for an `Option`).
        new: String,
    },
    /// `new`'s arguments changed; `None` is a struct without `new`, which
    /// implements `Default`.
    NewChanged {
        /// `(argument, type)` before.
        old: Option<Vec<(String, String)>>,
        /// `(argument, type)` now.
        new: Option<Vec<(String, String)>>,
    },
    /// A new enum value.
    ValueAdded {
        /// The Rust variant.
        variant: String,
        /// Its JSON value (`None` for the catch-all variant).
        value: Option<String>,
    },
    /// An enum value is gone (or its variant has another name now).
    ValueRemoved {
        /// The Rust variant.
        variant: String,
        /// Its JSON value (`None` for the catch-all variant).
        value: Option<String>,
    },
    /// A new union variant.
    VariantAdded {
        /// The Rust variant.
        variant: String,
        /// Its payload type.
        ty: String,
    },
    /// A union variant is gone.
    VariantRemoved {
        /// The Rust variant.
        variant: String,
        /// Its payload type before.
        ty: String,
    },
    /// A union variant's payload type changed.
    VariantRetyped {
        /// The Rust variant.
        variant: String,
        /// Before.
        old: String,
        /// Now.
        new: String,
    },
    /// What an alias or newtype wraps, or an operation's associated type
    /// (`Output`, `Error`, `Event`), changed; `None` where there was or is none.
    TypeChanged {
        /// `type` for an alias or newtype, else the associated type's name.
        name: String,
        /// Before.
        old: Option<String>,
        /// Now.
        new: Option<String>,
    },
}

impl What {
    /// A short stable name for tools: `added`, `field_removed`, ...
    pub fn code(&self) -> &'static str {
        match self {
            What::Added { .. } => "added",
            What::Removed { .. } => "removed",
            What::KindChanged { .. } => "kind_changed",
            What::RouteChanged { .. } => "route_changed",
            What::FieldAdded { .. } => "field_added",
            What::FieldRemoved { .. } => "field_removed",
            What::FieldRetyped { .. } => "field_retyped",
            What::FieldRequirement { required: true, .. } => "field_required",
            What::FieldRequirement { required: false, .. } => "field_optional",
            What::NewChanged { .. } => "new_changed",
            What::ValueAdded { .. } => "value_added",
            What::ValueRemoved { .. } => "value_removed",
            What::VariantAdded { .. } => "variant_added",
            What::VariantRemoved { .. } => "variant_removed",
            What::VariantRetyped { .. } => "variant_retyped",
            What::TypeChanged { .. } => "type_changed",
        }
    }

    /// The order of changes within an item: the item itself, `new`, then
    /// members by name.
    fn sort_key(&self) -> (u8, &str) {
        match self {
            What::Added { .. } | What::Removed { .. } | What::KindChanged { .. } => (0, ""),
            What::RouteChanged { .. } => (1, ""),
            What::TypeChanged { name, .. } => (2, name),
            What::NewChanged { .. } => (3, ""),
            What::FieldAdded { field, .. } | What::FieldRemoved { field, .. } | What::FieldRetyped { field, .. } | What::FieldRequirement { field, .. } => {
                (4, field)
            }
            What::ValueAdded { variant, .. } | What::ValueRemoved { variant, .. } => (5, variant),
            What::VariantAdded { variant, .. } | What::VariantRemoved { variant, .. } | What::VariantRetyped { variant, .. } => (5, variant),
        }
    }
}

impl Diff {
    /// Whether any change is breaking.
    pub fn breaking(&self) -> bool {
        self.changes.iter().any(|c| c.breaking)
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The changes to one item (`module::Type`, `operations::Name`).
    pub fn of(&self, item: &str) -> impl Iterator<Item = &Change> {
        let item = item.to_owned();
        self.changes.iter().filter(move |c| c.item == item)
    }

    /// The diff for tools: `{"breaking": bool, "changes": [{"item", "change",
    /// "breaking", ...}]}`, where `change` is [`What::code`] and the other
    /// keys are the fields of [`What`] (a `new` is `null` or a list of
    /// `{"name", "type"}`).
    pub fn to_json(&self) -> Value {
        let changes: Vec<Value> = self
            .changes
            .iter()
            .map(|c| {
                let mut object = json!({ "item": c.item, "change": c.what.code(), "breaking": c.breaking });
                let rest = match &c.what {
                    What::Added { kind } | What::Removed { kind } => json!({ "kind": kind }),
                    What::KindChanged { old, new } => json!({ "old": old, "new": new }),
                    What::RouteChanged { old, new } => json!({ "old": old, "new": new }),
                    What::FieldAdded { field, ty, required } => json!({ "field": field, "type": ty, "required": required }),
                    What::FieldRemoved { field, ty } => json!({ "field": field, "type": ty }),
                    What::FieldRetyped { field, old, new } => json!({ "field": field, "old": old, "new": new }),
                    What::FieldRequirement { field, required, old, new } => json!({ "field": field, "required": required, "old": old, "new": new }),
                    What::NewChanged { old, new } => {
                        let args =
                            |a: &Option<Vec<(String, String)>>| a.as_ref().map(|a| a.iter().map(|(n, t)| json!({ "name": n, "type": t })).collect::<Vec<_>>());
                        json!({ "old": args(old), "new": args(new) })
                    }
                    What::ValueAdded { variant, value } | What::ValueRemoved { variant, value } => json!({ "variant": variant, "value": value }),
                    What::VariantAdded { variant, ty } | What::VariantRemoved { variant, ty } => json!({ "variant": variant, "type": ty }),
                    What::VariantRetyped { variant, old, new } => json!({ "variant": variant, "old": old, "new": new }),
                    What::TypeChanged { name, old, new } => json!({ "name": name, "old": old, "new": new }),
                };
                if let (Some(o), Value::Object(r)) = (object.as_object_mut(), rest) {
                    o.extend(r);
                }
                object
            })
            .collect();
        json!({ "breaking": self.breaking(), "changes": changes })
    }
}

/// `new(a: A, b: B)`, or `Default` for a struct without `new`.
fn new_text(args: &Option<Vec<(String, String)>>) -> String {
    match args {
        None => "`Default` (no `new`)".to_owned(),
        Some(args) => format!("`new({})`", args.iter().map(|(n, t)| format!("{n}: {t}")).collect::<Vec<_>>().join(", ")),
    }
}

impl fmt::Display for What {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = |v: &Option<String>| v.as_ref().map_or_else(|| " (catch-all)".to_owned(), |v| format!(" = {v:?}"));
        match self {
            What::Added { kind } => write!(f, "{kind} added"),
            What::Removed { kind } => write!(f, "{kind} removed"),
            What::KindChanged { old, new } => write!(f, "kind changed: {old} -> {new}"),
            What::RouteChanged { old, new } => write!(f, "route `{old}` -> `{new}`"),
            What::FieldAdded { field, ty, required } => write!(f, "field `{field}: {ty}` added{}", if *required { " (required)" } else { "" }),
            What::FieldRemoved { field, ty } => write!(f, "field `{field}: {ty}` removed"),
            What::FieldRetyped { field, old, new } => write!(f, "field `{field}`: `{old}` -> `{new}`"),
            What::FieldRequirement { field, required, old, new } => {
                let became = if *required { "required" } else { "optional" };
                if old == new {
                    write!(f, "field `{field}` became {became} (type stays `{new}`)")
                } else {
                    write!(f, "field `{field}` became {became}: `{old}` -> `{new}`")
                }
            }
            What::NewChanged { old, new } => write!(f, "{} -> {}", new_text(old), new_text(new)),
            What::ValueAdded { variant, value: v } => write!(f, "value `{variant}`{} added", value(v)),
            What::ValueRemoved { variant, value: v } => write!(f, "value `{variant}`{} removed", value(v)),
            What::VariantAdded { variant, ty } => write!(f, "variant `{variant}({ty})` added"),
            What::VariantRemoved { variant, ty } => write!(f, "variant `{variant}({ty})` removed"),
            What::VariantRetyped { variant, old, new } => write!(f, "variant `{variant}`: `{old}` -> `{new}`"),
            What::TypeChanged { name, old, new } => {
                let show = |t: &Option<String>| t.as_ref().map_or_else(|| "none".to_owned(), |t| format!("`{t}`"));
                write!(f, "{name}: {} -> {}", show(old), show(new))
            }
        }
    }
}

/// A summary line, then each changed item by path, its changes below it,
/// breaking ones marked `!`:
///
/// ```text
/// 3 changes to 2 items, 1 breaking (marked !)
/// batch::Batch
///     field `usage: Option<super::batch_usage::BatchUsage>` added
///   ! field `errors: Option<Errors>` removed
/// model_ids::ModelIds
///     value `Gpt5` = "gpt-5" added
/// ```
impl fmt::Display for Diff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.changes.is_empty() {
            return writeln!(f, "no changes");
        }
        let items = self.changes.iter().map(|c| &c.item).collect::<BTreeSet<_>>().len();
        let breaking = self.changes.iter().filter(|c| c.breaking).count();
        let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        writeln!(f, "{} to {}, {breaking} breaking (marked !)", plural(self.changes.len(), "change", "changes"), plural(items, "item", "items"))?;
        let mut last: Option<&str> = None;
        for c in &self.changes {
            if last != Some(c.item.as_str()) {
                writeln!(f, "{}", c.item)?;
                last = Some(&c.item);
            }
            writeln!(f, "  {} {}", if c.breaking { '!' } else { ' ' }, c.what)?;
        }
        Ok(())
    }
}

/// Compare what two models generate with these Cargo features on (a build
/// with [`Config::features`](crate::Config::features)): items the features leave out are not in the
/// crate, so they are not compared.
pub(crate) fn diff_enabled(old: &Model, new: &Model, enabled: &Enabled) -> Diff {
    let old_items = items(old, enabled);
    let new_items = items(new, enabled);
    let mut changes = Vec::new();
    for (path, o) in &old_items {
        match new_items.get(path) {
            None => changes.push(Change { item: path.clone(), what: What::Removed { kind: o.kind }, breaking: true }),
            Some(n) => compare(path, o, n, &mut changes),
        }
    }
    for (path, n) in &new_items {
        if !old_items.contains_key(path) {
            changes.push(Change { item: path.clone(), what: What::Added { kind: n.kind }, breaking: false });
        }
    }
    changes.sort_by(|a, b| a.item.cmp(&b.item).then_with(|| a.what.sort_key().cmp(&b.what.sort_key())).then_with(|| a.what.code().cmp(b.what.code())));
    Diff { changes }
}

/// A struct field, or an operation's parameter or body, as the user sees it.
#[derive(Debug)]
struct FieldSig {
    ty: String,
    required: bool,
}

/// One item of the crate, reduced to what code using it depends on.
#[derive(Debug, Default)]
struct Item {
    kind: &'static str,
    route: Option<String>,
    /// Fields by Rust name, in order.
    fields: Vec<(String, FieldSig)>,
    /// `new`'s `(argument, type)`s; `None`: no `new`.
    new: Option<Vec<(String, String)>>,
    /// Enum values: `(variant, JSON value)`, the catch-all with `None`.
    values: Vec<(String, Option<String>)>,
    /// Union variants and their payloads, the catch-all included.
    variants: Vec<(String, String)>,
    /// What an alias or newtype wraps (`type`), an operation's associated types.
    types: Vec<(&'static str, String)>,
}

/// Every item the build generates, by path.
fn items(model: &Model, enabled: &Enabled) -> BTreeMap<String, Item> {
    let selection = Selection::new(&model.features, enabled);
    let mut out = BTreeMap::new();
    for (id, t) in model.types.iter().enumerate() {
        if selection.has_type(&model.features, id) {
            out.insert(format!("{}::{}", model.modules[t.module].name, t.name), type_item(model, t));
        }
    }
    if let Some(m) = model.operations_module {
        let module = &model.modules[m].name;
        for (i, op) in model.operations.iter().enumerate() {
            if selection.has_operation(&model.features, i) {
                for (name, item) in operation_items(model, m, op) {
                    out.insert(format!("{module}::{name}"), item);
                }
            }
        }
    }
    out
}

fn type_item(model: &Model, t: &TypeDef) -> Item {
    let ty = |ty: &Ty| spell(model, t.module, ty);
    match &t.kind {
        Kind::Struct { fields, extra, new_args } => {
            let mut sigs: Vec<(String, FieldSig)> =
                fields.iter().map(|f| (f.name.clone(), FieldSig { ty: ty(&f.ty), required: f.required || f.flatten })).collect();
            if let Some(x) = extra {
                sigs.push((x.name.clone(), FieldSig { ty: format!("::std::collections::BTreeMap<String, {}>", ty(&x.ty)), required: false }));
            }
            let new = (!new_args.is_empty()).then(|| new_args.iter().map(|&i| (fields[i].name.clone(), ty(&fields[i].ty))).collect());
            Item { kind: "struct", fields: sigs, new, ..Item::default() }
        }
        Kind::StringEnum { values, other } => {
            let mut values: Vec<_> = values.iter().map(|v| (v.name.clone(), Some(v.value.clone()))).collect();
            values.push((other.clone(), None));
            Item { kind: "enum", values, ..Item::default() }
        }
        Kind::IntEnum { values, other } => {
            let mut values: Vec<_> = values.iter().map(|(v, name, _)| (name.clone(), Some(v.to_string()))).collect();
            values.push((other.clone(), None));
            Item { kind: "integer enum", values, ..Item::default() }
        }
        Kind::Tagged { variants, unknown, .. } | Kind::Untagged { variants, unknown, .. } => {
            let mut variants: Vec<_> = variants.iter().map(|v| (v.name.clone(), ty(&v.ty))).collect();
            variants.push((unknown.clone(), "::serde_json::Value".to_owned()));
            Item { kind: "union", variants, ..Item::default() }
        }
        Kind::Alias(inner) => Item { kind: "type alias", types: vec![("type", ty(inner))], ..Item::default() },
        Kind::Newtype(inner) => Item { kind: "newtype", types: vec![("type", ty(inner))], ..Item::default() },
        // `model::build` leaves none.
        Kind::Pending => Item { kind: "pending", ..Item::default() },
    }
}

/// An operation's struct, and the enums the `operations` module makes for
/// it, as `emit::operations` writes them.
fn operation_items(model: &Model, m: usize, op: &Operation) -> Vec<(String, Item)> {
    let ty = |ty: &Ty| spell(model, m, ty);
    let mut fields = Vec::new();
    let mut args = Vec::new();
    for p in &op.params {
        let t = ty(&p.ty);
        if p.required {
            args.push((p.field.clone(), t.clone()));
            fields.push((p.field.clone(), FieldSig { ty: t, required: true }));
        } else {
            fields.push((p.field.clone(), FieldSig { ty: format!("Option<{t}>"), required: false }));
        }
    }
    let mut extra_items = Vec::new();
    if let Some(body) = &op.body {
        let choice_ty = |c: &model::Choice| match c.media {
            Media::Json | Media::Multipart | Media::Form => ty(&c.ty),
            Media::Text => "String".to_owned(),
            _ => "Vec<u8>".to_owned(),
        };
        let t = match &body.enum_name {
            None => choice_ty(&body.choices[0]),
            Some(name) => {
                let variants = body.choices.iter().map(|c| (c.variant.clone(), choice_ty(c))).collect();
                extra_items.push((name.clone(), Item { kind: "union", variants, ..Item::default() }));
                name.clone()
            }
        };
        if body.required {
            args.push(("body".to_owned(), t.clone()));
            fields.push(("body".to_owned(), FieldSig { ty: t, required: true }));
        } else {
            fields.push(("body".to_owned(), FieldSig { ty: format!("Option<{t}>"), required: false }));
        }
    }
    let case_ty = |c: &ResponseCase| match c.media {
        Media::Json => ty(&c.ty),
        Media::Events => format!("Vec<super::api::Event<{}>>", ty(&c.ty)),
        Media::Text => "String".to_owned(),
        Media::Empty => "()".to_owned(),
        _ => "Vec<u8>".to_owned(),
    };
    let mut types = Vec::new();
    for (success, name, enum_name) in [(true, "Output", &op.output_enum), (false, "Error", &op.error_enum)] {
        let cases: Vec<&ResponseCase> = op.cases.iter().filter(|c| c.status.success() == success).collect();
        let side = match (cases.first(), enum_name) {
            (None, _) => "::std::convert::Infallible".to_owned(),
            (Some(first), None) => case_ty(first),
            (Some(_), Some(e)) => {
                let variants = cases.iter().map(|c| (c.variant.clone(), case_ty(c))).collect();
                extra_items.push((e.clone(), Item { kind: "union", variants, ..Item::default() }));
                e.clone()
            }
        };
        types.push((name, side));
    }
    if let Some(ev) = &op.events {
        types.push(("Event", ty(ev)));
    }
    let new = (!args.is_empty()).then_some(args);
    let route = Some(format!("{} {}", op.method, op.path));
    let mut out = vec![(op.name.clone(), Item { kind: "operation", route, fields, new, types, ..Item::default() })];
    out.extend(extra_items);
    out
}

/// A type as `emit` spells it in module `from`.
fn spell(model: &Model, from: usize, ty: &Ty) -> String {
    match ty {
        Ty::Named(id) => {
            let t = &model.types[*id];
            if t.module == from {
                t.name.clone()
            } else {
                format!("super::{}::{}", model.modules[t.module].name, t.name)
            }
        }
        Ty::String => "String".into(),
        Ty::Constant => "::std::borrow::Cow<'static, str>".into(),
        Ty::Bool => "bool".into(),
        Ty::I64 => "i64".into(),
        Ty::U64 => "u64".into(),
        Ty::I32 => "i32".into(),
        Ty::U32 => "u32".into(),
        Ty::F64 => "f64".into(),
        Ty::Unit => "()".into(),
        Ty::File => "super::api::File".into(),
        Ty::Value => "::serde_json::Value".into(),
        Ty::Extern(path) => path.clone(),
        Ty::Vec(t) => format!("Vec<{}>", spell(model, from, t)),
        Ty::Map(t) => format!("::std::collections::BTreeMap<String, {}>", spell(model, from, t)),
        Ty::Option(t) => format!("Option<{}>", spell(model, from, t)),
        Ty::Boxed(t) => format!("Box<{}>", spell(model, from, t)),
        Ty::Linked(t) => format!("super::api::Link<{}>", spell(model, from, t)),
    }
}

/// The changes from `o` to `n`, the same item in both.
fn compare(path: &str, o: &Item, n: &Item, out: &mut Vec<Change>) {
    let mut push = |what: What, breaking: bool| out.push(Change { item: path.to_owned(), what, breaking });
    if o.kind != n.kind {
        push(What::KindChanged { old: o.kind, new: n.kind }, true);
        return;
    }
    if o.route != n.route {
        if let (Some(old), Some(new)) = (&o.route, &n.route) {
            push(What::RouteChanged { old: old.clone(), new: new.clone() }, false);
        }
    }
    // Associated and wrapped types.
    for (name, old) in &o.types {
        let new = n.types.iter().find(|(k, _)| k == name).map(|(_, t)| t);
        if new != Some(old) {
            push(What::TypeChanged { name: (*name).to_owned(), old: Some(old.clone()), new: new.cloned() }, true);
        }
    }
    for (name, new) in &n.types {
        if !o.types.iter().any(|(k, _)| k == name) {
            // A new `Event`: the operation streams now; code that used it before is unaffected.
            push(What::TypeChanged { name: (*name).to_owned(), old: None, new: Some(new.clone()) }, false);
        }
    }
    // `new`: positional, so only the sequence of types and its presence matter.
    if o.new != n.new {
        let types = |a: &Option<Vec<(String, String)>>| a.as_ref().map(|a| a.iter().map(|(_, t)| t.clone()).collect::<Vec<_>>());
        push(What::NewChanged { old: o.new.clone(), new: n.new.clone() }, types(&o.new) != types(&n.new));
    }
    // Fields, by name.
    for (name, of) in &o.fields {
        let Some((_, nf)) = n.fields.iter().find(|(k, _)| k == name) else {
            push(What::FieldRemoved { field: name.clone(), ty: of.ty.clone() }, true);
            continue;
        };
        let arg = |item: &Item| item.new.as_ref().is_some_and(|a| a.iter().any(|(k, _)| k == name));
        if of.required != nf.required {
            // Breaking when the type or `new` changed with it (in practice, always).
            let breaking = of.ty != nf.ty || arg(o) != arg(n);
            push(What::FieldRequirement { field: name.clone(), required: nf.required, old: of.ty.clone(), new: nf.ty.clone() }, breaking);
        } else if of.ty != nf.ty {
            push(What::FieldRetyped { field: name.clone(), old: of.ty.clone(), new: nf.ty.clone() }, true);
        }
    }
    for (name, nf) in &n.fields {
        if !o.fields.iter().any(|(k, _)| k == name) {
            push(What::FieldAdded { field: name.clone(), ty: nf.ty.clone(), required: nf.required }, false);
        }
    }
    // Enum values: a variant with another value is the old one removed and a new one added.
    for v in &o.values {
        if !n.values.contains(v) {
            push(What::ValueRemoved { variant: v.0.clone(), value: v.1.clone() }, true);
        }
    }
    for v in &n.values {
        if !o.values.contains(v) {
            push(What::ValueAdded { variant: v.0.clone(), value: v.1.clone() }, false);
        }
    }
    // Union variants, by name.
    for (name, old) in &o.variants {
        match n.variants.iter().find(|(k, _)| k == name) {
            None => push(What::VariantRemoved { variant: name.clone(), ty: old.clone() }, true),
            Some((_, new)) if new != old => push(What::VariantRetyped { variant: name.clone(), old: old.clone(), new: new.clone() }, true),
            Some(_) => {}
        }
    }
    for (name, new) in &n.variants {
        if !o.variants.iter().any(|(k, _)| k == name) {
            push(What::VariantAdded { variant: name.clone(), ty: new.clone() }, false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compared(o: &Item, n: &Item) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        compare("m::T", o, n, &mut out);
        out.into_iter().map(|c| (c.what.to_string(), c.breaking)).collect()
    }

    fn args(a: &[(&str, &str)]) -> Option<Vec<(String, String)>> {
        Some(a.iter().map(|(n, t)| ((*n).to_owned(), (*t).to_owned())).collect())
    }

    /// `new`'s arguments are positional: a rename alone breaks no call, a
    /// change of type or order does.
    #[test]
    fn new_arguments_compare_by_type_in_order() {
        let item = |new| Item { kind: "struct", new, ..Item::default() };
        let old = item(args(&[("a", "String"), ("b", "i64")]));
        assert_eq!(compared(&old, &item(args(&[("x", "String"), ("b", "i64")]))), [(s("`new(a: String, b: i64)` -> `new(x: String, b: i64)`"), false)]);
        assert_eq!(compared(&old, &item(args(&[("b", "i64"), ("a", "String")]))), [(s("`new(a: String, b: i64)` -> `new(b: i64, a: String)`"), true)]);
        assert_eq!(compared(&old, &item(None)), [(s("`new(a: String, b: i64)` -> `Default` (no `new`)"), true)]);
        assert!(compared(&old, &item(args(&[("a", "String"), ("b", "i64")]))).is_empty());
    }

    /// An operation that starts streaming gains `Event`, which breaks
    /// nothing; one that stops loses it, which does.
    #[test]
    fn associated_types_gained_and_lost() {
        let op = |types| Item { kind: "operation", types, ..Item::default() };
        let plain = op(vec![("Output", s("Reply"))]);
        let streaming = op(vec![("Output", s("Reply")), ("Event", s("Chunk"))]);
        assert_eq!(compared(&plain, &streaming), [(s("Event: none -> `Chunk`"), false)]);
        assert_eq!(compared(&streaming, &plain), [(s("Event: `Chunk` -> none"), true)]);
    }

    /// A variant whose value changed is the old value removed and the new one added.
    #[test]
    fn enum_value_changed_under_the_same_variant() {
        let item = |v: &str| Item { kind: "enum", values: vec![(s("Auto"), Some(v.to_owned())), (s("Other"), None)], ..Item::default() };
        assert_eq!(compared(&item("auto"), &item("AUTO")), [(s("value `Auto` = \"auto\" removed"), true), (s("value `Auto` = \"AUTO\" added"), false)]);
    }

    fn s(text: &str) -> String {
        text.to_owned()
    }
}
