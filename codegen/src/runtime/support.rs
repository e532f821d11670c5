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

// part: serde
use ::serde::de;
use ::std::fmt;
// end part

// part: struct
use ::std::marker::PhantomData;

/// A struct read from a JSON object: what its `Deserialize` impl calls.
pub trait FromMap: Sized {
    /// What the struct is, for error messages.
    const EXPECTING: &'static str;
    /// Reads the struct from the entries of a map.
    fn from_map<'de, A: de::MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

// This, `Visit::visit_map` and every `from_map` are `#[inline]`, so that the
// compiler may inline them, and the deserializer's calls in them, across the
// codegen units of the crate that reads (where these generic readers are
// instantiated): 4.7% fewer instructions reading chat completions, 2.6%
// reading responses (benches/read-speed, callgrind).
/// Deserializes any [`FromMap`] struct from a map.
#[inline]
pub fn deserialize<'de, T: FromMap, D: de::Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(Visit(PhantomData))
}

struct Visit<T>(PhantomData<T>);

impl<'de, T: FromMap> de::Visitor<'de> for Visit<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }
    #[inline]
    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::from_map(map)
    }
}

/// What a struct's reader fills as its keys arrive: one slot per key the
/// struct names, in tuples of up to eight (`(a, b, c)`; past that a tuple
/// of full tuples and the rest, `((a, ..., h), (i, j))`, and so on), keys
/// numbered left to right. Every tuple but the last of a level is full, so
/// a key finds its item in a level by a division and one `match`.
///
/// The slots, not a function of each struct's own, hold the loop over the
/// keys: a reader is one call of [`read_named`] or [`read_keeping`] with its
/// slots and its key lookup, then the struct built from each slot's `value`,
/// so rustc checks each slot's type once, where a written-out loop costs it
/// a call, a `match` arm and a local per field.
pub trait Slots<'de>: Sized {
    /// The keys in the tuple.
    const LEN: usize;
    /// Reads the value of key number `at` into its slot.
    fn read_at<A: de::MapAccess<'de>>(&mut self, at: usize, map: &mut A) -> Result<(), A::Error>;
    /// Once the input is read, applies the reading mode's rules for an
    /// absent required field or constant, in place: after it, every slot
    /// holds its value.
    fn fill<E: de::Error>(&mut self) -> Result<(), E>;
}

/// A struct that names no keys.
impl<'de> Slots<'de> for () {
    const LEN: usize = 0;
    fn read_at<A: de::MapAccess<'de>>(&mut self, _at: usize, map: &mut A) -> Result<(), A::Error> {
        skip(map)
    }
    #[inline]
    fn fill<E: de::Error>(&mut self) -> Result<(), E> {
        Ok(())
    }
}

/// A tuple of slots (or of full tuples of them, and the rest): key `at` is
/// in item `at / width`, where `width` is the first item's size, at `at %
/// width` in it.
macro_rules! slots_tuple {
    ($first:ident $($item:ident $i:tt),+) => {
        impl<'de, $first: Slots<'de>, $($item: Slots<'de>),+> Slots<'de> for ($first, $($item,)+) {
            const LEN: usize = $first::LEN $(+ $item::LEN)+;
            #[inline]
            fn read_at<A: de::MapAccess<'de>>(&mut self, at: usize, map: &mut A) -> Result<(), A::Error> {
                let width = $first::LEN;
                match at / width {
                    0 => self.0.read_at(at % width, map),
                    $($i => self.$i.read_at(at % width, map),)+
                    _ => skip(map),
                }
            }
            #[inline]
            fn fill<E: de::Error>(&mut self) -> Result<(), E> {
                self.0.fill()?;
                $(self.$i.fill()?;)+
                Ok(())
            }
        }
    };
}

slots_tuple!(S0 S1 1);
slots_tuple!(S0 S1 1, S2 2);
slots_tuple!(S0 S1 1, S2 2, S3 3);
slots_tuple!(S0 S1 1, S2 2, S3 3, S4 4);
slots_tuple!(S0 S1 1, S2 2, S3 3, S4 4, S5 5);
slots_tuple!(S0 S1 1, S2 2, S3 3, S4 4, S5 5, S6 6);
slots_tuple!(S0 S1 1, S2 2, S3 3, S4 4, S5 5, S6 6, S7 7);

// part: read
/// An `Option` field's slot, the field's value itself: its key's value is
/// read straight into it, `null` is `None` in either mode, and an absent key
/// leaves it `None`.
pub struct Optional<T>(pub T);

impl<T> Optional<T> {
    /// The field's value, once the slots are filled (see [`Slots`]).
    #[inline]
    pub fn value(self) -> T {
        self.0
    }
}

impl<'de, T: de::Deserialize<'de>> Slots<'de> for Optional<T> {
    const LEN: usize = 1;
    #[inline]
    fn read_at<A: de::MapAccess<'de>>(&mut self, _at: usize, map: &mut A) -> Result<(), A::Error> {
        self.0 = map.next_value()?;
        Ok(())
    }
    #[inline]
    fn fill<E: de::Error>(&mut self) -> Result<(), E> {
        Ok(())
    }
}
// end part

/// Skips the value of a key the struct does not keep.
fn skip<'de, A: de::MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<de::IgnoredAny>().map(|_| ())
}
// end part

// part: keys
/// A struct's JSON names, looked up as its keys arrive by `find`, the
/// struct's own `match` on the key (as serde's derive matches them, which
/// rustc compiles to length and byte comparisons with the names as
/// constants): a key's position, or [`UNKNOWN`] for a key the struct does
/// not name (which a struct that keeps such keys holds on to, for `keep`).
struct Keys<F> {
    find: F,
    // part: keep
    keeps: bool,
    unknown: Option<String>,
    // end part
}

/// What [`Keys`] gives for a key the struct does not name.
pub const UNKNOWN: usize = usize::MAX;

impl<F: Fn(&str) -> usize> Keys<F> {
    // part: keys_new
    /// The names, as `find` matches them.
    #[inline]
    fn new(find: F) -> Self {
        Keys {
            find,
            // part: keep
            keeps: false,
            unknown: None,
            // end part
        }
    }
    // end part

    // part: keep
    /// The names, as `find` matches them, for a struct that keeps the keys
    /// it does not name.
    #[inline]
    fn keeping(find: F) -> Self {
        Keys { find, keeps: true, unknown: None }
    }
    // end part
}

impl<'de, F: Fn(&str) -> usize> de::DeserializeSeed<'de> for &mut Keys<F> {
    type Value = usize;
    #[inline]
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de, F: Fn(&str) -> usize> de::Visitor<'de> for &mut Keys<F> {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }
    #[inline]
    fn visit_str<E: de::Error>(self, key: &str) -> Result<usize, E> {
        let found = (self.find)(key);
        // part: keep
        if found == UNKNOWN && self.keeps {
            hold(&mut self.unknown, key);
        }
        // end part
        Ok(found)
    }
}

// part: keep
/// Holds on to a key the struct does not name, for `keep`. Out of line and
/// cold, so that the lookup every key goes through stays small: about 0.5%
/// fewer instructions reading chat completions, which name every key.
#[cold]
#[inline(never)]
fn hold(unknown: &mut Option<String>, key: &str) {
    *unknown = Some(key.to_owned());
}
// end part

// part: keys_new
/// Reads a struct that skips the keys it does not name: each key `find`
/// numbers goes to that slot of `slots`, which are then filled
/// ([`Slots::fill`]).
#[inline]
pub fn read_named<'de, S: Slots<'de>, F: Fn(&str) -> usize, A: de::MapAccess<'de>>(mut map: A, slots: &mut S, find: F) -> Result<(), A::Error> {
    let mut keys = Keys::new(find);
    while let Some(at) = map.next_key_seed(&mut keys)? {
        if at == UNKNOWN {
            skip(&mut map)?;
        } else {
            slots.read_at(at, &mut map)?;
        }
    }
    slots.fill()
}
// end part
// end part

// part: set
/// Reads the value of a required or constant key into its slot (a repeated
/// key: the last wins). Tolerant reading takes `null` as the type's empty
/// value.
#[inline]
fn set<'de, T: de::Deserialize<'de>, A: de::MapAccess<'de>>(slot: &mut Option<T>, map: &mut A) -> Result<(), A::Error> {
    *slot = Some(if STRICT { map.next_value()? } else { map.next_value_seed(OrEmpty(PhantomData))? });
    Ok(())
}

/// Reads `T`, taking `null` as `T`'s empty value.
struct OrEmpty<T>(PhantomData<T>);

impl<'de, T: de::Deserialize<'de>> de::DeserializeSeed<'de> for OrEmpty<T> {
    type Value = T;
    #[inline]
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
    #[inline]
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
/// A required field's slot, and its JSON name: its key's value is read as
/// [`set`] reads it, and an absent key as [`absent`] says.
pub struct Required<T>(pub Option<T>, pub &'static str);

impl<T> Required<T> {
    /// The field's value, once [`Slots::fill`] has put one in the slot
    /// (moved straight into the struct: each value is moved as few times as
    /// a written-out reader moves it).
    #[inline]
    pub fn value(self) -> T {
        match self.0 {
            Some(value) => value,
            None => unreachable!("`fill` puts a value in every required slot"),
        }
    }
}

impl<'de, T: de::Deserialize<'de>> Slots<'de> for Required<T> {
    const LEN: usize = 1;
    #[inline]
    fn read_at<A: de::MapAccess<'de>>(&mut self, _at: usize, map: &mut A) -> Result<(), A::Error> {
        set(&mut self.0, map)
    }
    #[inline]
    fn fill<E: de::Error>(&mut self) -> Result<(), E> {
        if self.0.is_none() {
            self.0 = Some(absent(self.1)?);
        }
        Ok(())
    }
}

/// A required field whose key is absent: strict reading reports `missing
/// field` (but an `Option` is `None`, as serde's derive reads it); tolerant
/// reading takes the type's empty value.
fn absent<'de, T: de::Deserialize<'de>, E: de::Error>(name: &'static str) -> Result<T, E> {
    if STRICT {
        T::deserialize(Missing(name, PhantomData))
    } else {
        empty(name)
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
/// A required constant property's slot, the spec's value and its JSON name:
/// its key's value is read as [`set_constant`] reads it, and the value once
/// read is what [`constant`] says.
pub struct RequiredConstant(pub Option<Option<Cow<'static, str>>>, pub &'static str, pub &'static str);

impl RequiredConstant {
    /// The constant's value, once [`Slots::fill`] has passed.
    #[inline]
    pub fn value(self) -> Cow<'static, str> {
        match self.0 {
            Some(Some(value)) => value,
            _ => Cow::Borrowed(self.1),
        }
    }
}

impl<'de> Slots<'de> for RequiredConstant {
    const LEN: usize = 1;
    #[inline]
    fn read_at<A: de::MapAccess<'de>>(&mut self, _at: usize, map: &mut A) -> Result<(), A::Error> {
        set_constant(&mut self.0, self.1, map)
    }
    #[inline]
    fn fill<E: de::Error>(&mut self) -> Result<(), E> {
        self.0 = Some(Some(constant(self.0.take(), self.1, self.2)?));
        Ok(())
    }
}

/// Reads the value of a required constant's key into its slot: `None` for
/// `null` (see [`constant`]), else as [`Constant`] reads it.
#[inline]
fn set_constant<'de, A: de::MapAccess<'de>>(slot: &mut Option<Option<Cow<'static, str>>>, constant: &'static str, map: &mut A) -> Result<(), A::Error> {
    *slot = Some(map.next_value_seed(Constant(constant))?);
    Ok(())
}

/// A required constant property's slot once the input is read: anything sent
/// is kept as sent; absent or `null`, tolerant reading takes the spec's value.
/// Strict reading refuses another value, and an absent or `null` one.
fn constant<E: de::Error>(value: Option<Option<Cow<'static, str>>>, constant: &'static str, name: &'static str) -> Result<Cow<'static, str>, E> {
    match value {
        None if STRICT => Err(E::missing_field(name)),
        Some(None) if STRICT => Err(E::invalid_type(de::Unexpected::Unit, &format!("the constant {constant:?}").as_str())),
        Some(Some(sent)) => check(sent, constant, name),
        _ => Ok(Cow::Borrowed(constant)),
    }
}
// end part

// part: optional_constant
/// An optional constant property's slot, the spec's value and its JSON
/// name: its key's value is read as [`read_constant`] reads it, and the value
/// once read is what [`optional_constant`] says.
pub struct OptionalConstant(pub Option<Cow<'static, str>>, pub &'static str, pub &'static str);

impl OptionalConstant {
    /// The constant's value, once [`Slots::fill`] has passed.
    #[inline]
    pub fn value(self) -> Option<Cow<'static, str>> {
        self.0
    }
}

impl<'de> Slots<'de> for OptionalConstant {
    const LEN: usize = 1;
    #[inline]
    fn read_at<A: de::MapAccess<'de>>(&mut self, _at: usize, map: &mut A) -> Result<(), A::Error> {
        read_constant(&mut self.0, self.1, map)
    }
    #[inline]
    fn fill<E: de::Error>(&mut self) -> Result<(), E> {
        self.0 = optional_constant(self.0.take(), self.1, self.2)?;
        Ok(())
    }
}

/// Reads the value of an optional constant's key straight into the field, as
/// [`Constant`] reads it: `null` is `None`, and an absent key leaves it `None`.
#[inline]
fn read_constant<'de, A: de::MapAccess<'de>>(slot: &mut Option<Cow<'static, str>>, constant: &'static str, map: &mut A) -> Result<(), A::Error> {
    *slot = map.next_value_seed(Constant(constant))?;
    Ok(())
}

/// An optional constant property's value once the input is read: kept as
/// sent, `None` when absent or `null`. Strict reading refuses another value.
fn optional_constant<E: de::Error>(value: Option<Cow<'static, str>>, constant: &'static str, name: &'static str) -> Result<Option<Cow<'static, str>>, E> {
    value.map(|sent| check(sent, constant, name)).transpose()
}
// end part

// part: check_constant
use ::std::borrow::Cow;

/// Reads a constant property's value: `null` as `None`, the spec's value as
/// that `&'static str` itself (nothing allocated: most bodies send it), and
/// any other string as sent.
struct Constant(&'static str);

impl<'de> de::DeserializeSeed<'de> for Constant {
    type Value = Option<Cow<'static, str>>;
    #[inline]
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de> de::Visitor<'de> for Constant {
    type Value = Option<Cow<'static, str>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    #[inline]
    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
    #[inline]
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(if v == self.0 { Cow::Borrowed(self.0) } else { Cow::Owned(v.to_owned()) }))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(if v == self.0 { Cow::Borrowed(self.0) } else { Cow::Owned(v) }))
    }
}

/// A constant as sent: strict reading refuses a value other than the spec's.
fn check<E: de::Error>(sent: Cow<'static, str>, constant: &'static str, name: &'static str) -> Result<Cow<'static, str>, E> {
    if STRICT && sent != constant {
        return Err(E::custom(format_args!("`{name}` is {sent:?}, where the spec's constant is {constant:?}")));
    }
    Ok(sent)
}
// end part

// part: keep
use ::std::collections::BTreeMap;

/// Reads a struct that keeps the keys it does not name: each key `find`
/// numbers goes to that slot of `slots`, any other into `rest` (its `extra`
/// map, or the leftovers a flattened union reads); the slots are then
/// filled ([`Slots::fill`]).
#[inline]
pub fn read_keeping<'de, S: Slots<'de>, F: Fn(&str) -> usize, V: de::Deserialize<'de>, A: de::MapAccess<'de>>(
    mut map: A,
    slots: &mut S,
    find: F,
    rest: &mut BTreeMap<String, V>,
) -> Result<(), A::Error> {
    let mut keys = Keys::keeping(find);
    while let Some(at) = map.next_key_seed(&mut keys)? {
        if at == UNKNOWN {
            keep(&mut keys, rest, &mut map)?;
        } else {
            slots.read_at(at, &mut map)?;
        }
    }
    slots.fill()
}

/// The value of a key the struct does not name, into `rest`.
fn keep<'de, F, V: de::Deserialize<'de>, A: de::MapAccess<'de>>(keys: &mut Keys<F>, rest: &mut impl Extend<(String, V)>, map: &mut A) -> Result<(), A::Error> {
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

// part: write
use ::serde::ser;

/// A struct's `Serialize`, one entry at a time: its impl starts with
/// [`write`], gives each field in order (`write_field`, `write_optional`,
/// `write_flatten`, then `write_rest`), and ends with [`Write::end`]. The
/// first error is kept and later entries are skipped, so the impl needs no
/// `?` per field, which would cost rustc a `Try` and `From` check each. The
/// JSON is that of serde's derive: an object, with an absent `Option` left
/// out.
pub struct Write<M: ser::SerializeMap>(Result<M, M::Error>);

/// Starts writing a struct as a map.
#[inline]
pub fn write<S: ser::Serializer>(serializer: S) -> Write<S::SerializeMap> {
    Write(serializer.serialize_map(None))
}

impl<M: ser::SerializeMap> Write<M> {
    // part: write_entry
    /// An entry, unless an earlier one failed.
    #[inline]
    fn entry<V: ?Sized + ser::Serialize>(&mut self, key: &str, value: &V) {
        if let Ok(map) = &mut self.0 {
            if let Err(e) = map.serialize_entry(key, value) {
                self.0 = Err(e);
            }
        }
    }
    // end part

    /// The map, once every entry is written, or the first error.
    #[inline]
    pub fn end(self) -> Result<M::Ok, M::Error> {
        match self.0 {
            Ok(map) => map.end(),
            Err(e) => Err(e),
        }
    }
}

// part: write_field
/// A field's entry.
#[inline]
pub fn write_field<M: ser::SerializeMap, V: ser::Serialize>(w: &mut Write<M>, key: &str, value: &V) {
    w.entry(key, value);
}
// end part

// part: write_optional
/// An optional field's entry, or nothing for `None`.
#[inline]
pub fn write_optional<M: ser::SerializeMap, V: ser::Serialize>(w: &mut Write<M>, key: &str, value: &Option<V>) {
    if let Some(value) = value {
        w.entry(key, value);
    }
}
// end part

// part: write_rest
/// The extra map's entries, as they are.
#[inline]
pub fn write_rest<M: ser::SerializeMap, V: ser::Serialize>(w: &mut Write<M>, rest: &::std::collections::BTreeMap<String, V>) {
    for (key, value) in rest {
        w.entry(key, value);
    }
}
// end part

// part: write_flatten
/// A flattened field's entries, as `#[serde(flatten)]` writes them: an
/// object's entries, nothing for `null`.
pub fn write_flatten<M: ser::SerializeMap, T: ser::Serialize>(w: &mut Write<M>, value: &T) {
    match ::serde_json::to_value(value) {
        Ok(::serde_json::Value::Object(object)) => {
            for (key, value) in &object {
                w.entry(key, value);
            }
        }
        Ok(::serde_json::Value::Null) => {}
        Ok(_) => w.0 = Err(ser::Error::custom("can only flatten structs and maps")),
        Err(e) => w.0 = Err(ser::Error::custom(e)),
    }
}
// end part
// end part

// part: from_rest
/// A flattened field, read from the keys no other field took.
pub fn from_rest<T: de::DeserializeOwned, E: de::Error>(rest: &::std::collections::BTreeMap<String, ::serde_json::Value>) -> Result<T, E> {
    let rest = rest.iter().map(|(key, value)| (key.clone(), value.clone())).collect();
    ::serde_json::from_value(::serde_json::Value::Object(rest)).map_err(E::custom)
}
// end part

// part: string_enum
/// Reads an open string enum: a value it lists without allocating, any other
/// kept as sent (its `From<&str>` and `From<String>`).
pub fn string_enum<'de, T: for<'a> From<&'a str> + From<String>, D: de::Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_str(StringEnum(::std::marker::PhantomData))
}

struct StringEnum<T>(::std::marker::PhantomData<T>);

impl<'de, T: for<'a> From<&'a str> + From<String>> de::Visitor<'de> for StringEnum<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        Ok(T::from(v))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<T, E> {
        Ok(T::from(v))
    }
}
// end part

// part: buffer
/// A JSON value as a union reads it, once, before choosing its arm: strings
/// borrowed from the input where the deserializer lends them, objects as
/// their entries in order. The arm is then read from it ([`Json::reader`]),
/// and a body no arm takes is kept as a `serde_json::Value`
/// ([`Json::to_value`]). Cheaper than reading a `Value` first: no map to
/// build and no string copied twice.
pub enum Json<'de> {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(::std::borrow::Cow<'de, str>),
    Array(Vec<Json<'de>>),
    Object(Vec<(::std::borrow::Cow<'de, str>, Json<'de>)>),
}

impl<'de> Json<'de> {
    // part: lookup
    /// The value of `key` in an object (the last, if repeated).
    #[inline]
    pub fn get(&self, key: &str) -> Option<&Json<'de>> {
        match self {
            Json::Object(entries) => entries.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text of a string.
    #[inline]
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }
    // end part

    /// A deserializer that reads a type from this value, with `serde_json`'s errors.
    #[inline]
    pub fn reader(&self) -> Reader<'_, 'de> {
        Reader(self)
    }

    /// The value as a `serde_json::Value`, as `serde_json` would have read it.
    pub fn to_value(&self) -> ::serde_json::Value {
        use ::serde_json::Value;
        match self {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::U64(n) => Value::from(*n),
            Json::I64(n) => Value::from(*n),
            Json::F64(n) => ::serde_json::Number::from_f64(*n).map_or(Value::Null, Value::Number),
            Json::Str(s) => Value::String(s.as_ref().to_owned()),
            Json::Array(items) => Value::Array(items.iter().map(Json::to_value).collect()),
            Json::Object(entries) => {
                let mut map = ::serde_json::Map::new();
                for (k, v) in entries {
                    map.insert(k.as_ref().to_owned(), v.to_value());
                }
                Value::Object(map)
            }
        }
    }
}

impl<'de> de::Deserialize<'de> for Json<'de> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisit)
    }
}

struct JsonVisit;

impl<'de> de::Visitor<'de> for JsonVisit {
    type Value = Json<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Json<'de>, E> {
        Ok(Json::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Json<'de>, E> {
        Ok(if v < 0 { Json::I64(v) } else { Json::U64(v as u64) })
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Json<'de>, E> {
        Ok(Json::U64(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Json<'de>, E> {
        Ok(Json::F64(v))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Json<'de>, E> {
        Ok(Json::Str(::std::borrow::Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Json<'de>, E> {
        Ok(Json::Str(::std::borrow::Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Json<'de>, E> {
        Ok(Json::Str(::std::borrow::Cow::Owned(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }
    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Json<'de>, D::Error> {
        de::Deserialize::deserialize(deserializer)
    }
    fn visit_newtype_struct<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Json<'de>, D::Error> {
        de::Deserialize::deserialize(deserializer)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'de>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(8).min(64));
        while let Some(key) = map.next_key_seed(Text)? {
            entries.push((key, map.next_value()?));
        }
        Ok(Json::Object(entries))
    }
}

/// Reads an object's key, borrowed where the deserializer lends it.
struct Text;

impl<'de> de::DeserializeSeed<'de> for Text {
    type Value = ::std::borrow::Cow<'de, str>;
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> de::Visitor<'de> for Text {
    type Value = ::std::borrow::Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(::std::borrow::Cow::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(::std::borrow::Cow::Owned(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(::std::borrow::Cow::Owned(v))
    }
}

/// Reads a type from a [`Json`] (see [`Json::reader`]).
pub struct Reader<'a, 'de>(&'a Json<'de>);

/// Lends a string to a visitor: for as long as the input when it was borrowed from it.
#[inline]
fn visit_text<'de, V: de::Visitor<'de>>(text: &::std::borrow::Cow<'de, str>, visitor: V) -> Result<V::Value, ::serde_json::Error> {
    match text {
        ::std::borrow::Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
        ::std::borrow::Cow::Owned(s) => visitor.visit_str(s),
    }
}

impl<'de> de::Deserializer<'de> for Reader<'_, 'de> {
    type Error = ::serde_json::Error;
    fn deserialize_any<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            Json::Null => visitor.visit_unit(),
            Json::Bool(b) => visitor.visit_bool(*b),
            Json::U64(n) => visitor.visit_u64(*n),
            Json::I64(n) => visitor.visit_i64(*n),
            Json::F64(n) => visitor.visit_f64(*n),
            Json::Str(s) => visit_text(s, visitor),
            Json::Array(items) => {
                let mut seq = Items(items.iter());
                let value = visitor.visit_seq(&mut seq)?;
                match seq.0.len() {
                    0 => Ok(value),
                    _ => Err(de::Error::invalid_length(items.len(), &"fewer elements in array")),
                }
            }
            Json::Object(entries) => {
                let mut map = Entries(entries.iter(), None);
                let value = visitor.visit_map(&mut map)?;
                match map.0.len() {
                    0 => Ok(value),
                    _ => Err(de::Error::invalid_length(entries.len(), &"fewer elements in map")),
                }
            }
        }
    }
    fn deserialize_option<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            Json::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }
    fn deserialize_newtype_struct<V: de::Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }
    ::serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

struct Items<'a, 'de>(::std::slice::Iter<'a, Json<'de>>);

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = ::serde_json::Error;
    #[inline]
    fn next_element_seed<T: de::DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Self::Error> {
        self.0.next().map(|item| seed.deserialize(Reader(item))).transpose()
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Entries<'a, 'de>(::std::slice::Iter<'a, (::std::borrow::Cow<'de, str>, Json<'de>)>, Option<&'a Json<'de>>);

impl<'de> de::MapAccess<'de> for Entries<'_, 'de> {
    type Error = ::serde_json::Error;
    #[inline]
    fn next_key_seed<K: de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Self::Error> {
        match self.0.next() {
            Some((key, value)) => {
                self.1 = Some(value);
                seed.deserialize(Key(key)).map(Some)
            }
            None => Ok(None),
        }
    }
    #[inline]
    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Self::Error> {
        match self.1.take() {
            Some(value) => seed.deserialize(Reader(value)),
            None => Err(de::Error::custom("a value asked for before its key")),
        }
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// An object's key, as a deserializer.
struct Key<'a, 'de>(&'a ::std::borrow::Cow<'de, str>);

impl<'de> de::Deserializer<'de> for Key<'_, 'de> {
    type Error = ::serde_json::Error;
    #[inline]
    fn deserialize_any<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visit_text(self.0, visitor)
    }
    ::serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
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
pub fn rank(object: &Json, shapes: &[Shape]) -> Vec<usize> {
    let Json::Object(entries) = object else { return Vec::new() };
    let mut scored: Vec<(bool, usize, usize, usize)> = Vec::with_capacity(shapes.len());
    for (i, shape) in shapes.iter().enumerate() {
        if shape.constants.iter().any(|(key, value)| object.get(key).is_some_and(|sent| sent.as_str() != Some(value))) {
            continue;
        }
        let named = shape.known.iter().filter(|key| object.get(key).is_some()).count();
        if named == 0 && !entries.is_empty() {
            continue;
        }
        let complete = shape.required.iter().all(|key| object.get(key).is_some());
        scored.push((complete, if complete { shape.required.len() } else { 0 }, named, i));
    }
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2)).then(a.3.cmp(&b.3)));
    scored.into_iter().map(|(_, _, _, i)| i).collect()
}
// end part
