//! Tokens → Rust source laid out for reading, without a formatter.
//!
//! prettyplease gives the best layout, but it needs a `syn::File` first, and
//! in an unoptimized build (a build script's dependencies, by default)
//! `syn::parse2` and prettyplease together took two thirds of the generator's
//! time on OpenAI's full spec. This printer walks the token stream once and
//! writes it as it goes. Its layout:
//!
//! - a brace group that holds anything opens a line and closes on its own
//!   line; its contents are indented four spaces a level;
//! - inside braces (and at the top), `;` and `,` end their line, and so does
//!   a closing brace that is followed by something other than `else`, `as`
//!   or punctuation; inside parentheses and brackets everything stays on
//!   one line;
//! - an attribute at the start of a line has the line to itself, and a
//!   `#[doc = "..."]` there is written as the `///` line it came from (when
//!   its text fits on one: no line break, and not starting with `/`, which
//!   would make a plain comment of it);
//! - spaces between tokens follow rustfmt's habits where the tokens tell
//!   enough (`a: T`, `f(x)`, `Vec<T>`, `&self`, `|x| x`, `a.b()?`), and
//!   otherwise there is one space.
//!
//! What matters for correctness: the text lexes back to the same tokens.
//! Identifiers and literals are always separated; a punctuation mark that
//! was joined to the next (`::`, `=>`, `'a`) stays joined, and one that was
//! not is never glued to a following mark (except `,` and `;`, which never
//! join into an operator); a `///` line always ends its line. For every
//! golden fixture and OpenAI's spec, a unit test in `output.rs` checks that
//! the text parses to exactly the emitted tokens, and `tests/golden.rs` that
//! prettyplease makes the pretty output of it.

use std::fmt::Write as _;

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// Lay `tokens` out as source text (no header), every line ending in `\n`.
pub(crate) fn lay_out(tokens: TokenStream) -> String {
    let mut p = Printer { out: String::new(), depth: 0, prev: Prev::Open };
    p.stream(tokens, true);
    p.newline();
    p.out
}

/// What was written last on the current line, as far as spacing cares.
#[derive(Clone, Copy, PartialEq)]
enum Prev {
    /// Nothing: the line or a group just started.
    Open,
    /// An identifier. `keyword`: one that an operand follows with a space
    /// (`if (..)`, `return &x`, `in [..]`); `generic`: a `<` after it opens
    /// generics (a capitalized name, a function's name, `impl`, `for`);
    /// `is_fn`: it is `fn`.
    Ident {
        keyword: bool,
        generic: bool,
        is_fn: bool,
    },
    Literal,
    /// A punctuation mark. `tight`: nothing goes between it and a following
    /// identifier, literal or group (`.`, `#`, `!`, a unary `&`/`*`/`-`, an
    /// opening `<` or `|`, a joined one); `angle_close`: it closed generics.
    Punct {
        ch: char,
        joint: bool,
        tight: bool,
        angle_close: bool,
    },
    /// A closing delimiter.
    Close(Delimiter),
}

impl Prev {
    fn is_keyword(self) -> bool {
        matches!(self, Prev::Ident { keyword: true, .. })
    }
}

struct Printer {
    out: String,
    depth: usize,
    prev: Prev,
}

/// Per group: the generics open (`<` not yet closed) and whether a
/// closure's parameter list (`|x|`) is open. A guess from the tokens; it
/// only decides spaces and line breaks.
#[derive(Default)]
struct Nesting {
    angles: usize,
    bars: bool,
    /// The open generics are an `impl`'s parameters (`impl<T> ::x::Y<T>`).
    of_impl: bool,
}

/// Whether an operand follows this identifier with a space.
fn is_keyword(word: &str) -> bool {
    // Most identifiers are longer than any of these, or capitalized.
    word.len() <= 8
        && word.as_bytes()[0].is_ascii_lowercase()
        && matches!(
            word,
            "as" | "async"
                | "break"
                | "const"
                | "continue"
                | "dyn"
                | "else"
                | "enum"
                | "for"
                | "if"
                | "impl"
                | "in"
                | "let"
                | "loop"
                | "match"
                | "mod"
                | "move"
                | "mut"
                | "ref"
                | "return"
                | "static"
                | "struct"
                | "trait"
                | "type"
                | "unsafe"
                | "use"
                | "where"
                | "while"
                | "yield"
        )
}

type Tokens = std::iter::Peekable<proc_macro2::token_stream::IntoIter>;

impl Printer {
    /// End the current line, if anything is on it.
    fn newline(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.prev = Prev::Open;
    }

    /// Start writing a token: the indent at a line's start, or a space.
    fn start(&mut self, space: bool) {
        if self.out.is_empty() || self.out.ends_with('\n') {
            for _ in 0..self.depth {
                self.out.push_str("    ");
            }
        } else if space {
            self.out.push(' ');
        }
    }

    /// Write an identifier or a literal, spaced from what came before (not
    /// after a tight mark); returns where its text starts in `out`.
    fn operand(&mut self, token: &dyn std::fmt::Display) -> usize {
        let space = match self.prev {
            Prev::Open => false,
            Prev::Punct { tight, .. } => !tight,
            _ => true,
        };
        self.start(space);
        let at = self.out.len();
        let _ = write!(self.out, "{token}");
        at
    }

    /// Write the tokens of one group (`block`: a brace group or the top,
    /// where `;` and `,` end lines).
    fn stream(&mut self, tokens: TokenStream, block: bool) {
        let mut nesting = Nesting::default();
        let mut tokens = tokens.into_iter().peekable();
        while let Some(token) = tokens.next() {
            if block && self.prev == Prev::Close(Delimiter::Brace) && opens_line(&token) {
                self.newline();
            }
            match token {
                TokenTree::Punct(p) if block && self.prev == Prev::Open && p.as_char() == '#' && self.attribute(&mut tokens) => {}
                TokenTree::Group(g) => {
                    let delimiter = g.delimiter();
                    let inner = g.stream();
                    // Unshared, the stream's tokens are moved out, not copied.
                    drop(g);
                    if delimiter == Delimiter::Brace {
                        nesting.angles = 0;
                    }
                    self.group(delimiter, inner, block);
                }
                TokenTree::Ident(ident) => {
                    let at = self.operand(&ident);
                    let text = &self.out[at..];
                    let after_fn = matches!(self.prev, Prev::Ident { is_fn: true, .. });
                    let generic = after_fn || text.trim_start_matches("r#").starts_with(|c: char| c.is_ascii_uppercase()) || text == "impl" || text == "for";
                    self.prev = Prev::Ident { keyword: is_keyword(text), generic, is_fn: text == "fn" };
                }
                TokenTree::Literal(literal) => {
                    let at = self.operand(&literal);
                    // `- -1` must not become `--1`.
                    if self.out[at..].starts_with('-') && matches!(self.prev, Prev::Punct { joint: false, tight: true, .. }) {
                        self.out.insert(at, ' ');
                    }
                    self.prev = Prev::Literal;
                }
                TokenTree::Punct(p) => {
                    let (ch, joint) = (p.as_char(), p.spacing() == Spacing::Joint);
                    if block && (ch == ';' || ch == ',') && nesting.angles == 0 {
                        self.start(false);
                        self.out.push(ch);
                        nesting = Nesting::default();
                        self.newline();
                        continue;
                    }
                    self.punct(ch, joint, tokens.peek(), &mut nesting);
                }
            }
        }
    }

    /// Write an attribute whose `#` has just been read at the start of a
    /// line, and end the line; false (nothing written) if no `[...]` follows.
    fn attribute(&mut self, tokens: &mut Tokens) -> bool {
        let inner = match tokens.peek() {
            Some(TokenTree::Punct(bang)) if bang.as_char() == '!' => true,
            Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket => false,
            _ => return false,
        };
        if inner {
            tokens.next();
            if !matches!(tokens.peek(), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket) {
                // Not an attribute after all: `#!` and what follows.
                self.start(false);
                self.out.push_str("#!");
                self.prev = Prev::Punct { ch: '!', joint: false, tight: true, angle_close: false };
                return true;
            }
        }
        let Some(TokenTree::Group(group)) = tokens.next() else { return true };
        if let Some(text) = doc_line(&group) {
            self.start(false);
            let _ = write!(self.out, "{}{text}", if inner { "//!" } else { "///" });
            self.newline();
            return true;
        }
        self.start(false);
        self.out.push_str(if inner { "#!" } else { "#" });
        self.prev = Prev::Punct { ch: '#', joint: false, tight: true, angle_close: false };
        let stream = group.stream();
        drop(group);
        self.group(Delimiter::Bracket, stream, false);
        self.newline();
        true
    }

    fn group(&mut self, delimiter: Delimiter, inner: TokenStream, block: bool) {
        let (open, close) = match delimiter {
            Delimiter::Parenthesis => ('(', ')'),
            Delimiter::Bracket => ('[', ']'),
            Delimiter::Brace => ('{', '}'),
            Delimiter::None => {
                // Invisible: its tokens are written as if they stood here.
                self.stream(inner, block);
                return;
            }
        };
        let space = match self.prev {
            Prev::Open => false,
            Prev::Punct { joint: true, .. } => false,
            _ if delimiter == Delimiter::Brace => true,
            Prev::Ident { keyword, .. } => keyword,
            Prev::Literal => true,
            Prev::Punct { tight, angle_close, .. } => !tight && !angle_close,
            Prev::Close(_) => false,
        };
        self.start(space);
        self.out.push(open);
        if delimiter == Delimiter::Brace && !inner.is_empty() {
            self.depth += 1;
            self.newline();
            self.stream(inner, true);
            self.newline();
            self.depth -= 1;
            self.start(false);
        } else {
            self.prev = Prev::Open;
            self.stream(inner, false);
        }
        self.out.push(close);
        self.prev = Prev::Close(delimiter);
    }

    fn punct(&mut self, ch: char, joint: bool, next: Option<&TokenTree>, nesting: &mut Nesting) {
        let prev = self.prev;
        let next_is = |c: char| matches!(next, Some(TokenTree::Punct(n)) if n.as_char() == c);
        // Where an operand starts: a unary `&x`, `!x`, `-1`, `*p`, `|x|`.
        let unary = match prev {
            Prev::Open => true,
            Prev::Ident { keyword, .. } => keyword,
            // Not the second mark of `&&`, `||`, `..`.
            Prev::Punct { ch, joint, angle_close, .. } => !joint && !angle_close && ch != '?',
            Prev::Literal | Prev::Close(_) => false,
        };
        let generic_open = ch == '<'
            && !(joint && (next_is('=') || next_is('<') || next_is('-')))
            && match prev {
                Prev::Ident { generic, .. } => generic,
                // `::<T>`, `x: <T as Trait>::Y`
                Prev::Punct { ch: ':', .. } => true,
                _ => unary,
            };
        let angle_close = ch == '>' && nesting.angles > 0 && !matches!(prev, Prev::Punct { ch: '-' | '=', joint: true, .. }) && !(joint && next_is('='));
        let bar_open = ch == '|' && !nesting.bars && unary;
        let bar_close = ch == '|' && nesting.bars && !joint;
        let space = match prev {
            Prev::Open | Prev::Punct { joint: true, .. } => false,
            // After a mark that was not joined to this one, a space where the
            // two would read as one operator or start a comment; `>>` closing
            // two generics reads as two.
            Prev::Punct { ch: before, tight, angle_close: closed, .. } => {
                (joins(before, ch) && !(closed && angle_close)) || !(tight || ch == ',' || ch == ';' || closed && matches!(ch, ':' | '>' | '.' | '?'))
            }
            _ if ch == ',' || ch == ';' => false,
            _ if ch == '?' || ch == '.' && !prev.is_keyword() => false,
            _ if ch == ':' => joint && (prev.is_keyword() || prev == Prev::Literal),
            Prev::Ident { keyword: false, .. } if ch == '!' && !joint => false,
            _ if generic_open => !matches!(prev, Prev::Ident { .. }),
            _ => !angle_close && !bar_close,
        };
        self.start(space);
        self.out.push(ch);
        // After `impl<T>`, what follows is spaced like after a word.
        let mut ends_impl = false;
        if generic_open {
            if nesting.angles == 0 {
                nesting.of_impl = matches!(prev, Prev::Ident { keyword: true, generic: true, .. });
            }
            nesting.angles += 1;
        } else if angle_close {
            nesting.angles -= 1;
            ends_impl = nesting.angles == 0 && std::mem::take(&mut nesting.of_impl);
        }
        if bar_open {
            nesting.bars = !joint;
        } else if bar_close {
            nesting.bars = false;
        }
        let tight = joint
            || match ch {
                '.' | '#' | '$' | '!' => true,
                '&' | '*' | '-' => unary,
                '<' => generic_open,
                '|' => bar_open,
                // The second of `::`.
                ':' => matches!(prev, Prev::Punct { ch: ':', joint: true, .. }),
                _ => false,
            };
        self.prev = Prev::Punct { ch, joint, tight, angle_close: angle_close && !ends_impl };
    }
}

/// Whether `a` and `b` written together read as one token (`::`, `->`,
/// `..`, `&&`, `>=`, ...) or start a comment (`//`, `/*`).
fn joins(a: char, b: char) -> bool {
    matches!(
        (a, b),
        (':', ':')
            | ('-' | '=', '>')
            | ('=' | '!' | '<' | '>' | '+' | '-' | '*' | '/' | '%' | '^' | '&' | '|', '=')
            | ('&', '&')
            | ('|', '|')
            | ('<', '<' | '-')
            | ('>', '>')
            | ('.', '.')
            | ('/', '/' | '*')
            | ('*', '/')
    )
}

/// Whether, after a brace group inside braces, this token starts a new line
/// (a new item or statement) rather than continuing an expression.
fn opens_line(token: &TokenTree) -> bool {
    match token {
        TokenTree::Ident(i) => i != "else" && i != "as",
        TokenTree::Punct(p) => p.as_char() == '#',
        TokenTree::Literal(_) => true,
        TokenTree::Group(g) => g.delimiter() == Delimiter::Brace,
    }
}

/// The text of `doc = "..."` as a `///` line would hold it, if it can.
fn doc_line(attr: &proc_macro2::Group) -> Option<String> {
    let mut tokens = attr.stream().into_iter();
    let (Some(TokenTree::Ident(doc)), Some(TokenTree::Punct(eq)), Some(TokenTree::Literal(lit)), None) =
        (tokens.next(), tokens.next(), tokens.next(), tokens.next())
    else {
        return None;
    };
    if doc != "doc" || eq.as_char() != '=' {
        return None;
    }
    let repr = lit.to_string();
    // A raw string (`r"..."`, `r#"..."#`: how the emitter writes doc lines,
    // and `quote!` doc comments) or a string without escapes holds its value
    // as is between its quotes; otherwise syn reads it.
    let plain = match repr.strip_prefix('r') {
        Some(raw) => {
            let hashes = &raw[..raw.len() - raw.trim_start_matches('#').len()];
            raw[hashes.len()..].strip_prefix('"').and_then(|s| s.strip_suffix(hashes)).and_then(|s| s.strip_suffix('"'))
        }
        None => repr.strip_prefix('"').filter(|s| !s.contains('\\')).and_then(|s| s.strip_suffix('"')),
    };
    let text = match plain {
        Some(text) => text.to_owned(),
        None => match syn::Lit::new(lit) {
            syn::Lit::Str(s) => s.value(),
            _ => return None,
        },
    };
    // Two one-character searches: `contains(['\n', '\r'])`, a search for
    // either, costs a build script (unoptimized) some 500 times as much.
    (!text.starts_with('/') && !text.contains('\n') && !text.contains('\r')).then_some(text)
}
