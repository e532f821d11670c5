//! Spec descriptions → rustdoc text that renders cleanly and never runs.
//!
//! Rules (each tested below, input against output):
//! - Code fences become ```` ```text ```` so rustdoc never compiles them as
//!   doctests; lines indented four or more spaces outside a fence (which
//!   markdown would make an indented code block, i.e. a doctest: after a blank
//!   line and outside a list) are pulled back to three spaces.
//! - Bare URLs become autolinks `<https://...>` (rustdoc warns on bare URLs).
//! - Links whose target starts with `/` get the configured base URL
//!   (`(/docs/models)` → `(https://platform.openai.com/docs/models)`).
//! - A link whose target is relative (neither a URL with a scheme, such as
//!   `https:` or `mailto:`, nor a path from the root, `/...`) keeps its text
//!   only: `[the guide](guides/errors)` → `the guide`. Its target would be
//!   read against the rustdoc page it ends up on, where nothing is, and
//!   rustdoc takes a target such as `errors` for an intra-doc link to a Rust
//!   item, which fails the docs build. Likewise a reference definition with a
//!   relative target (`[y]: errors`) goes, and the links to it keep their text.
//! - Brackets that are not a markdown link (`[x]` with no `(...)` or `[...]`
//!   after it) are escaped, so rustdoc does not read them as intra-doc links.
//! - `<` outside code that does not open an autolink becomes `&lt;`, so text such
//!   as `Array<string>` is not read as an unclosed HTML tag.
//! - Trailing blank lines and trailing spaces go.

/// Turn a spec description into rustdoc lines.
pub fn rustdoc(description: &str, base_url: &str) -> Vec<String> {
    let mut out = Vec::new();
    // Labels of reference-style link definitions (`[label]: url`), those
    // with a relative target apart: they are dropped.
    let mut definitions = Definitions::default();
    for (label, target) in description
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix('['))
        .filter_map(|l| l.split_once("]:").map(|(label, target)| (label.to_lowercase(), target)))
    {
        if is_relative(target.split_whitespace().next().unwrap_or_default()) {
            definitions.relative.push(label);
        } else {
            definitions.kept.push(label);
        }
    }
    let mut in_fence = false;
    let mut in_list = false;
    let mut item_content: Option<usize> = None;
    let mut prose = String::new();
    let flush = |prose: &mut String, out: &mut Vec<String>| {
        if !prose.is_empty() {
            let text = sanitize_prose(prose, base_url, &definitions);
            out.extend(text.lines().map(str::to_owned));
            prose.clear();
        }
    };
    for line in description.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            flush(&mut prose, &mut out);
            let indent = &line[..line.len() - trimmed.len()];
            let indent = &indent[..indent.len().min(3)];
            if in_fence {
                out.push(format!("{indent}```"));
            } else {
                out.push(format!("{indent}```text"));
            }
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(line.trim_end().to_owned());
            continue;
        }
        let width = line.len() - trimmed.len();
        let blank_before = prose.is_empty() || prose.ends_with("\n\n");
        if !trimmed.is_empty() && width < 4 {
            in_list = list_marker(trimmed).is_some() || (in_list && (width > 0 || !blank_before));
        }
        let line = if trimmed.is_empty() {
            String::new()
        } else if let Some(marker) = list_marker(trimmed) {
            item_content = Some(width + marker);
            line.trim_end().to_owned()
        } else if let (Some(content), false) = (item_content, blank_before) {
            // A line that continues a list item sits at the item's text, as
            // markdown renders it anyway (clippy: doc_lazy_continuation,
            // doc_overindented_list_items).
            format!("{}{}", " ".repeat(content), trimmed.trim_end())
        } else if width >= 4 && blank_before && !in_list {
            // Only an indented line after a blank line, outside a list, starts a code block.
            format!("   {}", trimmed.trim_end())
        } else {
            if blank_before && item_content.is_some_and(|c| width < c) {
                item_content = None;
            }
            line.trim_end().to_owned()
        };
        prose.push_str(&line);
        prose.push('\n');
    }
    flush(&mut prose, &mut out);
    if in_fence {
        out.push("```".into());
    }
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    while out.first().is_some_and(|l| l.trim().is_empty()) {
        out.remove(0);
    }
    out
}

/// If `line` (without its indentation) starts a list item: the width of its
/// marker and the spaces after it, i.e. where the item's text starts.
fn list_marker(line: &str) -> Option<usize> {
    let marker = if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") {
        1
    } else {
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || digits > 9 || !(line[digits..].starts_with(". ") || line[digits..].starts_with(") ")) {
            return None;
        }
        digits + 1
    };
    let spaces = line[marker..].chars().take_while(|&c| c == ' ').count();
    // Five or more spaces after the marker: the text is an indented code block
    // inside the item, and the item's text starts one space after the marker.
    Some(marker + if spaces > 4 { 1 } else { spaces })
}

/// The labels of a description's reference definitions (`[label]: target`),
/// lowercase: those kept, and those whose target is relative (module docs).
#[derive(Default)]
struct Definitions {
    kept: Vec<String>,
    relative: Vec<String>,
}

/// Whether a link target is relative (module docs): not a URL with a scheme
/// (`https:`, `mailto:`; `a::b` is a Rust path, not a scheme) and not a path
/// from the root (`/docs`, `//host/x`). Angle brackets around it do not count.
fn is_relative(target: &str) -> bool {
    let target = target.strip_prefix('<').and_then(|t| t.strip_suffix('>')).unwrap_or(target);
    let scheme = target
        .split_once(':')
        .filter(|(scheme, rest)| {
            !rest.starts_with(':')
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        })
        .is_some();
    !scheme && !target.starts_with('/')
}

/// Sanitize markdown prose (no fences inside).
fn sanitize_prose(text: &str, base_url: &str, definitions: &Definitions) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    let mut in_code = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            in_code = !in_code;
            out.push(c);
            i += 1;
            continue;
        }
        if in_code {
            // A blank line ends a code span that was never closed.
            if c == '\n' && chars.get(i + 1) == Some(&'\n') {
                in_code = false;
            }
            out.push(c);
            i += 1;
            continue;
        }
        match c {
            '\\' if i + 1 < chars.len() => {
                out.push(c);
                out.push(chars[i + 1]);
                i += 2;
            }
            '[' if at_line_start(&chars, i) && is_definition(&chars[i..], &definitions.kept) => {
                // A reference definition `[label]: url`: copied as it is, to the end of its line.
                while i < chars.len() && chars[i] != '\n' {
                    out.push(chars[i]);
                    i += 1;
                }
            }
            '[' if at_line_start(&chars, i) && is_definition(&chars[i..], &definitions.relative) => {
                // A reference definition with a relative target: dropped, line and all.
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                i += 1;
            }
            '[' => {
                match link_end(&chars, i) {
                    Some(Link::Inline { text_end, target_start, target_end }) => {
                        let text: String = chars[i + 1..text_end].iter().collect();
                        let text = sanitize_prose(&text, base_url, definitions).replace('\n', " ");
                        let target: String = chars[target_start..target_end].iter().collect();
                        i = target_end + 1;
                        if is_relative(&target) {
                            out.push_str(&text);
                            continue;
                        }
                        out.push('[');
                        out.push_str(&text);
                        out.push(']');
                        out.push('(');
                        if target.starts_with('/') && !target.starts_with("//") {
                            out.push_str(base_url.trim_end_matches('/'));
                        }
                        out.push_str(&target);
                        out.push(')');
                    }
                    Some(Link::Reference { end }) => {
                        let whole: String = chars[i..=end].iter().collect();
                        let (text, label) = whole[1..whole.len() - 1].split_once("][").unwrap_or_default();
                        let label = if label.is_empty() { text } else { label };
                        if definitions.kept.contains(&label.to_lowercase()) {
                            out.push_str(&whole);
                        } else if definitions.relative.contains(&label.to_lowercase()) {
                            out.push_str(&sanitize_prose(text, base_url, definitions).replace('\n', " "));
                        } else {
                            // No definition: rustdoc would take it for an intra-doc link.
                            out.push_str(&whole.replace('[', "\\[").replace(']', "\\]"));
                        }
                        i = end + 1;
                    }
                    None => {
                        out.push_str("\\[");
                        i += 1;
                    }
                }
            }
            ']' => {
                out.push_str("\\]");
                i += 1;
            }
            '<' => {
                let rest: String = chars[i + 1..chars.len().min(i + 9)].iter().collect();
                if rest.starts_with("http://") || rest.starts_with("https://") {
                    // An autolink already: copy through to its `>`.
                    while i < chars.len() && chars[i] != '>' && !chars[i].is_whitespace() {
                        out.push(chars[i]);
                        i += 1;
                    }
                } else {
                    out.push_str("&lt;");
                    i += 1;
                }
            }
            'h' if starts_url(&chars, i) && !prev_is_word(&chars, i) => {
                let mut end = i;
                while end < chars.len() && !chars[end].is_whitespace() && !matches!(chars[end], '<' | '>' | '"' | '`') {
                    end += 1;
                }
                // Trailing punctuation belongs to the sentence, not the URL.
                while end > i && matches!(chars[end - 1], '.' | ',' | ';' | ':' | '!' | '?' | ')' | '\'' | ']') {
                    end -= 1;
                }
                out.push('<');
                out.extend(&chars[i..end]);
                out.push('>');
                i = end;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn at_line_start(chars: &[char], i: usize) -> bool {
    chars[..i].iter().rev().take_while(|&&c| c != '\n').all(|c| c.is_whitespace())
}

fn is_definition(rest: &[char], definitions: &[String]) -> bool {
    let line: String = rest.iter().take_while(|&&c| c != '\n').collect();
    line[1..].split_once("]:").is_some_and(|(label, _)| definitions.contains(&label.to_lowercase()))
}

enum Link {
    Inline { text_end: usize, target_start: usize, target_end: usize },
    Reference { end: usize },
}

/// If `[` at `start` opens a markdown link, where its parts end.
fn link_end(chars: &[char], start: usize) -> Option<Link> {
    let mut depth = 0;
    let mut j = start;
    while j < chars.len() {
        match chars[j] {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            '\n' if chars.get(j + 1) == Some(&'\n') => return None,
            _ => {}
        }
        j += 1;
    }
    if j >= chars.len() {
        return None;
    }
    match chars.get(j + 1) {
        Some('(') => {
            let target_start = j + 2;
            let mut k = target_start;
            let mut parens = 1;
            while k < chars.len() {
                match chars[k] {
                    '(' => parens += 1,
                    ')' => {
                        parens -= 1;
                        if parens == 0 {
                            return Some(Link::Inline { text_end: j, target_start, target_end: k });
                        }
                    }
                    c if c.is_whitespace() => return None,
                    _ => {}
                }
                k += 1;
            }
            None
        }
        Some('[') => {
            let close = chars[j + 2..].iter().position(|&c| c == ']' || c == '\n')?;
            (chars[j + 2 + close] == ']').then_some(Link::Reference { end: j + 2 + close })
        }
        _ => None,
    }
}

fn starts_url(chars: &[char], i: usize) -> bool {
    let prefix = |p: &str| p.chars().enumerate().all(|(k, c)| chars.get(i + k) == Some(&c));
    prefix("https://") || prefix("http://")
}

fn prev_is_word(chars: &[char], i: usize) -> bool {
    // `(` is not here: a link target is copied by the link branch, and a URL in
    // plain parentheses is bare and needs the autolink.
    i > 0 && (chars[i - 1].is_alphanumeric() || matches!(chars[i - 1], '/' | '<' | '='))
}

#[cfg(test)]
mod tests {
    use super::rustdoc;

    const BASE: &str = "https://platform.openai.com";

    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            ("Plain text.", &["Plain text."]),
            ("Refer to the [model\nguide](/docs/models) to browse.", &["Refer to the [model guide](https://platform.openai.com/docs/models) to browse."]),
            ("See https://example.com/a.", &["See <https://example.com/a>."]),
            ("(see https://example.com/a) and (https://example.com/b)", &["(see <https://example.com/a>) and (<https://example.com/b>)"]),
            ("Already <https://example.com> linked", &["Already <https://example.com> linked"]),
            ("A [link](https://x.y/z) stays", &["A [link](https://x.y/z) stays"]),
            ("Stray [x] and [1, 2]", &["Stray \\[x\\] and \\[1, 2\\]"]),
            ("Type Array<string> here", &["Type Array&lt;string> here"]),
            ("Code `a[0] <b>` kept", &["Code `a[0] <b>` kept"]),
            ("```python\nprint(1)\n```", &["```text", "print(1)", "```"]),
            ("```\nunclosed", &["```text", "unclosed", "```"]),
            ("Para\n\n    indented code\n", &["Para", "", "   indented code"]),
            ("1. item\n    more of it\n\n    still the item", &["1. item", "   more of it", "", "    still the item"]),
            ("- a\n  - b\n\ntext\n\n    code", &["- a", "  - b", "", "text", "", "   code"]),
            ("* one\nlazy\n* two\n     over\n\nafter", &["* one", "  lazy", "* two", "  over", "", "after"]),
            ("10. ten\nmore", &["10. ten", "    more"]),
            ("Trailing  \n\n\n", &["Trailing"]),
            ("A ref [x][y] link\n\n[y]: https://x.y", &["A ref [x][y] link", "", "[y]: https://x.y"]),
            ("An undefined [x][1] ref", &["An undefined \\[x\\]\\[1\\] ref"]),
            // Relative targets keep the text only; URLs and rooted paths stay links.
            ("See [the guide](guides/errors) for details.", &["See the guide for details."]),
            ("[a](errors), [b](./x), [c](../y), [d](#part), [e](<z>), [f](a::b)", &["a, b, c, d, e, f"]),
            ("[a](mailto:x@y.z) [b](//cdn.x/y) [c](<https://x.y>)", &["[a](mailto:x@y.z) [b](//cdn.x/y) [c](<https://x.y>)"]),
            ("A [`code` link](errors)", &["A `code` link"]),
            ("A ref [x][y] link\n\n[y]: errors", &["A ref x link"]),
            ("[a][y] and [b][z]\n[y]: guides/x\n[z]: https://x.y", &["a and [b][z]", "[z]: https://x.y"]),
        ];
        for (input, expected) in cases {
            assert_eq!(rustdoc(input, BASE), *expected, "input: {input:?}");
        }
    }
}
