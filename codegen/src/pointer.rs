//! JSON pointers (RFC 6901) as written in `$ref` fragments: `#/paths/~1pets/get`.
//!
//! **The rule.** A pointer is built from raw segments (a property name as the
//! spec spells it, `a/b~c`) and escaped only when it is printed
//! (`#/…/a~1b~0c`); a `$ref` is parsed once where it is read
//! ([`JsonPointer::parse`], which refuses a `~` that is not `~0` or `~1`) and
//! from then on handled by its raw segments. Nothing outside this module
//! writes `~0`, `~1` or a `/` between segments by hand, so no segment can be
//! dropped or escaped twice, and no escape can be forgotten.
//!
//! A [`JsonPointer`] keeps its printed form, so printing, hashing and
//! comparing cost what a `String` does; the segments are unescaped as they
//! are read. This module depends on nothing else in the crate.

use std::borrow::Cow;
use std::fmt;

/// A JSON pointer into one document, printed as a `$ref` fragment
/// (`#/components/schemas/a~1b`). `#` alone is the whole document.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct JsonPointer {
    /// The printed form: `#`, then `/` and an escaped segment for each segment.
    text: String,
}

/// Why a `$ref` fragment is not a JSON pointer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PointerError {
    /// It does not start with `#`, or `#` is followed by something other than `/`.
    NotAPointer,
    /// A `~` not followed by `0` or `1`; holds what was there (`~2`, or `~` at the end).
    BadEscape(String),
}

impl fmt::Display for PointerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PointerError::NotAPointer => f.write_str("not a JSON pointer: it must be `#` or start with `#/`"),
            PointerError::BadEscape(bad) => {
                write!(f, "`{bad}` is not a JSON pointer escape: `~0` stands for `~` and `~1` for `/`, and a `~` is always one of them")
            }
        }
    }
}

impl std::error::Error for PointerError {}

/// Something that can be one segment of a pointer: a name (`&str`,
/// `String`) or an array index (`usize`).
pub trait Segment {
    /// Append this segment, escaped, to a pointer's printed form.
    fn write_escaped(&self, out: &mut String);
}

impl Segment for str {
    fn write_escaped(&self, out: &mut String) {
        for c in self.chars() {
            match c {
                '~' => out.push_str("~0"),
                '/' => out.push_str("~1"),
                c => out.push(c),
            }
        }
    }
}

impl Segment for String {
    fn write_escaped(&self, out: &mut String) {
        self.as_str().write_escaped(out);
    }
}

impl Segment for usize {
    fn write_escaped(&self, out: &mut String) {
        use fmt::Write;
        let _ = write!(out, "{self}");
    }
}

impl<T: Segment + ?Sized> Segment for &T {
    fn write_escaped(&self, out: &mut String) {
        (**self).write_escaped(out);
    }
}

impl JsonPointer {
    /// `#`: the whole document.
    pub fn root() -> Self {
        JsonPointer { text: "#".to_owned() }
    }

    /// `#/components/schemas/<name>`.
    pub fn component_schema(name: &str) -> Self {
        Self::component("schemas", name)
    }

    /// `#/components/<kind>/<name>` (`kind` is `schemas`, `parameters`, ...).
    pub fn component(kind: &str, name: &str) -> Self {
        let mut p = Self::root();
        p.push("components").push(kind).push(name);
        p
    }

    /// Parse a `$ref` fragment, `#` or `#/...`, checking its escapes.
    pub fn parse(fragment: &str) -> Result<Self, PointerError> {
        let rest = fragment.strip_prefix('#').ok_or(PointerError::NotAPointer)?;
        if !(rest.is_empty() || rest.starts_with('/')) {
            return Err(PointerError::NotAPointer);
        }
        let mut chars = rest.char_indices();
        while let Some((i, c)) = chars.next() {
            if c == '~' && !matches!(chars.next(), Some((_, '0' | '1'))) {
                let bad: String = rest[i..].chars().take(2).collect();
                return Err(PointerError::BadEscape(bad));
            }
        }
        Ok(JsonPointer { text: fragment.to_owned() })
    }

    /// Append a raw segment (it is escaped here).
    pub fn push(&mut self, segment: impl Segment) -> &mut Self {
        self.text.push('/');
        segment.write_escaped(&mut self.text);
        self
    }

    /// This pointer with a raw segment appended.
    #[must_use]
    pub fn join(&self, segment: impl Segment) -> Self {
        let mut p = self.clone();
        p.push(segment);
        p
    }

    /// The raw (unescaped) segments, first to last.
    pub fn segments(&self) -> impl DoubleEndedIterator<Item = Cow<'_, str>> + '_ {
        self.escaped_segments().map(unescape)
    }

    /// How many segments: 0 for `#`.
    pub fn depth(&self) -> usize {
        self.escaped_segments().count()
    }

    /// Whether this is `#`, the whole document.
    pub fn is_root(&self) -> bool {
        self.text.len() == 1
    }

    /// The last raw segment; `None` for `#`.
    pub fn last(&self) -> Option<Cow<'_, str>> {
        self.segments().next_back()
    }

    /// Drop the last segment, in place (nothing for `#`): [`JsonPointer::push`] undone.
    pub fn pop(&mut self) {
        if let Some(slash) = self.text.rfind('/') {
            self.text.truncate(slash);
        }
    }

    /// The pointer without its last segment; `None` for `#`.
    pub fn parent(&self) -> Option<Self> {
        let (parent, _) = self.text.rsplit_once('/')?;
        Some(JsonPointer { text: parent.to_owned() })
    }

    /// The ancestor made of the first `n` segments (the whole pointer when
    /// it has `n` or fewer): `#/components/schemas/A/properties/b` at 3 is
    /// `#/components/schemas/A`.
    pub fn prefix(&self, n: usize) -> Self {
        let end = self.text.match_indices('/').nth(n).map_or(self.text.len(), |(i, _)| i);
        JsonPointer { text: self.text[..end].to_owned() }
    }

    /// Whether `prefix` is this pointer or one of its ancestors (whole
    /// segments: `#/a/bc` does not start with `#/a/b`).
    pub fn starts_with(&self, prefix: &JsonPointer) -> bool {
        self.text.strip_prefix(&prefix.text).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    }

    /// Whether the raw segments are exactly `segments`.
    pub fn is(&self, segments: &[&str]) -> bool {
        self.depth() == segments.len() && self.segments().zip(segments).all(|(a, b)| a == *b)
    }

    /// This pointer with its prefix `from` replaced by `onto`
    /// (`#/a/b/c`, `#/a` → `#/x` is `#/x/b/c`); `None` unless it starts with `from`.
    pub fn rebase(&self, from: &JsonPointer, onto: &JsonPointer) -> Option<Self> {
        if !self.starts_with(from) {
            return None;
        }
        Some(JsonPointer { text: format!("{}{}", onto.text, &self.text[from.text.len()..]) })
    }

    /// The printed form, `#/a~1b`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The form without `#` that `serde_json::Value::pointer` takes: `/a~1b`.
    pub fn as_json_pointer(&self) -> &str {
        &self.text[1..]
    }

    fn escaped_segments(&self) -> impl DoubleEndedIterator<Item = &str> + '_ {
        // `#` has no segments; `#/` has one, the empty name.
        self.text.get(2..).map(|rest| rest.split('/')).into_iter().flatten()
    }
}

/// `~1` is `/` and `~0` is `~`, in that order, so that `~01` is `~1`.
fn unescape(segment: &str) -> Cow<'_, str> {
    if segment.contains('~') {
        Cow::Owned(segment.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(segment)
    }
}

impl fmt::Display for JsonPointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for JsonPointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.text, f)
    }
}

impl From<JsonPointer> for String {
    fn from(p: JsonPointer) -> String {
        p.text
    }
}

impl From<&JsonPointer> for String {
    fn from(p: &JsonPointer) -> String {
        p.text.clone()
    }
}

/// Why a `$ref` names no component of the kind asked for.
pub(crate) enum RefProblem {
    /// It points somewhere else than `#/components/<kind>/...`.
    Elsewhere,
    /// It points inside a component (`#/components/schemas/A/properties/b`).
    Inside,
    /// It is not a JSON pointer (`~2`).
    Malformed(PointerError),
}

/// The name, unescaped, of the component a `#/components/<kind>/<name>`
/// reference names.
pub(crate) fn component_name(reference: &str, kind: &str) -> std::result::Result<String, RefProblem> {
    let pointer = match JsonPointer::parse(reference) {
        Ok(p) => p,
        Err(PointerError::NotAPointer) => return Err(RefProblem::Elsewhere),
        Err(e) => return Err(RefProblem::Malformed(e)),
    };
    let mut segments = pointer.segments();
    if segments.next().as_deref() != Some("components") || segments.next().as_deref() != Some(kind) {
        return Err(RefProblem::Elsewhere);
    }
    match (segments.next(), segments.next()) {
        (Some(name), None) => Ok(name.into_owned()),
        (Some(_), Some(_)) => Err(RefProblem::Inside),
        (None, _) => Err(RefProblem::Elsewhere),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(p: &JsonPointer) -> Vec<String> {
        p.segments().map(Cow::into_owned).collect()
    }

    #[test]
    fn segments_are_escaped_when_printed() {
        let mut p = JsonPointer::root();
        p.push("paths").push("/pets/{id}").push("get");
        assert_eq!(p.to_string(), "#/paths/~1pets~1{id}/get");
        assert_eq!(JsonPointer::component_schema("a/b~c").join("properties").join("x").join(0).to_string(), "#/components/schemas/a~1b~0c/properties/x/0");
        assert_eq!(JsonPointer::component("requestBodies", "Pet").as_str(), "#/components/requestBodies/Pet");
        assert_eq!(p.as_json_pointer(), "/paths/~1pets~1{id}/get");
    }

    #[test]
    fn escaping_round_trips() {
        for name in ["a/b", "a~b", "~1", "~0", "/~", "~01", "", "x//y", "~", "/"] {
            let p = JsonPointer::root().join(name).join("z");
            let parsed = JsonPointer::parse(&p.to_string()).unwrap();
            assert_eq!(parsed, p);
            assert_eq!(segments(&parsed), [name, "z"], "{p}");
            assert_eq!(parsed.last().as_deref(), Some("z"));
            assert_eq!(parsed.parent().unwrap().last().as_deref(), Some(name));
        }
    }

    #[test]
    fn tilde_one_is_unescaped_before_tilde_zero() {
        // `~01` is `~` then `1`, never `/`.
        assert_eq!(segments(&JsonPointer::parse("#/a~01").unwrap()), ["a~1"]);
        assert_eq!(segments(&JsonPointer::parse("#/a~10").unwrap()), ["a/0"]);
        assert_eq!(JsonPointer::root().join("a~1").to_string(), "#/a~01");
    }

    #[test]
    fn empty_segments_are_names() {
        let root = JsonPointer::parse("#").unwrap();
        assert!(root.is_root());
        assert_eq!(root.depth(), 0);
        assert_eq!(root.last(), None);
        assert_eq!(root.parent(), None);
        let empty = JsonPointer::parse("#/").unwrap();
        assert_eq!(segments(&empty), [""]);
        assert_eq!(empty, JsonPointer::root().join(""));
        assert_eq!(empty.parent(), Some(root));
        assert_eq!(segments(&JsonPointer::parse("#/a//b/").unwrap()), ["a", "", "b", ""]);
    }

    #[test]
    fn malformed_fragments_are_refused() {
        assert_eq!(JsonPointer::parse("#/a~2"), Err(PointerError::BadEscape("~2".into())));
        assert_eq!(JsonPointer::parse("#/a~"), Err(PointerError::BadEscape("~".into())));
        assert_eq!(JsonPointer::parse("#/~é"), Err(PointerError::BadEscape("~é".into())));
        assert_eq!(JsonPointer::parse("#a"), Err(PointerError::NotAPointer));
        assert_eq!(JsonPointer::parse("/a"), Err(PointerError::NotAPointer));
        assert_eq!(JsonPointer::parse(""), Err(PointerError::NotAPointer));
        assert!(PointerError::BadEscape("~2".into()).to_string().starts_with("`~2` is not a JSON pointer escape"));
    }

    #[test]
    fn prefixes_are_whole_segments() {
        let p = JsonPointer::parse("#/components/schemas/Tag/allOf/0").unwrap();
        let tag = JsonPointer::component_schema("Tag");
        assert!(p.starts_with(&tag));
        assert!(p.starts_with(&p));
        assert!(p.starts_with(&JsonPointer::root()));
        assert!(!p.starts_with(&JsonPointer::component_schema("Ta")));
        assert_eq!(p.rebase(&tag, &JsonPointer::parse("#/$defs/T").unwrap()).unwrap().to_string(), "#/$defs/T/allOf/0");
        assert_eq!(p.rebase(&JsonPointer::component_schema("X"), &tag), None);
        assert!(tag.is(&["components", "schemas", "Tag"]));
        assert!(!tag.is(&["components", "schemas"]));
        assert!(JsonPointer::component_schema("a/b").is(&["components", "schemas", "a/b"]));
    }
}
