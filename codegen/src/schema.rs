//! The one place that reads `openapiv3`'s schema shapes: a [`View`] of a
//! schema, built by [`View::of`], which the model's rules match on instead of
//! `SchemaKind`.
//!
//! `openapiv3` reads a schema as one of its fixed forms when the keywords fit
//! one (`SchemaKind::Type(String | Integer | Number | Boolean | Array |
//! Object)`, or a bare `AllOf`/`OneOf`/`AnyOf`/`Not`), and as the catch-all
//! `SchemaKind::Any(AnySchema)` when they mix: a `type` beside keywords of
//! another type (`type: string` with `minimum`), an `enum` that does not fit
//! the `type`, `properties` beside `oneOf`, `allOf` beside `required`, no
//! `type` at all. The view says what the schema is whichever way it was read.
//!
//! # The form
//!
//! [`Form`] is what the schema builds as. The fixed forms map one to one:
//!
//! | `openapiv3` | [`Form`] |
//! |---|---|
//! | `Type(String)` | `String`: the `enum`'s strings; `nullable` if it lists `null`; `binary` for `format: binary` |
//! | `Type(Integer)` | `Integer`: the `enum`'s values; `nullable` if it lists `null`; the width from `format` (`int32`, `uint32`, `uint64`/`uint`, else 64 bits) |
//! | `Type(Number)`, `Type(Boolean)` | `Number`, `Boolean` (an `enum` is not read) |
//! | `Type(Array)` | `Array { items }` |
//! | `Type(Object)` | `Object` with its `properties`, `required`, `additionalProperties` |
//! | `AllOf` | `AllOf { arms, own: None }` |
//! | `OneOf` / `AnyOf` | `Union { word: "oneOf" / "anyOf", arms }` |
//! | `Not` | `Not` |
//!
//! `Any(AnySchema)` is read by the first row that applies, where "a union"
//! is `one_of` if it has arms, else `any_of`:
//!
//! | `AnySchema` | [`Form`] |
//! |---|---|
//! | no `typ`, and no `properties`, `items`, `enumeration`, `one_of`, `any_of`, `all_of` or `additional_properties` (only `required`, validation, docs, `not`) | `Constraints { required }` |
//! | `typ: "null"` (whatever else it says) | `Null` |
//! | `typ: "string"`, no `properties`, no union | `String`: the `enumeration`'s strings (others dropped); `nullable` if it lists `null`; `binary` for `format: "binary"` |
//! | `typ: "integer"`, no `properties`, no union | `Integer`: the `enumeration`'s integers (others dropped); `nullable` if it lists `null`; the width from `format`, as for `Type(Integer)` |
//! | `typ: "number"` / `"boolean"` / `"array"`, no union | `Number` / `Boolean` / `Array { items }` (`properties` ignored) |
//! | a `typ` that is no JSON Schema type (`"thing"`) | `BadType` |
//! | a union with an arm that is not an inline `Constraints` schema, no `properties` | `Union { word, arms }` |
//! | the same beside `properties` | the rows below, with [`View::union_beside_properties`] set (the union is not modelled) |
//! | `all_of` | `AllOf { arms, own: Some(its object keywords) }` |
//! | `properties`, `typ: "object"` or `additional_properties` | `Object` |
//! | `items` | `Array { items }` |
//! | `enumeration` | `Enum(values)`: strings, integers or mixed, `null` allowed |
//! | `typ: "string"` / `"integer"` | `String` / `Integer` without values |
//! | anything else (a union of only constraints, `typ: "number"` beside one) | `Untyped` |
//!
//! # The keywords beside the form
//!
//! Some rules read a keyword whatever the form: an allOf merges any schema
//! with `properties`, an `allOf` beside them included; a property whose
//! `enum` lists one string is a constant, whatever else the schema says; an
//! untagged arm is named after its `type`. The view keeps those as
//! written: [`View::typ`], [`View::object`], [`View::all_of`],
//! [`View::unions`] and [`View::listed`]. [`View::mixed`] says that
//! `openapiv3` read the schema as `AnySchema`: a union with sibling keywords
//! is not looked through as a bare one is, and only a fixed-form object with
//! no properties names an untagged arm `Object`.
//!
//! A mixed string or integer reads its `enum` and `format` as the fixed form
//! does: a keyword of another type beside them (`type: integer, format:
//! int32, pattern: ...`) changes how `openapiv3` reads the schema, not what
//! it is.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, IntegerFormat, ObjectType, ReferenceOr, Schema, SchemaData, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty,
};
use serde_json::Value;

/// A schema as the model reads it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct View<'a> {
    /// Docs, `nullable`, `deprecated`, `title`, `discriminator`.
    pub data: &'a SchemaData,
    /// What it builds as.
    pub form: Form<'a>,
    /// The `type` keyword: the type of a typed fixed form, `None` for a bare
    /// allOf/oneOf/anyOf/not, as written for a mixed schema.
    pub typ: Option<&'a str>,
    /// `openapiv3` read it as `AnySchema`: keywords of more than one form.
    pub mixed: bool,
    /// Its object keywords: a typed object's, or a mixed schema's (possibly
    /// empty); `None` for the other fixed forms.
    pub object: Option<ObjectSpec<'a>>,
    /// The `allOf` arms, whatever the form (empty without `allOf`).
    pub all_of: &'a [ReferenceOr<Schema>],
    /// It has `oneOf` or `anyOf` arms, whatever the form.
    pub unions: bool,
    /// Its `enum`, as `openapiv3` read it.
    pub listed: Listed<'a>,
    /// A mixed schema with `properties` beside a union: the union is left
    /// out (the model records a fallback) and the form is the object's.
    pub union_beside_properties: bool,
}

/// What a schema builds as (the mapping is in the module docs).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Form<'a> {
    /// `type: 'null'`: only `null`.
    Null,
    /// A string; an open enum when `values` lists strings.
    String {
        /// The `enum` (read with [`Listed::strings`]).
        values: Listed<'a>,
        /// The `enum` lists `null`.
        nullable: bool,
        /// `format: binary`: a file.
        binary: bool,
    },
    /// An integer; an open enum when `values` lists integers.
    Integer {
        /// The `enum` (read with [`Listed::integers`]).
        values: Listed<'a>,
        /// The `enum` lists `null`.
        nullable: bool,
        /// From `format`.
        width: Width,
    },
    /// `type: number`.
    Number,
    /// `type: boolean`.
    Boolean,
    /// An array.
    Array {
        /// `items`, if given.
        items: Option<&'a ReferenceOr<Box<Schema>>>,
    },
    /// An object (properties, a map, or both).
    Object(ObjectSpec<'a>),
    /// `allOf`: merged.
    AllOf {
        /// The arms.
        arms: &'a [ReferenceOr<Schema>],
        /// The schema's own object keywords beside `allOf` (mixed only).
        own: Option<ObjectSpec<'a>>,
    },
    /// `oneOf` or `anyOf`.
    Union {
        /// `"oneOf"` or `"anyOf"`: the keyword, for pointers.
        word: &'static str,
        /// The arms.
        arms: &'a [ReferenceOr<Schema>],
    },
    /// An `enum` without a type that decides it.
    Enum(&'a [Value]),
    /// A bare `not`.
    Not,
    /// Only constraints (`required`, validation, docs): no shape of its own.
    Constraints {
        /// Its `required` list.
        required: &'a [String],
    },
    /// No type to go by.
    Untyped,
    /// A `type` that is none of JSON Schema's.
    BadType(&'a str),
}

/// The integer type an `integer`'s `format` asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Width {
    /// No format, `int64`, or any other.
    I64,
    /// `int32`.
    I32,
    /// `uint32`.
    U32,
    /// `uint64` or `uint`.
    U64,
}

impl Width {
    /// The width a `format` asks for.
    fn of(format: Option<&str>) -> Width {
        match format {
            Some("int32") => Width::I32,
            Some("uint32") => Width::U32,
            Some("uint64" | "uint") => Width::U64,
            _ => Width::I64,
        }
    }
}

/// A schema's `enum`, as `openapiv3` read it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Listed<'a> {
    /// Nothing to read: a number, a boolean, a bare allOf/oneOf/anyOf/not.
    None,
    /// A typed string's values (`None`: a listed `null`).
    Strings(&'a [Option<String>]),
    /// A typed integer's values (`None`: a listed `null`).
    Integers(&'a [Option<i64>]),
    /// A mixed schema's values as written (empty without `enum`).
    Json(&'a [Value]),
}

impl<'a> Listed<'a> {
    /// The string values, in order (`null` and values of other types left out).
    pub(crate) fn strings(self) -> Vec<&'a str> {
        match self {
            Listed::Strings(values) => values.iter().flatten().map(String::as_str).collect(),
            Listed::Json(values) => values.iter().filter_map(Value::as_str).collect(),
            Listed::None | Listed::Integers(_) => vec![],
        }
    }

    /// The integer values, in order (`null` and values of other types left out).
    pub(crate) fn integers(self) -> Vec<i64> {
        match self {
            Listed::Integers(values) => values.iter().flatten().copied().collect(),
            Listed::Json(values) => values.iter().filter_map(Value::as_i64).collect(),
            Listed::None | Listed::Strings(_) => vec![],
        }
    }

    /// A mixed schema's `enum` that lists `null`.
    fn lists_null(self) -> bool {
        matches!(self, Listed::Json(values) if values.iter().any(Value::is_null))
    }

    /// A mixed schema's `enum` that lists `null` and nothing else.
    fn only_null(self) -> bool {
        matches!(self, Listed::Json(values) if !values.is_empty() && values.iter().all(Value::is_null))
    }
}

/// The object keywords of one schema.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ObjectSpec<'a> {
    /// `properties`.
    pub properties: &'a IndexMap<String, ReferenceOr<Box<Schema>>>,
    /// `required`.
    pub required: &'a [String],
    /// `additionalProperties`.
    pub additional: Option<&'a AdditionalProperties>,
}

impl<'a> ObjectSpec<'a> {
    fn of_object(ot: &'a ObjectType) -> Self {
        ObjectSpec { properties: &ot.properties, required: &ot.required, additional: ot.additional_properties.as_ref() }
    }

    fn of_any(any: &'a AnySchema) -> Self {
        ObjectSpec { properties: &any.properties, required: &any.required, additional: any.additional_properties.as_ref() }
    }
}

impl<'a> View<'a> {
    /// The view of a schema.
    pub(crate) fn of(schema: &'a Schema) -> View<'a> {
        let data = &schema.schema_data;
        // A fixed form has its own keywords and no others.
        let mut view = View {
            data,
            form: Form::Not,
            typ: None,
            mixed: false,
            object: None,
            all_of: &[],
            unions: false,
            listed: Listed::None,
            union_beside_properties: false,
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(st)) => {
                view.typ = Some("string");
                view.listed = Listed::Strings(&st.enumeration);
                view.form = Form::String {
                    values: view.listed,
                    nullable: st.enumeration.iter().any(Option::is_none),
                    binary: matches!(st.format, VariantOrUnknownOrEmpty::Item(StringFormat::Binary)),
                };
            }
            SchemaKind::Type(Type::Integer(it)) => {
                view.typ = Some("integer");
                view.listed = Listed::Integers(&it.enumeration);
                let width = match &it.format {
                    VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Width::I32,
                    VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64) | VariantOrUnknownOrEmpty::Empty => Width::I64,
                    VariantOrUnknownOrEmpty::Unknown(f) => Width::of(Some(f)),
                };
                view.form = Form::Integer { values: view.listed, nullable: it.enumeration.iter().any(Option::is_none), width };
            }
            SchemaKind::Type(Type::Number(_)) => {
                view.typ = Some("number");
                view.form = Form::Number;
            }
            SchemaKind::Type(Type::Boolean(_)) => {
                view.typ = Some("boolean");
                view.form = Form::Boolean;
            }
            SchemaKind::Type(Type::Array(at)) => {
                view.typ = Some("array");
                view.form = Form::Array { items: at.items.as_ref() };
            }
            SchemaKind::Type(Type::Object(ot)) => {
                let object = ObjectSpec::of_object(ot);
                view.typ = Some("object");
                view.object = Some(object);
                view.form = Form::Object(object);
            }
            SchemaKind::AllOf { all_of } => {
                view.all_of = all_of;
                view.form = Form::AllOf { arms: all_of, own: None };
            }
            SchemaKind::OneOf { one_of: arms } => {
                view.unions = !arms.is_empty();
                view.form = Form::Union { word: "oneOf", arms };
            }
            SchemaKind::AnyOf { any_of: arms } => {
                view.unions = !arms.is_empty();
                view.form = Form::Union { word: "anyOf", arms };
            }
            SchemaKind::Not { .. } => {}
            SchemaKind::Any(any) => return View::of_any(data, any),
        }
        view
    }

    /// The view of a mixed schema: the second table of the module docs.
    fn of_any(data: &'a SchemaData, any: &'a AnySchema) -> View<'a> {
        let object = ObjectSpec::of_any(any);
        let listed = Listed::Json(&any.enumeration);
        let typ = any.typ.as_deref();
        let has_properties = !any.properties.is_empty();
        let union = if !any.one_of.is_empty() {
            Some(("oneOf", &any.one_of[..]))
        } else if !any.any_of.is_empty() {
            Some(("anyOf", &any.any_of[..]))
        } else {
            None
        };
        let mut union_beside_properties = false;
        let form = 'form: {
            if constraints_only(any) {
                break 'form Form::Constraints { required: &any.required };
            }
            match typ {
                Some("null") => break 'form Form::Null,
                Some("string") if !has_properties && union.is_none() => {
                    break 'form Form::String { values: listed, nullable: listed.lists_null(), binary: any.format.as_deref() == Some("binary") };
                }
                Some("integer") if !has_properties && union.is_none() => {
                    break 'form Form::Integer { values: listed, nullable: listed.lists_null(), width: Width::of(any.format.as_deref()) };
                }
                Some("number") if union.is_none() => break 'form Form::Number,
                Some("boolean") if union.is_none() => break 'form Form::Boolean,
                Some("array") if union.is_none() => break 'form Form::Array { items: any.items.as_ref() },
                Some("object" | "array" | "string" | "integer" | "number" | "boolean") | None => {}
                Some(other) => break 'form Form::BadType(other),
            }
            if let Some((word, arms)) = union {
                let constraint =
                    |a: &ReferenceOr<Schema>| matches!(a, ReferenceOr::Item(Schema { schema_kind: SchemaKind::Any(x), .. }) if constraints_only(x));
                if !arms.iter().all(constraint) {
                    if !has_properties {
                        break 'form Form::Union { word, arms };
                    }
                    union_beside_properties = true;
                }
            }
            if !any.all_of.is_empty() {
                break 'form Form::AllOf { arms: &any.all_of, own: Some(object) };
            }
            if has_properties || typ == Some("object") || any.additional_properties.is_some() {
                break 'form Form::Object(object);
            }
            if any.items.is_some() {
                break 'form Form::Array { items: any.items.as_ref() };
            }
            if !any.enumeration.is_empty() {
                break 'form Form::Enum(&any.enumeration);
            }
            match typ {
                Some("string") => Form::String { values: Listed::None, nullable: false, binary: false },
                Some("integer") => Form::Integer { values: Listed::None, nullable: false, width: Width::of(any.format.as_deref()) },
                _ => Form::Untyped,
            }
        };
        View { data, form, typ, mixed: true, object: Some(object), all_of: &any.all_of, unions: union.is_some(), listed, union_beside_properties }
    }

    /// It admits only `null`: `type: 'null'`, or (unnormalized) an `enum`
    /// listing only `null` with no `type`.
    pub(crate) fn is_null(&self) -> bool {
        matches!(self.form, Form::Null) || (self.typ.is_none() && self.listed.only_null())
    }

    /// It names `properties`.
    pub(crate) fn has_properties(&self) -> bool {
        self.object.is_some_and(|o| !o.properties.is_empty())
    }

    /// The arm of a one-arm `allOf` with no other keywords (what `$ref` with
    /// sibling keys becomes in `normalize`): the schema is that arm, with
    /// these docs.
    pub(crate) fn single_all_of(&self) -> Option<&'a ReferenceOr<Schema>> {
        match self.form {
            Form::AllOf { arms: [arm], own: None } => Some(arm),
            _ => None,
        }
    }

    /// The arms of a `oneOf`/`anyOf` with no other keywords.
    pub(crate) fn bare_union(&self) -> Option<&'a [ReferenceOr<Schema>]> {
        match self.form {
            Form::Union { arms, .. } if !self.mixed => Some(arms),
            _ => None,
        }
    }
}

/// A mixed schema with no type and no keyword that shapes a value.
fn constraints_only(any: &AnySchema) -> bool {
    any.typ.is_none()
        && any.properties.is_empty()
        && any.items.is_none()
        && any.enumeration.is_empty()
        && any.one_of.is_empty()
        && any.any_of.is_empty()
        && any.all_of.is_empty()
        && any.additional_properties.is_none()
}

/// The `format` of a string, integer or number schema without an `enum`,
/// as the spec writes it (`date-time`, `unixtime`, `uuid`, ...): what
/// `Config::format_type` maps.
pub(crate) fn scalar_format(schema: &Schema) -> Option<String> {
    fn named<T>(format: &VariantOrUnknownOrEmpty<T>, name: impl Fn(&T) -> &'static str) -> Option<String> {
        match format {
            VariantOrUnknownOrEmpty::Item(item) => Some(name(item).to_owned()),
            VariantOrUnknownOrEmpty::Unknown(text) => Some(text.clone()),
            VariantOrUnknownOrEmpty::Empty => None,
        }
    }
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(st)) if st.enumeration.is_empty() => named(&st.format, |f| match f {
            StringFormat::Date => "date",
            StringFormat::DateTime => "date-time",
            StringFormat::Password => "password",
            StringFormat::Byte => "byte",
            StringFormat::Binary => "binary",
        }),
        SchemaKind::Type(Type::Integer(it)) if it.enumeration.is_empty() => named(&it.format, |f| match f {
            IntegerFormat::Int32 => "int32",
            IntegerFormat::Int64 => "int64",
        }),
        SchemaKind::Type(Type::Number(nt)) if nt.enumeration.is_empty() => named(&nt.format, |f| match f {
            openapiv3::NumberFormat::Float => "float",
            openapiv3::NumberFormat::Double => "double",
        }),
        SchemaKind::Any(any) if any.enumeration.is_empty() && matches!(any.typ.as_deref(), Some("string" | "integer" | "number")) => any.format.clone(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schema(v: Value) -> Schema {
        serde_json::from_value(v).unwrap()
    }

    /// The form's variant name and the view's flags, for compact asserts.
    fn form(v: Value) -> String {
        let s = schema(v);
        let view = View::of(&s);
        let name = match view.form {
            Form::Null => "Null".to_owned(),
            Form::String { values, nullable, binary } => {
                format!("String{:?}{}{}", values.strings(), if nullable { "?" } else { "" }, if binary { " binary" } else { "" })
            }
            Form::Integer { values, nullable, width } => format!("Integer{:?}{}{width:?}", values.integers(), if nullable { "?" } else { "" }),
            Form::Number => "Number".into(),
            Form::Boolean => "Boolean".into(),
            Form::Array { items } => format!("Array{}", if items.is_some() { "" } else { " without items" }),
            Form::Object(o) => format!("Object{:?}", o.properties.keys().collect::<Vec<_>>()),
            Form::AllOf { arms, own } => format!("AllOf{}{}", arms.len(), if own.is_some() { " own" } else { "" }),
            Form::Union { word, arms } => format!("Union {word} {}", arms.len()),
            Form::Enum(values) => format!("Enum{}", values.len()),
            Form::Not => "Not".into(),
            Form::Constraints { required } => format!("Constraints{required:?}"),
            Form::Untyped => "Untyped".into(),
            Form::BadType(t) => format!("BadType {t}"),
        };
        format!("{name}{}", if view.union_beside_properties { " +union" } else { "" })
    }

    #[test]
    fn fixed_forms_map_one_to_one() {
        assert_eq!(form(json!({"type": "string"})), "String[]");
        assert_eq!(form(json!({"type": "string", "enum": ["a", null, "b"]})), "String[\"a\", \"b\"]?");
        assert_eq!(form(json!({"type": "string", "format": "binary"})), "String[] binary");
        assert_eq!(form(json!({"type": "integer", "format": "int32"})), "Integer[]I32");
        assert_eq!(form(json!({"type": "integer", "format": "uint32"})), "Integer[]U32");
        assert_eq!(form(json!({"type": "integer", "format": "uint"})), "Integer[]U64");
        assert_eq!(form(json!({"type": "integer", "format": "int64", "enum": [1, 2]})), "Integer[1, 2]I64");
        assert_eq!(form(json!({"type": "number", "enum": [1.5]})), "Number");
        assert_eq!(form(json!({"type": "boolean"})), "Boolean");
        assert_eq!(form(json!({"type": "array"})), "Array without items");
        assert_eq!(form(json!({"type": "object", "properties": {"a": {}}})), "Object[\"a\"]");
        assert_eq!(form(json!({"allOf": [{}, {}]})), "AllOf2");
        assert_eq!(form(json!({"oneOf": [{}]})), "Union oneOf 1");
        assert_eq!(form(json!({"anyOf": [{}, {}]})), "Union anyOf 2");
        assert_eq!(form(json!({"not": {}})), "Not");
    }

    #[test]
    fn mixed_schemas_map_by_the_first_row_that_applies() {
        assert_eq!(form(json!({})), "Constraints[]");
        assert_eq!(form(json!({"required": ["a"], "not": {}})), "Constraints[\"a\"]");
        assert_eq!(form(json!({"type": "null", "properties": {"a": {}}})), "Null");
        // A mixed string or integer reads `enum` and `format` as a typed one does.
        assert_eq!(form(json!({"type": "string", "enum": ["a", null, 1], "minimum": 1})), "String[\"a\"]?");
        assert_eq!(form(json!({"type": "string", "format": "binary", "minimum": 1})), "String[] binary");
        assert_eq!(form(json!({"type": "integer", "format": "int32", "required": []})), "Integer[]I32");
        assert_eq!(form(json!({"type": "integer", "format": "uint64", "enum": [1, null, "a"], "pattern": "x"})), "Integer[1]?U64");
        assert_eq!(form(json!({"type": "number", "properties": {"a": {}}})), "Number");
        assert_eq!(form(json!({"type": "array", "required": ["a"]})), "Array without items");
        assert_eq!(form(json!({"type": "thing"})), "BadType thing");
        assert_eq!(form(json!({"type": "object", "oneOf": [{"$ref": "#/x"}]})), "Union oneOf 1");
        assert_eq!(form(json!({"oneOf": [{}], "anyOf": [{}, {"type": "string"}], "required": ["a"]})), "Untyped");
        assert_eq!(form(json!({"anyOf": [{}, {"type": "string"}], "required": ["a"]})), "Union anyOf 2");
        assert_eq!(form(json!({"type": "object", "properties": {"a": {}}, "oneOf": [{"$ref": "#/x"}]})), "Object[\"a\"] +union");
        assert_eq!(form(json!({"type": "object", "properties": {"a": {}}, "oneOf": [{"required": ["a"]}]})), "Object[\"a\"]");
        assert_eq!(form(json!({"allOf": [{}], "required": ["a"]})), "AllOf1 own");
        assert_eq!(form(json!({"additionalProperties": false, "minProperties": 1})), "Object[]");
        assert_eq!(form(json!({"items": {}, "minItems": 1})), "Array");
        assert_eq!(form(json!({"enum": ["a", 1]})), "Enum2");
        assert_eq!(form(json!({"type": "string", "oneOf": [{"required": ["a"]}]})), "String[]");
        assert_eq!(form(json!({"type": "number", "oneOf": [{"required": ["a"]}]})), "Untyped");
    }

    #[test]
    fn keywords_beside_the_form() {
        let s = schema(json!({"type": "object", "allOf": [{}], "anyOf": [{"required": ["a"]}], "enum": [null]}));
        let view = View::of(&s);
        assert!(view.mixed && view.unions && view.all_of.len() == 1 && !view.has_properties());
        assert_eq!(view.typ, Some("object"));
        assert!(matches!(view.form, Form::AllOf { own: Some(_), .. }));
        // `null`-only: `type: 'null'`, or an untyped enum of null; never a typed form.
        assert!(View::of(&schema(json!({"type": "null"}))).is_null());
        assert!(View::of(&schema(json!({"enum": [null], "allOf": [{}]}))).is_null());
        assert!(!View::of(&schema(json!({"type": "string", "enum": [null]}))).is_null());
        // Bare composites are looked through; mixed ones are not.
        assert!(View::of(&schema(json!({"allOf": [{}]}))).single_all_of().is_some());
        assert!(View::of(&schema(json!({"allOf": [{}], "required": ["a"]}))).single_all_of().is_none());
        assert!(View::of(&schema(json!({"anyOf": [{}, {"type": "null"}]}))).bare_union().is_some());
        assert!(View::of(&schema(json!({"anyOf": [{"type": "string"}], "type": "object"}))).bare_union().is_none());
    }
}
