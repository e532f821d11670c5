//! Stage 3: the type graph (IR).
//!
//! Every component schema gets a [`TypeId`] before anything is converted, so
//! forward and circular references resolve. Then each schema becomes one of the
//! [`Kind`]s below; inline parts that need a type of their own are named after
//! their place (see "Names" below) and live in their component's module.
//!
//! The rules read a schema through `schema::View`: what it builds as (its
//! form) and the keywords some rules read whatever the form, the same whether
//! `openapiv3` read it as a typed schema or as its catch-all `AnySchema`; the
//! mapping is documented there. `model::object` makes structs and merges
//! allOf, `model::union` makes unions, `model::follow` looks through
//! references, one-arm allOfs and null arms.
//!
//! # Rules, in the order they are tried
//!
//! **Constants.** A one-value string enum (`enum: [batch]`, `const: batch`, usually
//! marked `x-stainless-const`) used as a property is a [`Ty::Constant`] field,
//! a `Cow<'static, str>` (an `Option` of one when optional, so that leaving it
//! out round-trips), that records the value ([`Field::constant`]): reading
//! the spec's value borrows it instead of allocating, `new` and `Default` fill it in, so
//! it never has to be spelled out, and a value the API sends instead is kept
//! as sent (the live API sends `vector_store.file_batch` where the spec says
//! `vector_store.files_batch`). A tagged union's arm holds its tag this way,
//! and writes it once.
//!
//! **Unknown properties** are kept in a map field `extra` ([`Extra`]) unless
//! the spec says `additionalProperties: false`, the struct flattens a union
//! (the union's arm keeps them), or `ModelSettings::keep_unknown` is off.
//!
//! **Construction.** A struct's `new` takes the required fields that are not
//! constants, in the order of the `required` list ([`Kind::Struct`]); without
//! any, it implements `Default`.
//!
//! **Nullability.** `{type: 'null'}` arms and `nullable: true` make the field an
//! `Option`. A field that is required but nullable is an `Option` that serializes
//! `null`; a field that is not required is an `Option` skipped when `None`.
//!
//! **allOf** is merged: the properties and `required` of every arm (following
//! `$ref`s) make one struct. An arm that is a union (`allOf [anyOf [...],
//! {properties}]`) becomes a flattened field of that union's type (read from,
//! and written as, the entries beside the others),
//! so the variant's properties sit beside the merged ones. A one-arm `allOf` (what `$ref` with sibling keys
//! becomes in `normalize`) is that arm, with the siblings' docs.
//!
//! **oneOf / anyOf**, after dropping null arms:
//! 1. one arm left: that arm (`anyOf [X, null]` is `Option<X>`);
//! 2. all arms strings (plain, enum or const): one open enum of every listed
//!    value plus any other string (`anyOf [string, enum [...]]`); with no listed
//!    value, `String`. Likewise all integers;
//! 3. all arms objects that share a property which is a distinct constant in each
//!    (or the union has a `discriminator`): a tagged enum. Deserialization reads
//!    the tag and picks the variant; an unknown tag is kept whole in `Unknown`,
//!    and so (tolerant reading) is a known tag whose arm does not read.
//!    With a `discriminator`, an arm's tags are its `mapping` entries, else the
//!    values its own tag property allows (a constant, or every value of an
//!    enum: `web_search_preview` and `web_search_preview_2025_03_11`), else its
//!    schema's name;
//! 4. otherwise an untagged enum: struct arms are ranked by what an object
//!    holds (constants that disagree rule an arm out; arms with all their
//!    required properties first, most required first, so a verbose form is
//!    not read as its short form; then the arms naming most of its keys);
//!    other arms by JSON kind in the spec's order; a value no arm accepts is
//!    kept in `Unknown`. The plan is made once every type is built
//!    (`union::plan`); emit prints it.
//!
//! Rule 2 looks through arms that are themselves such unions: `anyOf [$ref
//! ModelIdsShared, enum [...]]`, where `ModelIdsShared` is `anyOf [string,
//! enum [...]]`, is one open enum of all the known values.
//!
//! **Enums are open**: every string or integer enum has an `Other` variant that
//! keeps a value the spec does not list. A value listed twice is one variant
//! (the first listing's, with the first description given); values that
//! differ only in case are distinct variants (`ASC`, `asc` → `Asc`, `Asc2`).
//!
//! **Fallbacks.** `serde_json::Value` is used only where the spec gives no type
//! (an empty schema, `not`, an array without `items`, an object with neither
//! properties nor `additionalProperties`). Each use is recorded in
//! [`Model::fallbacks`] with its reason.
//!
//! **Scalars.** `integer` is `i64`, except `format: int32` (`i32`), `uint32`
//! (`u32`) and `uint64` (`u64`); `number` is `f64` (also for `format: float`,
//! so values round-trip exactly); `boolean` is `bool`; `string` is `String`
//! whatever its format, but one. Arrays are `Vec`, maps (`additionalProperties`) are
//! `BTreeMap<String, _>`. The one format that changes the type is `binary`:
//! such a string is a file to upload, `api::File` ([`Ty::File`]).
//!
//! **Recursion** is broken with `Box` exactly on the edges inside a cycle of
//! by-value references (strongly connected components); `Vec` and maps already
//! break cycles. A schema that is an array or map of itself (directly or
//! through other such schemas) would be a type alias that refers to itself,
//! which Rust rejects: an alias on a cycle of aliases becomes a newtype,
//! `pub struct A(pub Vec<A>);`, with the JSON of its inner value. A chain of
//! references deeper than rustc follows (its `recursion_limit`) is held at
//! one reference by `api::Link`, a box rustc does not look into. The rules
//! are in `model::cycles`.
//!
//! # Names
//! A component `Foo` is type `Foo` in module `foo`, re-exported at the root. An
//! inline schema is named after its property (`errors` → `batch::Errors`), an
//! array's items add `Item`, a map's values add `Value`, a union's inline arms
//! take their title or constant tag. If the name is taken in the module the
//! parent's name goes in front (`BatchErrors`), then a counter. A setting can
//! give the inline schema at a JSON pointer a name of its own, and with it a
//! module of its own (see `Config::name_schema`). Operations share one
//! module, and each inline type there belongs to an owner whose name it
//! carries in front (`model::operations`, Names).
//!
//! A name never depends on the order of the spec: where two names would be
//! the same Rust name (`a.b` and `a_b` are both `AB`), the counter goes to
//! the one whose spec name sorts later, not to the one met later. Adding or
//! removing a schema or an operation renames only what collided with it.

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, OpenAPI, ReferenceOr, Schema, SchemaData};
use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::error::{Error, Result};
use crate::flaw::{Flaw, Warning};
use crate::naming::{self, Case, Scope};
use crate::pointer::{component_name, JsonPointer, RefProblem};
use crate::schema::{Form, Listed, ObjectSpec, View, Width};

mod build;
mod cycles;
mod features;
mod follow;
mod object;
mod operations;
mod union;

pub use build::build;
use build::{boxed_ref, int_enum, schema_ref, string_enum, Builder, Built, Owner, SRef, Slot};
pub use features::{Enabled, Feature, Features, Reach, Selection, FULL};
use object::ObjectParts;
pub use operations::{template_parts, template_path, Body, Choice, Encoding, Location, Media, Operation, ResponseCase, Status, Style, TemplatePart};

/// Index of a type in [`Model::types`].
pub type TypeId = usize;

/// A Rust type as written in a field or a variant.
#[derive(Clone, Debug, PartialEq)]
pub enum Ty {
    /// A generated type.
    Named(TypeId),
    /// `String`.
    String,
    /// `Cow<'static, str>`: a constant property's value ([`Field::constant`]),
    /// the spec's own `&'static str` when that is what arrived (so reading it
    /// allocates nothing), or the text as sent.
    Constant,
    /// `bool`.
    Bool,
    /// `i64`: `integer` with no format, `int64`, or a timestamp format.
    I64,
    /// `i32`: `format: int32`.
    I32,
    /// `u64`: `format: uint64` (or `uint`).
    U64,
    /// `u32`: `format: uint32`.
    U32,
    /// `f64`.
    F64,
    /// `()`: a value that is always `null`.
    Unit,
    /// `api::File`: `format: binary`, a file to upload.
    File,
    /// Any JSON: `serde_json::Value`.
    Value,
    /// A type of the user's, printed as written: a schema given to
    /// `Config::extern_type`, or one whose `format` `Config::format_type`
    /// maps.
    Extern(String),
    /// `Vec<T>`.
    Vec(Box<Ty>),
    /// `HashMap<String, T>`.
    Map(Box<Ty>),
    /// `Option<T>`.
    Option(Box<Ty>),
    /// `Box<T>`, on recursive edges.
    Boxed(Box<Ty>),
    /// `api::Link<T>`: a box that ends a chain of types too long for rustc
    /// (see `cycles`, "Long chains").
    Linked(Box<Ty>),
}

impl Ty {
    /// Push every type this names, through any wrapper, onto `out`.
    pub fn named_into(&self, out: &mut Vec<TypeId>) {
        match self {
            Ty::Named(id) => out.push(*id),
            Ty::Vec(t) | Ty::Map(t) | Ty::Option(t) | Ty::Boxed(t) | Ty::Linked(t) => t.named_into(out),
            _ => {}
        }
    }

    fn option(self) -> Ty {
        match self {
            Ty::Option(_) => self,
            other => Ty::Option(Box::new(other)),
        }
    }
}

/// A generated type.
#[derive(Clone, Debug)]
pub struct TypeDef {
    /// Its Rust name.
    pub name: String,
    /// Index into [`Model::modules`].
    pub module: usize,
    /// Where the schema is, e.g. `#/components/schemas/Batch/properties/errors`.
    pub pointer: String,
    /// The description, unsanitized.
    pub doc: Option<String>,
    /// `deprecated: true` in the spec.
    pub deprecated: bool,
    /// What it is.
    pub kind: Kind,
}

/// The shape of a generated type.
#[derive(Clone, Debug)]
pub enum Kind {
    /// A struct.
    Struct {
        /// The fields, in spec order (constants included).
        fields: Vec<Field>,
        /// The map of properties beyond the named ones, if the struct keeps them.
        extra: Option<Extra>,
        /// The arguments of `new`, as indices into `fields`: the required fields
        /// that are not constants, in the order of the schema's `required` list
        /// (merged allOf arms in arm order), then flattened unions. Empty: the
        /// struct implements `Default` instead.
        new_args: Vec<usize>,
    },
    /// An open string enum: the listed values plus `Other(String)`.
    StringEnum {
        /// The values.
        values: Vec<EnumValue>,
        /// Name of the catch-all variant.
        other: String,
    },
    /// An open integer enum: the listed values plus `Other(i64)`.
    IntEnum {
        /// `(value, variant name, doc)`.
        values: Vec<(i64, String, Option<String>)>,
        /// Name of the catch-all variant.
        other: String,
    },
    /// A union told apart by a tag property.
    Tagged {
        /// The tag's JSON name.
        property: String,
        /// The variants, in spec order.
        variants: Vec<Variant>,
        /// Name of the variant that keeps an unknown tag's JSON.
        unknown: String,
        /// How a body is read: filled in by `union::plan` once every type is built.
        groups: Vec<TagGroup>,
    },
    /// A union told apart by shape.
    Untagged {
        /// The variants, in spec order.
        variants: Vec<Variant>,
        /// Name of the variant that keeps JSON no arm accepts.
        unknown: String,
        /// How a body is read: filled in by `union::plan` once every type is built.
        plan: UntaggedPlan,
    },
    /// `pub type Name = Ty;`
    Alias(Ty),
    /// `pub struct Name(pub Ty);`, read and written as `Ty` is: what an alias
    /// becomes when it would be part of a cycle of aliases through a `Vec` or
    /// a map (see `cycles`), which Rust cannot expand.
    Newtype(Ty),
    /// A type whose id is handed out but whose schema is still being built
    /// (a reference to it may already be held: a cycle). Only the builder
    /// sees it: [`build()`] fails with [`Error::Internal`] if one is left, so
    /// no later stage meets it.
    Pending,
}

impl Kind {
    /// The types a definition of this kind names, in its fields, `extra`
    /// map, variants or aliased type.
    pub fn refs(&self) -> Vec<TypeId> {
        let mut out = Vec::new();
        match self {
            Kind::Struct { fields, extra, .. } => {
                fields.iter().for_each(|f| f.ty.named_into(&mut out));
                if let Some(x) = extra {
                    x.ty.named_into(&mut out);
                }
            }
            Kind::Tagged { variants, .. } | Kind::Untagged { variants, .. } => variants.iter().for_each(|v| v.ty.named_into(&mut out)),
            Kind::Alias(t) | Kind::Newtype(t) => t.named_into(&mut out),
            Kind::StringEnum { .. } | Kind::IntEnum { .. } | Kind::Pending => {}
        }
        out
    }
}

/// The map a struct keeps its other properties in.
#[derive(Clone, Debug)]
pub struct Extra {
    /// The field's Rust name.
    pub name: String,
    /// The map's value type.
    pub ty: Ty,
    /// True for the map of properties the spec does not name (kept as sent);
    /// false for a typed `additionalProperties`.
    pub unknown: bool,
}

/// Variants of a tagged union that share tag values, tried in `members` order.
#[derive(Clone, Debug, Default)]
pub struct TagGroup {
    /// The tag values.
    pub tags: Vec<String>,
    /// Indices into the variants; with more than one, `shapes` rank them.
    pub members: Vec<usize>,
    /// Each member's shape, when there are several.
    pub shapes: Vec<Shape>,
}

/// How an untagged union reads a body (the rule is in `model::union::plan`).
#[derive(Clone, Debug, Default)]
pub struct UntaggedPlan {
    /// Struct arms, ranked at run time by what an object holds: variant index
    /// and shape. An arm that is a tagged union of structs appears once per
    /// member, with that member's shape, so the union competes as its best fit.
    pub shaped: Vec<(usize, Shape)>,
    /// Other arms, tried in spec order where the body is one of their JSON kinds.
    pub guarded: Vec<(usize, Vec<JsonKind>)>,
    /// Arms that take any JSON, tried last.
    pub any: Vec<usize>,
}

/// What a struct arm of a union is recognised by in an object.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Shape {
    /// The properties it requires, constants aside.
    pub required: Vec<String>,
    /// Every property it names.
    pub known: Vec<String>,
    /// Its constant properties and their values.
    pub constants: Vec<(String, String)>,
}

/// A kind of JSON value, for union guards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonKind {
    /// `null`.
    Null,
    /// `true`/`false`.
    Bool,
    /// A number that fits `i64` or `u64`.
    Integer,
    /// Any number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

/// A string enum value.
#[derive(Clone, Debug)]
pub struct EnumValue {
    /// As in JSON.
    pub value: String,
    /// The variant's name.
    pub name: String,
    /// Its description, if the spec gives one.
    pub doc: Option<String>,
}

/// A struct field.
#[derive(Clone, Debug)]
pub struct Field {
    /// As in JSON.
    pub json: String,
    /// The Rust identifier (may be raw: `r#type`).
    pub name: String,
    /// The full type, `Option` included.
    pub ty: Ty,
    /// Listed in `required`; an `Option` here serializes `null` instead of being skipped.
    pub required: bool,
    /// The description, unsanitized.
    pub doc: Option<String>,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// An allOf arm that is a union, flattened into the struct (`json` is empty).
    pub flatten: bool,
    /// A property with one allowed value (`const`, a one-value enum): the
    /// value, which `new` and `Default` fill in. The field is a
    /// [`Ty::Constant`] (an `Option` of one when not required, so that a body
    /// that leaves it out is written back without it), so that a value the
    /// API sends instead is kept as sent.
    pub constant: Option<String>,
}

/// A union variant.
#[derive(Clone, Debug)]
pub struct Variant {
    /// The Rust name.
    pub name: String,
    /// Its payload.
    pub ty: Ty,
    /// For tagged unions: the tag values that select it.
    pub tags: Vec<String>,
    /// For tagged unions: whether the payload writes the tag itself (it has
    /// the tag as a constant field).
    pub carries_tag: bool,
}

/// A module: a component and its inline types.
#[derive(Debug)]
pub struct Module {
    /// The Rust module name.
    pub name: String,
    /// Its types, in the order they were made.
    pub types: Vec<TypeId>,
    /// Its main type, re-exported at the root.
    pub main: Option<TypeId>,
    scope: Scope,
}

/// Where the generator fell back to `serde_json::Value` (or dropped detail), and why.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Fallback {
    /// The schema's JSON pointer.
    pub pointer: String,
    /// Why.
    pub reason: FallbackReason,
}

/// Why a schema reads as `serde_json::Value`, or loses part of what it
/// says. Its `Display` is the line the report prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FallbackReason {
    /// An object with neither properties nor an `additionalProperties`
    /// schema: a map of any JSON.
    FreeFormObject,
    /// An `allOf` arm that is not an object (or a union of objects): the
    /// struct has the other arms' fields, and this arm's constraint is lost.
    AllOfArmNotObject,
    /// A parameter given without a schema.
    ParameterWithoutSchema,
    /// Properties beside `oneOf`/`anyOf`: the struct has the properties,
    /// the union's arms are lost.
    PropertiesBesideUnion,
    /// An `enum` whose values are of more than one JSON type.
    MixedEnum,
    /// A `not` schema: any JSON but what it excludes.
    Not,
    /// A schema without a `type` (and nothing else that implies one).
    NoType,
    /// A `type` JSON Schema does not have (a flaw: `crate::flaw`).
    UnknownType,
    /// An array without `items`.
    ArrayWithoutItems,
    /// A cycle made only of aliases, which no Rust type can hold (`cycles`).
    AliasCycle,
}

impl std::fmt::Display for FallbackReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            FallbackReason::FreeFormObject => "free-form object: no properties, no additionalProperties schema",
            FallbackReason::AllOfArmNotObject => "allOf arm that is neither an object nor a union of objects: its constraint is not modelled",
            FallbackReason::ParameterWithoutSchema => "a parameter without a schema",
            FallbackReason::PropertiesBesideUnion => {
                "properties beside oneOf/anyOf: the shared properties are merged into the struct, the union arms are not modelled"
            }
            FallbackReason::MixedEnum => "enum of mixed JSON types",
            FallbackReason::Not => "`not` schema: any JSON but the excluded",
            FallbackReason::NoType => "schema without a type: any JSON",
            FallbackReason::UnknownType => "schema of an unknown type: any JSON",
            FallbackReason::ArrayWithoutItems => "array without `items`",
            FallbackReason::AliasCycle => "a cycle of plain aliases: no type can hold it",
        })
    }
}

/// The whole type graph.
#[derive(Debug)]
pub struct Model {
    /// Every type; [`TypeId`] indexes here.
    pub types: Vec<TypeDef>,
    /// Modules in spec order.
    pub modules: Vec<Module>,
    /// Operations, in spec order.
    pub operations: Vec<Operation>,
    /// The `operations` module, when the spec has paths.
    pub operations_module: Option<usize>,
    /// Whether values of each type hold files, by [`TypeId`]: read through
    /// [`Model::holds_files`].
    pub files: Vec<bool>,
    /// Every fallback taken.
    pub fallbacks: Vec<Fallback>,
    /// Every flaw in the spec worked around (`crate::flaw`).
    pub warnings: Vec<Warning>,
    /// The Cargo features, and which reach each type and operation
    /// (`model::features`).
    pub features: Features,
}

/// What the model needs from the settings.
#[derive(Clone, Debug)]
pub struct ModelSettings {
    /// JSON pointer of an inline schema → the name of the model it becomes.
    pub names: BTreeMap<String, String>,
    /// Give structs an `extra` map for the properties the spec does not name.
    pub keep_unknown: bool,
    /// A flaw in the spec is an error, not a [`Warning`] (`Config::strict_spec`).
    pub strict_spec: bool,
    /// JSON pointer of a schema → the user's type that stands for it
    /// (`Config::extern_type`).
    pub extern_types: BTreeMap<String, String>,
    /// A scalar `format` → the user's type for every schema with it
    /// (`Config::format_type`).
    pub format_types: BTreeMap<String, String>,
    /// Whether the operations are modelled (`Config::operations`).
    pub operations: bool,
    /// The document was pruned to a slice ([`Slice::prune`](features::Slice::prune)): a setting
    /// may name what this build does not have, which a full build checks.
    pub sliced: bool,
}

impl Default for ModelSettings {
    fn default() -> Self {
        ModelSettings {
            names: BTreeMap::new(),
            keep_unknown: true,
            strict_spec: false,
            extern_types: BTreeMap::new(),
            format_types: BTreeMap::new(),
            operations: true,
            sliced: false,
        }
    }
}

/// Follow aliases: the type a `Ty` finally names (boxes kept). A cycle of
/// aliases, which `cycles` turns into `Value`, cannot loop here; the bound
/// is for safety.
pub fn resolve_alias<'t>(types: &'t [TypeDef], ty: &'t Ty) -> &'t Ty {
    let mut ty = ty;
    for _ in 0..=types.len() {
        match ty {
            Ty::Named(id) => match &types[*id].kind {
                Kind::Alias(inner) => ty = inner,
                _ => return ty,
            },
            _ => return ty,
        }
    }
    ty
}
