// The support code of every generated crate, emitted as its private module
// `__serde` (see `runtime::support_module`). This file is real Rust: the
// generator compiles it twice, once per reading mode, and tests it
// (`runtime::tests`). The emitter puts `const STRICT: bool = ...;` in front
// and drops the parts (between `// part: NAME` and `// end part`) that no
// generated type uses; parts nest (the `keep` lines inside `keys`). Every
// item is in the part of the generated code that calls it, so that no spec
// leaves an item unused (`dead_code`, `unused_imports`). Comments that are
// not `///` docs do not reach the output.
//
// Reading rules (the generated structs' `Deserialize` impls call these):
// - tolerant (the default): a required field that is absent, or `null` where
//   its schema allows no null, reads as its type's empty value ([`empty`]);
// - strict (`Config::strict_reading`): such a field is an error, as serde's
//   derive would report it, and a constant sent with another value is one too.

// part: struct
use ::serde::de;
use ::std::fmt;
use ::std::marker::PhantomData;

/// A struct read from a JSON object: what its `Deserialize` impl calls.
pub trait FromMap: Sized {
    /// What the struct is, for error messages.
    const EXPECTING: &'static str;
    /// Reads the struct from the entries of a map.
    fn from_map<'de, A: de::MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// Deserializes any [`FromMap`] struct from a map.
pub fn deserialize<'de, T: FromMap, D: de::Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(Visit(PhantomData))
}

struct Visit<T>(PhantomData<T>);

impl<'de, T: FromMap> de::Visitor<'de> for Visit<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }
    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::from_map(map)
    }
}

// part: read
/// Reads the value of an `Option` field's key straight into the field's
/// value: `null` is `None` in either mode, and an absent key leaves it `None`.
pub fn read<'de, T: de::Deserialize<'de>, A: de::MapAccess<'de>>(slot: &mut T, map: &mut A) -> Result<(), A::Error> {
    *slot = map.next_value()?;
    Ok(())
}
// end part

/// Skips the value of a key the struct does not keep.
pub fn skip<'de, A: de::MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<de::IgnoredAny>().map(|_| ())
}
// end part

// part: keys
/// A struct's JSON names, looked up as its keys arrive: a key's position, or
/// [`UNKNOWN`] for a key the struct does not name (which a struct that keeps
/// such keys holds on to, for `keep`).
pub struct Keys {
    names: &'static [&'static str],
    next: usize,
    // part: keep
    keeps: bool,
    unknown: Option<String>,
    // end part
}

/// What [`Keys`] gives for a key the struct does not name.
pub const UNKNOWN: usize = usize::MAX;

impl Keys {
    // part: keys_new
    /// The names, in the spec's order.
    #[inline]
    pub fn new(names: &'static [&'static str]) -> Self {
        Keys {
            names,
            next: 0,
            // part: keep
            keeps: false,
            unknown: None,
            // end part
        }
    }
    // end part

    // part: keep
    /// The names, for a struct that keeps the keys it does not name.
    #[inline]
    pub fn keeping(names: &'static [&'static str]) -> Self {
        Keys { names, next: 0, keeps: true, unknown: None }
    }
    // end part

    /// APIs mostly send keys in the spec's order, so the search starts after
    /// the last key found and wraps around.
    #[inline]
    fn find(&mut self, key: &str) -> Option<usize> {
        let (before, after) = self.names.split_at(self.next);
        let i = match after.iter().position(|name| *name == key) {
            Some(i) => self.next + i,
            None => before.iter().position(|name| *name == key)?,
        };
        self.next = i + 1;
        Some(i)
    }
}

impl<'de> de::DeserializeSeed<'de> for &mut Keys {
    type Value = usize;
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> de::Visitor<'de> for &mut Keys {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<usize, E> {
        let found = self.find(key);
        // part: keep
        if found.is_none() && self.keeps {
            self.unknown = Some(key.to_owned());
        }
        // end part
        Ok(found.unwrap_or(UNKNOWN))
    }
}
// end part

// part: set
/// Reads the value of a required or constant key into its slot (a repeated
/// key: the last wins). Tolerant reading takes `null` as the type's empty
/// value.
pub fn set<'de, T: de::Deserialize<'de>, A: de::MapAccess<'de>>(slot: &mut Option<T>, map: &mut A) -> Result<(), A::Error> {
    *slot = Some(if STRICT { map.next_value()? } else { map.next_value_seed(OrEmpty(PhantomData))? });
    Ok(())
}

/// Reads `T`, taking `null` as `T`'s empty value.
struct OrEmpty<T>(PhantomData<T>);

impl<'de, T: de::Deserialize<'de>> de::DeserializeSeed<'de> for OrEmpty<T> {
    type Value = T;
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, T: de::Deserialize<'de>> de::Visitor<'de> for OrEmpty<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value or null")
    }
    fn visit_none<E: de::Error>(self) -> Result<T, E> {
        empty("null")
    }
    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        empty("null")
    }
    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }
}

/// `T`'s empty value: what `T` reads from a deserializer that holds nothing
/// ([`Empty`]): `""`, `0`, `false`, an empty list or map, `None`, `null` for
/// any JSON (so a union is its `Unknown(null)`), an open enum's `Other("")` or
/// `Other(0)`, and a struct read from `{}` (recursively, its constants taking
/// their value). A chain of required fields that never ends (a struct that
/// requires itself) stops after 64 levels with a `missing field` error for
/// `name`, the field that started it.
fn empty<'de, T: de::Deserialize<'de>, E: de::Error>(name: &'static str) -> Result<T, E> {
    thread_local! {
        static DEPTH: ::std::cell::Cell<u32> = const { ::std::cell::Cell::new(0) };
    }
    let depth = DEPTH.with(|d| d.replace(d.get() + 1));
    let result = if depth > 64 { Err(E::missing_field(name)) } else { T::deserialize(Empty(PhantomData)) };
    DEPTH.with(|d| d.set(depth));
    result
}

/// A deserializer that holds nothing: each type reads its empty value from it.
struct Empty<E>(PhantomData<E>);

impl<'de, E: de::Error> de::Deserializer<'de> for Empty<E> {
    type Error = E;
    fn deserialize_any<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_unit()
    }
    fn deserialize_bool<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_bool(false)
    }
    fn deserialize_i64<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_u64(0)
    }
    fn deserialize_i32<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_u64(0)
    }
    fn deserialize_u64<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_u64(0)
    }
    fn deserialize_u32<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_u64(0)
    }
    fn deserialize_f64<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_f64(0.0)
    }
    fn deserialize_str<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_str("")
    }
    fn deserialize_string<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_str("")
    }
    fn deserialize_option<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_none()
    }
    fn deserialize_newtype_struct<V: de::Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, E> {
        visitor.visit_newtype_struct(self)
    }
    fn deserialize_seq<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_seq(self)
    }
    fn deserialize_map<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_map(self)
    }
    fn deserialize_struct<V: de::Visitor<'de>>(self, _name: &'static str, _fields: &'static [&'static str], visitor: V) -> Result<V::Value, E> {
        visitor.visit_map(self)
    }
    ::serde::forward_to_deserialize_any! {
        i8 i16 i128 u8 u16 u128 f32 char bytes byte_buf unit unit_struct tuple tuple_struct enum identifier ignored_any
    }
}

impl<'de, E: de::Error> de::SeqAccess<'de> for Empty<E> {
    type Error = E;
    fn next_element_seed<T: de::DeserializeSeed<'de>>(&mut self, _seed: T) -> Result<Option<T::Value>, E> {
        Ok(None)
    }
}

impl<'de, E: de::Error> de::MapAccess<'de> for Empty<E> {
    type Error = E;
    fn next_key_seed<K: de::DeserializeSeed<'de>>(&mut self, _seed: K) -> Result<Option<K::Value>, E> {
        Ok(None)
    }
    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, _seed: V) -> Result<V::Value, E> {
        Err(E::custom("an empty map has no values"))
    }
}
// end part

// part: required
/// A required field's slot once the input is read. Absent: strict reading
/// reports `missing field` (but an `Option` is `None`, as serde's derive
/// reads it); tolerant reading takes the type's empty value.
pub fn required<'de, T: de::Deserialize<'de>, E: de::Error>(value: Option<T>, name: &'static str) -> Result<T, E> {
    match value {
        Some(value) => Ok(value),
        None if STRICT => T::deserialize(Missing(name, PhantomData)),
        None => empty(name),
    }
}

/// Strict reading's absent field: `None` for an `Option`, an error for anything else.
struct Missing<E>(&'static str, PhantomData<E>);

impl<'de, E: de::Error> de::Deserializer<'de> for Missing<E> {
    type Error = E;
    fn deserialize_any<V: de::Visitor<'de>>(self, _visitor: V) -> Result<V::Value, E> {
        Err(E::missing_field(self.0))
    }
    fn deserialize_option<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_none()
    }
    ::serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}
// end part

// part: constant
/// A required constant property's slot once the input is read: anything sent
/// is kept as sent; absent or `null`, tolerant reading takes the spec's value.
/// Strict reading refuses another value, and an absent or `null` one.
pub fn constant<E: de::Error>(value: Option<Option<String>>, constant: &'static str, name: &'static str) -> Result<String, E> {
    match value {
        None if STRICT => Err(E::missing_field(name)),
        Some(None) if STRICT => Err(E::invalid_type(de::Unexpected::Unit, &format!("the constant {constant:?}").as_str())),
        Some(Some(sent)) => check(sent, constant, name),
        _ => Ok(constant.to_owned()),
    }
}
// end part

// part: optional_constant
/// An optional constant property's value once the input is read: kept as
/// sent, `None` when absent or `null`. Strict reading refuses another value.
pub fn optional_constant<E: de::Error>(value: Option<String>, constant: &'static str, name: &'static str) -> Result<Option<String>, E> {
    value.map(|sent| check(sent, constant, name)).transpose()
}
// end part

// part: check_constant
/// A constant as sent: strict reading refuses a value other than the spec's.
fn check<E: de::Error>(sent: String, constant: &'static str, name: &'static str) -> Result<String, E> {
    if STRICT && sent != constant {
        return Err(E::custom(format_args!("`{name}` is {sent:?}, where the spec's constant is {constant:?}")));
    }
    Ok(sent)
}
// end part

// part: keep
/// The value of a key the struct does not name: into `rest` when the struct
/// keeps such keys (its `extra` map, or the leftovers a flattened union reads).
pub fn keep<'de, V: de::Deserialize<'de>, A: de::MapAccess<'de>>(keys: &mut Keys, rest: &mut impl Extend<(String, V)>, map: &mut A) -> Result<(), A::Error> {
    match keys.unknown.take() {
        Some(key) => {
            let value = map.next_value()?;
            rest.extend(Some((key, value)));
            Ok(())
        }
        None => skip(map),
    }
}
// end part

// part: from_rest
/// A flattened field, read from the keys no other field took.
pub fn from_rest<T: de::DeserializeOwned, E: de::Error>(rest: &::serde_json::Map<String, ::serde_json::Value>) -> Result<T, E> {
    ::serde_json::from_value(::serde_json::Value::Object(rest.clone())).map_err(E::custom)
}
// end part

// part: rank
/// What a union's struct arm is recognised by in an object.
pub struct Shape {
    /// The properties it requires (constants aside).
    pub required: &'static [&'static str],
    /// Every property it names.
    pub known: &'static [&'static str],
    /// Its constant properties and their values.
    pub constants: &'static [(&'static str, &'static str)],
}

/// The struct arms worth trying for `object`, best first. An arm whose
/// constant is sent with another value is out. First come the arms whose
/// required properties are all there, those that require most first (so a
/// verbose form is not read as its short form); then the arms that lack some,
/// those that name most of the object's keys first; ties go to the spec's
/// order. An arm that names none of a non-empty object's keys is not tried:
/// tolerant reading would accept it, but nothing in the object points to it.
pub fn rank(object: &::serde_json::Map<String, ::serde_json::Value>, shapes: &[Shape]) -> Vec<usize> {
    let mut scored: Vec<(bool, usize, usize, usize)> = Vec::with_capacity(shapes.len());
    for (i, shape) in shapes.iter().enumerate() {
        if shape.constants.iter().any(|(key, value)| object.get(*key).is_some_and(|sent| sent != value)) {
            continue;
        }
        let named = object.keys().filter(|key| shape.known.contains(&key.as_str())).count();
        if named == 0 && !object.is_empty() {
            continue;
        }
        let complete = shape.required.iter().all(|key| object.contains_key(*key));
        scored.push((complete, if complete { shape.required.len() } else { 0 }, named, i));
    }
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2)).then(a.3.cmp(&b.3)));
    scored.into_iter().map(|(_, _, _, i)| i).collect()
}
// end part
