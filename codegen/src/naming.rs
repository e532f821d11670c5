//! Rust identifiers from spec names.
//!
//! The rules, in order, for every kind of name:
//! 1. Case: types and variants are `UpperCamelCase`, modules and fields
//!    `snake_case` (via `heck`). Any character that is not a letter or digit
//!    separates words (`checkout.session` → `CheckoutSession`, `Comment--Base`
//!    → `CommentBase`, `files[0]` → `files_0`). Identifiers are ASCII, so
//!    that no name warns (`non_snake_case`, `uncommon_codepoints`) and none
//!    is lost: a Latin letter with a diacritic is its base letter (`Ünïcødé`
//!    → `Unicode`, `ß` → `ss`, `Æ` → `Ae`); any other non-ASCII letter or
//!    digit is a word of its own, `U` and its code point in lowercase hex
//!    (`日本` → `U65e5U672c`, module `u65e5_u672c`); other non-ASCII
//!    characters separate words. A type or variant name always starts with
//!    an uppercase letter, a module or field name never has one.
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
//! 6. Collisions inside one scope are settled by [`Scope::claim`], trying in
//!    turn: the plain name; the name with signs spelled out (`+` → `Plus`,
//!    `-` → `Minus`); the name with all punctuation spelled out (`a.b` →
//!    `ADotB`); then a counter (`Asc`, `Asc2`; in snake case after a `_`,
//!    which replaces a trailing one: `self_`, `self_2`, never `self__2`,
//!    which warns). Names are handed out in the
//!    order the spec lists them, so the same spec always gives the same names.
//!    Where a whole set is known up front (an enum's values),
//!    [`Scope::claim_all`] spells out every member of a colliding group, not
//!    only the later ones: `Etc/GMT+1` and `Etc/GMT-1` become `EtcGmtPlus1` and
//!    `EtcGmtMinus1`, never `EtcGmt1` beside a spelled-out twin.
//! 7. Length: a type or module name is at most [`MAX_NAME`] (128) bytes, so
//!    that the file names rustdoc gives their pages (`struct.<Name>.html`,
//!    `<module>/index.html`) stay within the 255 bytes file systems allow,
//!    however long the spec's name, or the name made for an inline schema
//!    by putting its parent's in front (`Variant1Variant1...`, nested
//!    unions). A longer name keeps its first 119 bytes and ends in `H` and
//!    eight hex digits (`_h` and eight for a module) of a hash of the whole
//!    name (64-bit FNV-1a, folded): the same name always shortens the same
//!    way, and long names that start alike stay apart; a collision all the
//!    same is settled by rule 6, whose counter shortens the stem so that the
//!    name stays within the limit. Fields and variants are not shortened:
//!    rustdoc gives them no file. The longest name in OpenAI's, Stripe's,
//!    Discord's and Box's specs has 127 bytes (a Stripe module).

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::HashSet;

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move",
    "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await",
    "dyn", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen", "union",
];
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];
const RESERVED_TYPES: &[&str] = &["Option", "String", "Vec", "Box", "Result", "Self"];
const RESERVED_MODULES: &[&str] = &["std", "core", "alloc", "serde", "serde_json"];

/// The longest type or module name, in bytes (rule 7).
pub const MAX_NAME: usize = 128;

/// A type name (`snake == false`) or module name within [`MAX_NAME`] (rule
/// 7): unchanged if it fits, else its beginning and a hash of all of it.
fn shortened(name: String, snake: bool) -> String {
    if name.len() <= MAX_NAME {
        return name;
    }
    // FNV-1a, 64 bits: stable across Rust versions, unlike `DefaultHasher`.
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    let hash = (hash ^ (hash >> 32)) as u32;
    let mark = if snake { "_h" } else { "H" };
    let mut out = name;
    // Names are ASCII (rule 1), so any byte count is a character boundary.
    out.truncate(MAX_NAME - mark.len() - 8);
    if snake {
        // `a__h...` would warn (`non_snake_case`).
        out.truncate(out.trim_end_matches('_').len());
    }
    format!("{out}{mark}{hash:08x}")
}

/// `stem` and a counter's `suffix` (rule 6), the stem cut short if both
/// would pass [`MAX_NAME`] (rule 7): only for types and modules.
fn counted(stem: &str, suffix: &str, capped: bool) -> String {
    let keep = if capped { stem.len().min(MAX_NAME.saturating_sub(suffix.len())) } else { stem.len() };
    let stem = &stem[..keep];
    // A module's stem cut before a `_` would give `a__2` (`non_snake_case`).
    let stem = if suffix.starts_with('_') { stem.trim_end_matches('_') } else { stem };
    format!("{stem}{suffix}")
}

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

/// How much punctuation a name spells out (rule 6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spelling {
    /// None: punctuation only separates words.
    Plain,
    /// Signs only (`+`, `-`), the punctuation that most often carries meaning.
    Signs,
    /// Every punctuation character [`spell`] knows.
    All,
}

/// Replace punctuation with spelled-out words, so that names differing only in
/// punctuation stay distinct.
fn spelled(raw: &str) -> String {
    spelled_as(raw, Spelling::All)
}

fn spelled_as(raw: &str, level: Spelling) -> String {
    let mut out = String::new();
    for c in raw.chars() {
        let word = match level {
            Spelling::Plain => None,
            Spelling::Signs if !matches!(c, '+' | '-') => None,
            _ => spell(c),
        };
        match word {
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

/// `raw` in ASCII (rule 1): Latin letters with diacritics folded to their
/// base letter, other non-ASCII letters and digits spelled as a word
/// `U<hex>`, anything else non-ASCII a space.
fn ascii(raw: &str) -> String {
    if raw.is_ascii() {
        return raw.to_owned();
    }
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if let Some(base) = latin_base(c) {
            let mut letters = base.chars();
            if let Some(first) = letters.next() {
                out.push(if c.is_uppercase() { first.to_ascii_uppercase() } else { first });
                out.extend(letters);
            }
        } else if c.is_alphanumeric() {
            out.push_str(&format!(" U{:x} ", c as u32));
        } else {
            out.push(' ');
        }
    }
    out
}

/// The base letters (lowercase) of a letter of Latin-1 or Latin Extended-A.
fn latin_base(c: char) -> Option<&'static str> {
    Some(match c {
        'À'..='Å' | 'à'..='å' | 'Ā'..='ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć'..='č' => "c",
        'Ð' | 'ð' | 'Ď'..='đ' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē'..='ě' => "e",
        'Ĝ'..='ģ' => "g",
        'Ĥ'..='ħ' => "h",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ'..='ı' => "i",
        'Ĳ' | 'ĳ' => "ij",
        'Ĵ' | 'ĵ' => "j",
        'Ķ'..='ĸ' => "k",
        'Ĺ'..='ł' => "l",
        'Ñ' | 'ñ' | 'Ń'..='ŋ' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō'..='ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ'..='ř' => "r",
        'ß' => "ss",
        'Ś'..='š' | 'ſ' => "s",
        'Ţ'..='ŧ' => "t",
        'Þ' | 'þ' => "th",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ'..='ų' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ŷ'..='Ÿ' => "y",
        'Ź'..='ž' => "z",
        _ => return None,
    })
}

fn camel(raw: &str, digit_prefix: &str, level: Spelling) -> String {
    if level == Spelling::Plain && is_plain_snake(raw) {
        return snake_to_camel(raw);
    }
    camel_by_words(raw, digit_prefix, level)
}

/// [`camel`] through heck's word splitting, for any `raw`.
fn camel_by_words(raw: &str, digit_prefix: &str, level: Spelling) -> String {
    let raw = &ascii(raw);
    let source = if level == Spelling::Plain { words_only(raw) } else { spelled_as(raw, level) };
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
    if let Some(first) = name.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    name
}

fn snake(raw: &str, level: Spelling) -> String {
    if level == Spelling::Plain && is_plain_snake(raw) {
        return raw.to_owned();
    }
    snake_by_words(raw, level)
}

/// [`snake`] through heck's word splitting, for any `raw`.
fn snake_by_words(raw: &str, level: Spelling) -> String {
    let raw = &ascii(raw);
    let source = if level == Spelling::Plain { words_only(raw) } else { spelled_as(raw, level) };
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

/// Whether `raw` is already snake case as [`snake`] spells it: ASCII
/// lowercase letters and digits in words joined by single underscores,
/// starting with a letter (`created_at`, `gpt_4o`). Most property names and
/// many enum values are; for them [`snake`] and [`camel`] take a fast path
/// (heck's word splitting is most of naming's time in an unoptimized build
/// script) that gives the same names (pinned by
/// `tests::plain_snake_names_take_the_fast_path_to_the_same_names`).
fn is_plain_snake(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    bytes.first().is_some_and(u8::is_ascii_lowercase)
        && bytes.last() != Some(&b'_')
        && !raw.contains("__")
        && bytes.iter().all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// A plain snake-case name ([`is_plain_snake`]) in upper camel case: each
/// word's first character upper-cased (`gpt_4o` → `Gpt4o`).
fn snake_to_camel(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for word in raw.split('_') {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    out
}

/// A type name (`checkout.session` → `CheckoutSession`).
pub fn type_name(raw: &str) -> String {
    let name = camel(raw, "T", Spelling::Plain);
    if RESERVED_TYPES.contains(&name.as_str()) {
        format!("{name}Model")
    } else {
        shortened(name, false)
    }
}

/// An enum variant name for a value (`in_progress` → `InProgress`, `24h` → `V24h`).
pub fn variant_name(raw: &str) -> String {
    camel(raw, "V", Spelling::Plain)
}

/// A field name, as it is written in Rust source (`type` → `r#type`).
#[cfg(test)]
fn field_name(raw: &str) -> String {
    field_from(snake(raw, Spelling::Plain))
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
    let name = snake(raw, Spelling::Plain);
    if KEYWORDS.contains(&name.as_str()) || RESERVED_MODULES.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        shortened(name, true)
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

    /// Give back a name this scope handed out, for what was built and then
    /// dropped (`model`'s rollback of a left-out operation).
    pub fn release(&mut self, name: &str) {
        self.taken.remove(name);
    }

    /// Is this exact name taken?
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    fn plain(&self, raw: &str, level: Spelling) -> String {
        match (self.case, level) {
            (Case::Camel, Spelling::Plain) => type_name(raw),
            (Case::Camel, _) => {
                let n = camel(raw, "V", level);
                if RESERVED_TYPES.contains(&n.as_str()) {
                    format!("{n}Model")
                } else {
                    shortened(n, false)
                }
            }
            (Case::Variant, _) => match camel(raw, "V", level) {
                // The one keyword a camel-case name can hit.
                keyword if keyword == "Self" => "SelfValue".to_owned(),
                name => name,
            },
            (Case::Field, _) => field_from(snake(raw, level)),
            (Case::Module, Spelling::Plain) => module_name(raw),
            (Case::Module, _) => module_name(&spelled_as(raw, level)),
        }
    }

    /// Claim a unique name derived from `raw` (rule 6 above). For `Camel`
    /// scopes `raw` is taken as already camel-cased when it is a valid
    /// identifier, so callers can pass prefixed suggestions.
    pub fn claim(&mut self, raw: &str) -> String {
        self.claim_from(raw, Spelling::Plain)
    }

    /// Claim names for a whole set at once (rule 6 above), in order. Members
    /// whose plain names would collide with each other all start from the
    /// spelled-out forms, so no member keeps a plain name that hides the
    /// difference (`Etc/GMT+1`, `Etc/GMT-1` → `EtcGmtPlus1`, `EtcGmtMinus1`).
    pub fn claim_all<'a>(&mut self, raws: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        let raws: Vec<&str> = raws.into_iter().collect();
        let plains: Vec<String> = raws.iter().map(|raw| self.plain(raw, Spelling::Plain)).collect();
        // Each group of members sharing a plain name starts at the first
        // spelling that tells all of them apart (or the fullest one).
        let mut groups = std::collections::HashMap::<&str, Vec<&str>>::new();
        for (raw, plain) in raws.iter().zip(&plains) {
            groups.entry(plain.as_str()).or_default().push(raw);
        }
        let start_of = |group: &[&str]| {
            if group.len() < 2 {
                return Spelling::Plain;
            }
            let distinct = |level| {
                let names: HashSet<String> = group.iter().map(|raw| self.plain(raw, level)).collect();
                names.len() == group.len()
            };
            if distinct(Spelling::Signs) {
                Spelling::Signs
            } else {
                Spelling::All
            }
        };
        let starts: std::collections::HashMap<&str, Spelling> = groups.iter().map(|(plain, group)| (*plain, start_of(group))).collect();
        let starts: Vec<Spelling> = plains.iter().map(|plain| starts[plain.as_str()]).collect();
        raws.iter().zip(starts).map(|(raw, start)| self.claim_from(raw, start)).collect()
    }

    fn claim_from(&mut self, raw: &str, start: Spelling) -> String {
        let levels = [Spelling::Plain, Spelling::Signs, Spelling::All];
        let mut last = String::new();
        for level in levels.into_iter().skip_while(|level| *level != start) {
            last = self.plain(raw, level);
            if self.taken.insert(last.clone()) {
                return last;
            }
        }
        let stem = last.strip_prefix("r#").unwrap_or(&last).to_owned();
        let camel_case = matches!(self.case, Case::Camel | Case::Variant);
        let capped = matches!(self.case, Case::Camel | Case::Module);
        // `self_` counts on as `self_2`: a double `_` warns (`non_snake_case`).
        let snake_stem = stem.trim_end_matches('_');
        for n in 2.. {
            let candidate = if camel_case { counted(&stem, &n.to_string(), capped) } else { field_from(counted(snake_stem, &format!("_{n}"), capped)) };
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

    /// Every string in the fixtures and OpenAI's full spec (keys and
    /// values) that is plain snake case gets the same names from the fast
    /// path as from heck's word splitting, in each spelling's prefix.
    #[test]
    fn plain_snake_names_take_the_fast_path_to_the_same_names() {
        let mut checked = 0;
        for spec in crate::test_specs::fixtures_and_openai() {
            let text = std::fs::read_to_string(&spec).unwrap();
            let words = text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'));
            for raw in words.filter(|w| is_plain_snake(w)) {
                assert_eq!(snake(raw, Spelling::Plain), snake_by_words(raw, Spelling::Plain), "{raw}");
                for prefix in ["T", "V"] {
                    assert_eq!(camel(raw, prefix, Spelling::Plain), camel_by_words(raw, prefix, Spelling::Plain), "{raw}");
                }
                checked += 1;
            }
        }
        assert!(checked > 1000, "{checked}");
        for raw in ["a", "created_at", "gpt_4o", "a1b", "x_2", "v1_2_3"] {
            assert!(is_plain_snake(raw), "{raw}");
            assert_eq!(camel(raw, "T", Spelling::Plain), camel_by_words(raw, "T", Spelling::Plain), "{raw}");
        }
        for raw in ["", "_a", "a_", "a__b", "2fa", "Created", "a-b", "é"] {
            assert!(!is_plain_snake(raw), "{raw}");
        }
    }

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
            ("Ünïcødé", "Unicode", "unicode", "unicode"),
            ("Straße", "Strasse", "strasse", "strasse"),
            ("Æther", "Aether", "aether", "aether"),
            ("日本", "U65e5U672c", "u65e5_u672c", "u65e5_u672c"),
            ("日本語", "U65e5U672cU8a9e", "u65e5_u672c_u8a9e", "u65e5_u672c_u8a9e"),
            ("über-日本", "UberU65e5U672c", "uber_u65e5_u672c", "uber_u65e5_u672c"),
            ("π→∞", "U3c0", "u3c0", "u3c0"),
            ("ß", "Ss", "ss", "ss"),
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
        // One at a time, the first keeps its plain name.
        assert_eq!(s.claim("Etc/GMT+1"), "EtcGmt1");
        assert_eq!(s.claim("Etc/GMT-1"), "EtcGmtMinus1");
        assert_eq!(s.claim("a.b"), "AB");
        assert_eq!(s.claim("a_b"), "AB2");
        assert_eq!(s.claim("a-b"), "AMinusB");
        let mut f = Scope::new(Case::Field);
        assert_eq!(f.claim("type"), "r#type");
        assert_eq!(f.claim("Type"), "type_2");
        assert_eq!(f.claim("$id"), "id");
        assert_eq!(f.claim("id"), "id_2");
        assert_eq!(f.claim("self"), "self_");
        assert_eq!(f.claim("Self"), "self_2");
        let mut m = Scope::new(Case::Module);
        for (raw, module) in [("self", "self_"), ("Self", "self_2"), ("type", "type_"), ("Type", "type_2"), ("type_", "type_3")] {
            assert_eq!(m.claim(raw), module, "module for {raw}");
        }
        let mut t = Scope::new(Case::Camel);
        for (raw, ty) in [("self", "SelfModel"), ("Self", "SelfModel2"), ("Ünïcødé", "Unicode"), ("Unicode", "Unicode2"), ("ncd", "Ncd")] {
            assert_eq!(t.claim(raw), ty, "type for {raw}");
        }
    }

    #[test]
    fn long_type_and_module_names_are_shortened_with_a_hash() {
        let fits = "a".repeat(MAX_NAME);
        assert_eq!(module_name(&fits), fits);
        let long = format!("{}-{}", "a".repeat(150), "b".repeat(160));
        let (ty, module) = (type_name(&long), module_name(&long));
        assert_eq!((ty.len(), module.len()), (MAX_NAME, MAX_NAME));
        assert!(ty.starts_with(&format!("A{}", "a".repeat(118))) && ty[119..].starts_with('H'), "{ty}");
        assert!(module.starts_with(&"a".repeat(118)) && module[118..].starts_with("_h"), "{module}");
        // Stable: the same name always gives the same hash.
        assert_eq!(type_name(&long), ty);
        // Shortened names are names: another pass keeps them.
        assert_eq!((type_name(&ty), module_name(&module)), (ty.clone(), module.clone()));
        // Names that start alike stay apart.
        let other = format!("{}-{}", "a".repeat(150), "c".repeat(160));
        assert_ne!(type_name(&other), ty);
        assert_ne!(module_name(&other), module);
        // A module cut before a `_` drops it rather than doubling it.
        let underscored = format!("{}_{}", "x".repeat(117), "y".repeat(20));
        assert!(!module_name(&underscored).contains("__"), "{}", module_name(&underscored));
        // Rule 6's counter keeps within the limit too.
        for case in [Case::Camel, Case::Module] {
            let mut scope = Scope::new(case);
            let first = scope.claim(&long);
            let second = scope.claim(&long);
            assert_ne!(first, second);
            assert!(second.len() <= MAX_NAME && !second.contains("__"), "{second}");
        }
        let mut scope = Scope::new(Case::Module);
        let fits = scope.claim(&"m".repeat(MAX_NAME));
        assert_eq!(scope.claim(&fits), format!("{}_2", "m".repeat(MAX_NAME - 2)));
        // Nested inline names (a parent's name in front of each) stay bounded.
        let mut scope = Scope::new(Case::Camel);
        let mut parent = String::from("A");
        for _ in 0..40 {
            parent = scope.claim(&format!("{parent}Variant1"));
            assert!(parent.len() <= MAX_NAME, "{parent}");
        }
    }

    #[test]
    fn a_set_claimed_together_spells_out_every_colliding_member() {
        let mut s = Scope::new(Case::Variant);
        s.reserve("Other");
        let names = s.claim_all(["Etc/GMT+1", "Etc/GMT-1", "UTC", "ASC", "asc", "other", "a.b", "a/b"]);
        assert_eq!(names, ["EtcGmtPlus1", "EtcGmtMinus1", "Utc", "Asc", "Asc2", "Other2", "ADotB", "ASlashB"]);
    }
}
