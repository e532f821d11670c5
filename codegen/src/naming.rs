//! Rust identifiers from spec names.
//!
//! The rules, in order, for every kind of name:
//! 1. Case: types and variants are `UpperCamelCase`, modules and fields
//!    `snake_case` (via `heck`). Any character that is not a letter or digit
//!    separates words (`checkout.session` → `CheckoutSession`, `Comment--Base`
//!    → `CommentBase`, `files[0]` → `files_0`).
//! 2. Nothing left: a name made only of punctuation is spelled out
//!    (`+` → `Plus`, `-` → `Minus`, ...); the empty string is `Empty`/`empty`.
//! 3. A leading digit gets a prefix: `V` for variants, `T` for types, `_` for
//!    fields and modules (`24h` → `V24h`).
//! 4. Keywords: fields become raw identifiers (`type` → `r#type`); the ones that
//!    cannot be raw (`self`, `super`, `crate`, `Self`, `_`) and all module names
//!    that are keywords get a trailing `_`.
//! 5. Names the generated code itself relies on are never used for types:
//!    `Option`, `String`, `Vec`, `Box`, `Result`, `Self` get the suffix `Model`, and
//!    modules never shadow the crates `std`, `core`, `alloc`, `serde`,
//!    `serde_json`.
//! 6. Collisions inside one scope are settled by [`Scope::claim`]: first the
//!    spelled-out form (`Etc/GMT+1` → `EtcGmtPlus1` beside `EtcGmtMinus1`),
//!    then a counter (`Asc`, `Asc2`), in the order the spec lists them, so the
//!    same spec always gives the same names.

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::HashSet;

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in",
    "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super",
    "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn", "abstract", "become", "box",
    "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen", "union",
];
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];
const RESERVED_TYPES: &[&str] = &["Option", "String", "Vec", "Box", "Result", "Self"];
const RESERVED_MODULES: &[&str] = &["std", "core", "alloc", "serde", "serde_json"];

fn spell(c: char) -> Option<&'static str> {
    Some(match c {
        '+' => "Plus",
        '-' => "Minus",
        '.' => "Dot",
        '/' => "Slash",
        '*' => "Star",
        '=' => "Eq",
        '<' => "Lt",
        '>' => "Gt",
        '!' => "Not",
        '@' => "At",
        '#' => "Hash",
        '$' => "Dollar",
        '%' => "Percent",
        '&' => "And",
        '|' => "Or",
        ':' => "Colon",
        '~' => "Tilde",
        '?' => "Question",
        _ => return None,
    })
}

/// Replace punctuation with spelled-out words, so that names differing only in
/// punctuation stay distinct.
fn spelled(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.chars() {
        match spell(c) {
            Some(word) => {
                out.push(' ');
                out.push_str(word);
                out.push(' ');
            }
            None => out.push(c),
        }
    }
    out
}

fn words_only(raw: &str) -> String {
    raw.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect()
}

fn camel(raw: &str, digit_prefix: &str, spell_out: bool) -> String {
    let source = if spell_out { spelled(raw) } else { words_only(raw) };
    let mut name = source.to_upper_camel_case();
    name.retain(|c| c.is_ascii_alphanumeric());
    if name.is_empty() {
        name = spelled(raw).to_upper_camel_case();
        name.retain(|c| c.is_ascii_alphanumeric());
    }
    if name.is_empty() {
        name = "Empty".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, digit_prefix);
    }
    name
}

fn snake(raw: &str, spell_out: bool) -> String {
    let source = if spell_out { spelled(raw) } else { words_only(raw) };
    let mut name = source.to_snake_case();
    name.retain(|c| c.is_ascii_alphanumeric() || c == '_');
    if name.is_empty() {
        name = spelled(raw).to_snake_case();
        name.retain(|c| c.is_ascii_alphanumeric() || c == '_');
    }
    if name.is_empty() {
        name = "empty".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    name
}

/// A type name (`checkout.session` → `CheckoutSession`).
pub fn type_name(raw: &str) -> String {
    let name = camel(raw, "T", false);
    if RESERVED_TYPES.contains(&name.as_str()) {
        format!("{name}Model")
    } else {
        name
    }
}

/// An enum variant name for a value (`in_progress` → `InProgress`, `24h` → `V24h`).
pub fn variant_name(raw: &str) -> String {
    camel(raw, "V", false)
}

/// A field name, as it is written in Rust source (`type` → `r#type`).
pub fn field_name(raw: &str) -> String {
    field_from(snake(raw, false))
}

fn field_from(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// A module name (`BatchUsage` → `batch_usage`, `type` → `type_`).
pub fn module_name(raw: &str) -> String {
    let name = snake(raw, false);
    if KEYWORDS.contains(&name.as_str()) || RESERVED_MODULES.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// Which case a scope's names take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// Types.
    Camel,
    /// Enum variants: like types, but `V` before a leading digit, and no
    /// reserved names (a variant cannot shadow `String`); `Self` is `SelfValue`.
    Variant,
    /// Fields.
    Field,
    /// Modules.
    Module,
}

/// One namespace (a module's types, a struct's fields, an enum's variants)
/// that hands out unique names.
#[derive(Debug)]
pub struct Scope {
    case: Case,
    taken: HashSet<String>,
}

impl Scope {
    /// An empty scope whose names take `case`.
    pub fn new(case: Case) -> Self {
        Scope { case, taken: HashSet::new() }
    }

    /// Mark a name as taken without deriving it from a raw name.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_owned());
    }

    /// Is this exact name taken?
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    fn plain(&self, raw: &str, spell_out: bool) -> String {
        match self.case {
            Case::Camel if spell_out => {
                let n = camel(raw, "V", true);
                if RESERVED_TYPES.contains(&n.as_str()) { format!("{n}Model") } else { n }
            }
            Case::Camel => type_name(raw),
            Case::Variant => match camel(raw, "V", spell_out) {
                // The one keyword a camel-case name can hit.
                keyword if keyword == "Self" => "SelfValue".to_owned(),
                name => name,
            },
            Case::Field => {
                if spell_out {
                    field_from(snake(raw, true))
                } else {
                    field_name(raw)
                }
            }
            Case::Module if spell_out => module_name(&spelled(raw)),
            Case::Module => module_name(raw),
        }
    }

    /// Claim a unique name derived from `raw` (rule 6 above). For `Camel`
    /// scopes `raw` is taken as already camel-cased when it is a valid
    /// identifier, so callers can pass prefixed suggestions.
    pub fn claim(&mut self, raw: &str) -> String {
        let first = self.plain(raw, false);
        if self.taken.insert(first.clone()) {
            return first;
        }
        let second = self.plain(raw, true);
        if self.taken.insert(second.clone()) {
            return second;
        }
        let (stem, suffix) = match second.strip_prefix("r#") {
            Some(bare) => (bare.to_owned(), ""),
            None => (second.clone(), ""),
        };
        let camel_case = matches!(self.case, Case::Camel | Case::Variant);
        let sep = if camel_case { "" } else { "_" };
        for n in 2.. {
            let candidate = field_from(format!("{stem}{sep}{n}{suffix}"));
            let candidate = if camel_case { format!("{stem}{n}") } else { candidate };
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
        unreachable!("an unbounded counter always finds a free name")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let cases: &[(&str, &str, &str, &str)] = &[
            // raw, type, field, module
            ("Batch", "Batch", "batch", "batch"),
            ("BatchUsage", "BatchUsage", "batch_usage", "batch_usage"),
            ("checkout.session", "CheckoutSession", "checkout_session", "checkout_session"),
            ("Comment--Base", "CommentBase", "comment_base", "comment_base"),
            ("Error-2", "Error2", "error_2", "error_2"),
            ("2fa", "T2fa", "_2fa", "_2fa"),
            ("type", "Type", "r#type", "type_"),
            ("self", "SelfModel", "self_", "self_"),
            ("crate", "Crate", "crate_", "crate_"),
            ("files[0]", "Files0", "files_0", "files_0"),
            ("$id", "Id", "id", "id"),
            ("Option", "OptionModel", "option", "option"),
            ("std", "Std", "std", "std_"),
            ("+1", "T1", "_1", "_1"),
        ];
        for (raw, ty, field, module) in cases {
            assert_eq!(type_name(raw), *ty, "type name of {raw}");
            assert_eq!(field_name(raw), *field, "field name of {raw}");
            assert_eq!(module_name(raw), *module, "module name of {raw}");
        }
        assert_eq!(variant_name("24h"), "V24h");
        assert_eq!(variant_name("in_progress"), "InProgress");
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("+"), "Plus");
    }

    #[test]
    fn collisions_are_settled_in_order() {
        let mut s = Scope::new(Case::Camel);
        assert_eq!(s.claim("ASC"), "Asc");
        assert_eq!(s.claim("asc"), "Asc2");
        assert_eq!(s.claim("Etc/GMT+1"), "EtcGmt1");
        assert_eq!(s.claim("Etc/GMT-1"), "EtcSlashGmtMinus1");
        let mut f = Scope::new(Case::Field);
        assert_eq!(f.claim("type"), "r#type");
        assert_eq!(f.claim("Type"), "type_2");
        assert_eq!(f.claim("$id"), "id");
        assert_eq!(f.claim("id"), "id_2");
    }
}
