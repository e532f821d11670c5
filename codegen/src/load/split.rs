//! Reading a large YAML document on several cores.
//!
//! A build script runs the generator unoptimized, and there the YAML parser
//! is the largest single step before the model: about a quarter of OpenAI's
//! build step, on one core. A spec's bulk sits in one block mapping
//! (`components: schemas:`, or `paths:`) of many entries, and each entry
//! reads on its own. So the text is cut at some of that mapping's entries:
//! the *head* is the document without them, and each *piece* a run of them,
//! itself a YAML mapping (indented, which YAML allows at the root). The
//! pieces are read side by side and their entries appended, in order, to
//! the mapping in the head's value: the same value, in the same key order,
//! as reading the whole text.
//!
//! The rules that keep it the same:
//! - The cut is made only where the text is plain block YAML: no directive
//!   or document marker (`%`, `---`, `...`) at the start of a line, and no
//!   anchor (`&name` where a node may start), so no alias can point across
//!   a cut. The mapping is found by indentation: its entries are the key
//!   lines at one indentation, and it descends from the root by plain keys
//!   whose value is a block mapping.
//! - Each part must read, and hold exactly as many keys as it has key lines
//!   at that indentation; the pieces' keys must be new to the mapping.
//!
//! One difference remains, at the edge: a piece is read as a root, as many
//! levels up as the mapping's path is long (two for `components/schemas`),
//! so a schema nested just past serde_yaml's limit of 128 levels, which the
//! whole read refuses, reads in parts. The stack every thread of the
//! generator has (`cores::STACK`) allows for that many levels more.
//!
//! Anything else, an error included, gives up ([`parse`] returns `None`)
//! and the caller reads the whole text at once, so errors and their lines
//! are those of one parser, and a document this does not understand costs
//! only the scan.

use serde_json::Value;

use super::JsonValue;

/// Below this many bytes the whole text reads fast enough.
pub(super) const WORTH_IT: usize = 256 * 1024;

/// `text` read in about `parts` parts side by side, or `None` where the
/// rules above do not hold (then read it whole).
pub(super) fn parse(text: &str, parts: usize) -> Option<Value> {
    let plan = plan(text, parts)?;
    let (pieces, head) = crate::cores::join(|| crate::cores::map(&plan.pieces, |piece| read(&text[piece.bytes.clone()])), || read(&plan.head));
    let mut value = head?;
    let mut target = &mut value;
    for key in &plan.path {
        target = target.get_mut(*key)?;
    }
    let mapping = target.as_object_mut()?;
    if mapping.len() != plan.head_entries {
        return None;
    }
    for (piece, read) in plan.pieces.iter().zip(pieces) {
        let Value::Object(entries) = read? else { return None };
        if entries.len() != piece.entries {
            return None;
        }
        for (key, entry) in entries {
            if mapping.contains_key(&key) {
                return None;
            }
            mapping.insert(key, entry);
        }
    }
    Some(value)
}

fn read(text: &str) -> Option<Value> {
    serde_yaml::from_str::<JsonValue>(text).ok().map(|v| v.0)
}

/// Where to cut a text.
#[derive(Debug, PartialEq)]
struct Plan<'a> {
    /// The keys from the root to the mapping whose entries are cut out.
    path: Vec<&'a str>,
    /// The text without the pieces.
    head: String,
    /// How many of the mapping's entries the head keeps.
    head_entries: usize,
    pieces: Vec<Piece>,
}

/// A run of the mapping's entries.
#[derive(Debug, PartialEq)]
struct Piece {
    bytes: std::ops::Range<usize>,
    entries: usize,
}

/// A line that holds something: neither blank nor a comment.
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    indent: usize,
}

/// Where to cut `text` into about `parts` parts of like size, if the rules
/// allow it.
fn plan(text: &str, parts: usize) -> Option<Plan<'_>> {
    let lines = lines(text)?;
    let total = text.len();
    let line_text = |i: usize| {
        let start = lines[i].start + lines[i].indent;
        let end = text[start..].find('\n').map_or(text.len(), |n| start + n);
        &text[start..end]
    };
    // The entries of the mapping at `lines[from..to]`, `indent` deep.
    let entries = |from: usize, to: usize, indent: usize| -> Option<Vec<usize>> {
        let at: Vec<usize> = (from..to).filter(|&i| lines[i].indent == indent).collect();
        let nested = (from..to).all(|i| lines[i].indent >= indent);
        (nested && !at.is_empty() && at.iter().all(|&i| key_line(line_text(i)))).then_some(at)
    };
    let bytes_of = |i: usize, to: usize| lines.get(to).map_or(total, |l| l.start) - lines[i].start;

    let (mut to, mut indent) = (lines.len(), lines.first()?.indent);
    let mut path = Vec::new();
    let mut at = entries(0, to, indent)?;
    // Go down while one entry holds more than half the document, through
    // plain keys whose value is a block mapping.
    loop {
        let ends: Vec<usize> = at.iter().skip(1).copied().chain([to]).collect();
        let (largest, end) = at.iter().copied().zip(ends).max_by_key(|&(i, end)| bytes_of(i, end))?;
        if bytes_of(largest, end) * 2 <= total || largest + 1 >= end {
            break;
        }
        let Some(key) = block_key(line_text(largest)) else { break };
        let inner = lines[largest + 1].indent;
        let Some(inner_at) = entries(largest + 1, end, inner).filter(|_| inner > indent) else { break };
        path.push(key);
        (to, indent, at) = (end, inner, inner_at);
    }
    // Cut before entries so that every part holds about `total / parts`
    // bytes (the head also holds what follows the mapping); the head keeps
    // at least the first entry.
    let mapping_end = lines.get(to).map_or(total, |l| l.start);
    let share = total / parts;
    let mut cuts: Vec<usize> = Vec::new();
    let mut part_start = 0;
    for (n, &i) in at.iter().enumerate().skip(1) {
        let start = lines[i].start;
        let after = if cuts.is_empty() { total - mapping_end } else { 0 };
        if start - part_start + after >= share && cuts.len() + 1 < parts {
            cuts.push(n);
            part_start = start;
        }
    }
    if cuts.is_empty() {
        return None;
    }
    let mut pieces = Vec::new();
    for (n, &cut) in cuts.iter().enumerate() {
        let next = cuts.get(n + 1).copied();
        let start = lines[at[cut]].start;
        let end = next.map_or(mapping_end, |c| lines[at[c]].start);
        pieces.push(Piece { bytes: start..end, entries: next.unwrap_or(at.len()) - cut });
    }
    let head = [&text[..pieces[0].bytes.start], &text[mapping_end..]].concat();
    Some(Plan { path, head, head_entries: cuts[0], pieces })
}

/// The lines that hold something, with their indentation; `None` if the
/// text has a directive, a document marker or what may be an anchor, or a
/// tab in an indentation.
fn lines(text: &str) -> Option<Vec<Line>> {
    // Written for an unoptimized build: the searches for one character
    // (`match_indices`, `find`) are the standard library's fast ones, and
    // each line is looked at only up to its first character.
    let bytes = text.as_bytes();
    // An anchor is `&` where a node may start: at the start of a line or
    // after a space or `[{,`, and followed by its name.
    let anchor = text.match_indices('&').any(|(i, _)| {
        (i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'[' | b'{' | b','))
            && bytes.get(i + 1).is_some_and(|&c| !matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b',' | b'[' | b']' | b'{' | b'}'))
    });
    if anchor {
        return None;
    }
    let mut out = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        let end = text[start..].find('\n').map_or(bytes.len(), |n| start + n);
        let mut first = start;
        while first < end && bytes[first] == b' ' {
            first += 1;
        }
        let indent = first - start;
        match bytes.get(first) {
            Some(b'\t') => return None,
            None | Some(b'\n' | b'#') => {}
            Some(b'\r') if first + 1 == end => {}
            Some(_) if indent == 0 && (text[first..].starts_with('%') || text[first..].starts_with("---") || text[first..].starts_with("...")) => return None,
            Some(_) => out.push(Line { start, indent }),
        }
        start = end + 1;
    }
    Some(out)
}

/// Whether a line (indentation taken off) may be the key of a block
/// mapping's entry: it does not start a sequence, a flow collection, a
/// complex key, a tag, an alias or a block scalar, and it has `: ` or ends
/// in `:`. Quoted keys count. What is not a key after all makes a part fail
/// to read, or hold another number of keys, and the whole text is read
/// instead.
fn key_line(line: &str) -> bool {
    let first = line.as_bytes()[0];
    !matches!(first, b'-' | b'?' | b'[' | b'{' | b']' | b'}' | b'!' | b'*' | b'|' | b'>' | b',')
        && (line.contains(": ") || line.ends_with(':') || line.contains(":\t"))
}

/// The key of a line `key:` (a comment may follow) whose key is plain
/// ASCII without YAML's special characters: one [`plan`] may go down into.
fn block_key(line: &str) -> Option<&str> {
    let (key, rest) = line.split_once(':')?;
    let rest = rest.trim_start();
    let plain = !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/' | b'$'));
    (plain && (rest.is_empty() || rest.starts_with('#'))).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(text: &str) -> Value {
        super::super::parse_yaml(text).unwrap()
    }

    /// Read in parts, it is the value read whole, key order included.
    fn same(text: &str, parts: usize) -> Plan<'_> {
        let plan = plan(text, parts).expect("a plan");
        let split = parse(text, parts).expect("read in parts");
        assert_eq!(serde_json::to_string(&split).unwrap(), serde_json::to_string(&whole(text)).unwrap());
        plan
    }

    const SPEC: &str = "openapi: 3.1.0\ninfo:\n  title: t\ncomponents:\n  schemas:\n    A:\n      type: object\n    # a comment\n    'B':\n      description: |\n        text\n\n        more\n    C:\n      type: string\n    D: {type: integer}\n  responses: {}\nx-end: 1\n";

    #[test]
    fn goes_down_to_the_mapping_that_holds_the_bulk() {
        let plan = same(SPEC, 2);
        assert_eq!(plan.path, ["components", "schemas"]);
        assert_eq!(plan.head_entries + plan.pieces.iter().map(|p| p.entries).sum::<usize>(), 4);
        let plan = same(SPEC, 4);
        assert!(plan.pieces.len() >= 2, "{plan:?}");
    }

    #[test]
    fn what_it_does_not_understand_is_read_whole() {
        // An anchor, a document marker, a directive.
        for text in [SPEC.replace("A:\n", "A: &a\n"), format!("---\n{SPEC}"), format!("%YAML 1.2\n---\n{SPEC}")] {
            assert_eq!(plan(&text, 2), None, "{text}");
        }
        // A key the pieces repeat: the whole read reports it, with its line.
        let twice = SPEC.replace("    C:\n", "    A:\n");
        assert!(plan(&twice, 2).is_some());
        assert_eq!(parse(&twice, 2), None);
        // Lines that look like keys and are not (a quoted scalar's next
        // line, a block scalar's text), wherever the cuts fall: read in
        // parts, it is the value read whole, or it is read whole.
        for text in [
            SPEC.replace("    C:\n      type: string\n", "    C: \"a\n    b: c\"\n"),
            SPEC.replace("    C:\n      type: string\n", "    C: 'a\n    b: c'\n"),
            SPEC.replace("        more\n", "        more\n      X: y\n"),
            SPEC.replace("    C:\n      type: string\n", "    C:\n    - a\n    - b\n"),
        ] {
            for parts in 2..=6 {
                match (parse(&text, parts), super::super::parse_yaml(&text)) {
                    (Some(split), Ok(whole)) => assert_eq!(split, whole, "{parts} parts of\n{text}"),
                    (Some(_), Err(e)) => panic!("{parts} parts of\n{text}\nread, whole it is an error: {e}"),
                    (None, _) => {}
                }
            }
        }
    }

    #[test]
    fn an_indented_mapping_reads_at_the_root() {
        assert_eq!(read("    a: 1\n    b:\n      c: 2\n# x\n    d: 3\n"), Some(serde_json::json!({"a": 1, "b": {"c": 2}, "d": 3})));
    }

    /// OpenAI's full spec (from `../shared/specs` beside the workspace;
    /// skipped without it, unless `CI` is set) reads the same in parts.
    #[test]
    fn openai_reads_the_same_in_parts() {
        let Some(path) = crate::test_specs::openai() else { return };
        let text = std::fs::read_to_string(path).unwrap();
        let plan = same(&text, 2);
        assert_eq!(plan.path, ["components", "schemas"]);
        same(&text, 3);
    }
}
