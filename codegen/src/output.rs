//! The last stage: the model's tokens → text, and that text onto disk.
//!
//! Each module is emitted and laid out on its own, on as many threads as the
//! machine has cores ([`emit_and_format`]); the `@generated` header goes on
//! top; [`write_if_changed`] leaves a file that already holds the text
//! alone, and never leaves half a file.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::emit;
use crate::error::{Error, Result};
use crate::layout;
use crate::model::Model;

/// The stack of each formatting thread of [`emit_and_format`]. Emitting,
/// `syn::parse2` and prettyplease each recurse once per level of a nested
/// type: in an unoptimized build (a build script's dependencies, by
/// default) that takes about 30 KiB a level, so a thread's default 2 MiB
/// overflow on `Vec<...>` nested 68 deep. How deep a type nests is bounded
/// by the document: the YAML and JSON parsers refuse nesting beyond 128, and
/// a schema level adds at most two types (`Option<Vec<...>>`, or a map), so
/// no type nests past about 250 levels, which takes 7.5 MiB (the hostile case
/// `deep_array_nullable_124` is that limit). 16 MiB leaves room to spare;
/// a stack is only reserved, its memory taken as it is used.
const FORMAT_STACK: usize = 16 << 20;

/// What one formatting thread made: each of its modules' index, text and needs,
/// and the time it spent emitting and laying out.
type Chunk = (Vec<(usize, String, emit::Needs)>, [Duration; 2]);

/// Emit and format every module, on as many threads as the machine has
/// cores (each with a 16 MiB stack, for deeply nested types: see
/// [`FORMAT_STACK`]), and join them in module order with the `@generated`
/// header. Each module is formatted on its own, so the result is the same
/// whatever the number of threads (`format(emit(..))` gives the same text
/// on one thread). `pretty`: format with prettyplease, or else lay out as
/// printed (`Config::pretty`). The time spent emitting and laying out, summed
/// over the threads, goes into `timings`.
pub(crate) fn emit_and_format(
    model: &Model,
    settings: &emit::EmitSettings,
    source_name: &str,
    pretty: bool,
    timings: &mut Vec<(&'static str, Duration)>,
) -> Result<String> {
    let unparse = |tokens: proc_macro2::TokenStream| if pretty { unparse(tokens) } else { Ok(layout::lay_out(tokens)) };
    let threads = crate::cores::count();
    let modules = model.modules.len();
    // The threads take the next module from one queue, the largest first
    // (the `operations` module is by far the largest of OpenAI's), so that
    // none is left with a large one at the end while the others wait.
    let weight = |m: usize| model.modules[m].types.len() + if model.operations_module == Some(m) { model.operations.len() } else { 0 };
    let mut queue: Vec<usize> = (0..modules).collect();
    queue.sort_by_key(|&m| std::cmp::Reverse(weight(m)));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let chunks: Vec<Result<Chunk>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                std::thread::Builder::new().stack_size(FORMAT_STACK).spawn_scoped(scope, || {
                    let mut spent = [Duration::ZERO; 2];
                    let mut texts = Vec::new();
                    while let Some(&m) = queue.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed)) {
                        let start = Instant::now();
                        let (tokens, needs) = emit::emit_module(model, settings, m);
                        let emitted = Instant::now();
                        let text = unparse(tokens)?;
                        spent[0] += emitted - start;
                        spent[1] += emitted.elapsed();
                        texts.push((m, text, needs));
                    }
                    Ok((texts, spent))
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| match w {
                Ok(w) => w.join().unwrap_or_else(|_| Err(Error::Internal("a formatting thread panicked".into()))),
                Err(e) => Err(Error::Internal(format!("cannot start a formatting thread: {e}"))),
            })
            .collect()
    });
    let mut texts = vec![String::new(); modules];
    let mut needs = emit::Needs::default();
    let mut spent = [Duration::ZERO; 2];
    for chunk in chunks {
        let (done, time) = chunk?;
        for (m, text, module_needs) in done {
            texts[m] = text;
            needs = needs.or(module_needs);
        }
        spent[0] += time[0];
        spent[1] += time[1];
    }
    // The support modules come first, but hold what the modules call: they
    // are made once every module is printed.
    let mut body = unparse(emit::support(&needs, settings)?)?;
    for text in texts {
        body.push_str(&text);
    }
    timings.push(("emit (all threads)", spent[0]));
    timings.push((if pretty { "syn + prettyplease (all threads)" } else { "lay out (all threads)" }, spent[1]));
    Ok(with_header(&body, source_name))
}

fn unparse(tokens: proc_macro2::TokenStream) -> Result<String> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| Error::Internal(format!("generated code does not parse: {e}")))?;
    Ok(prettyplease::unparse(&file))
}

fn with_header(body: &str, source_name: &str) -> String {
    format!("// @generated by openapi-codegen from {source_name}. Do not edit: edit the spec and rebuild.\n\n{body}")
}

/// Write `content` to `path` unless it already holds exactly that; the new
/// content goes to a temporary file first and is renamed into place, so a
/// reader never sees half a file. Whether it wrote.
pub(crate) fn write_if_changed(path: &Path, content: &str) -> Result<bool> {
    if std::fs::read(path).is_ok_and(|old| old == content.as_bytes()) {
        return Ok(false);
    }
    let io = |source| Error::Io { path: path.to_owned(), source };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = std::path::PathBuf::from(tmp);
    std::fs::write(&tmp, content).map_err(|source| Error::Io { path: tmp.clone(), source })?;
    std::fs::rename(&tmp, path).map_err(io)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{load, normalize, Config};

    /// The parallel path gives exactly what formatting the whole file at
    /// once gives, pretty or laid out.
    #[test]
    fn parallel_formatting_equals_whole_file_formatting() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/openapi.yaml")).unwrap();
        let config = Config::new();
        let mut value = load::parse(&text).unwrap();
        normalize::normalize(&mut value);
        let model = crate::model::build(&load::typed(&value).unwrap(), &config.model_settings(), &crate::model::Reach::of(&value)).unwrap();
        let settings = config.emit_settings();
        let whole = with_header(&unparse(emit::emit(&model, &settings).unwrap()).unwrap(), "x");
        let parallel = emit_and_format(&model, &settings, "x", true, &mut Vec::new()).unwrap();
        assert_eq!(whole, parallel);
        assert!(whole.contains("pub mod batch {"));
        let plain = with_header(&layout::lay_out(emit::emit(&model, &settings).unwrap()), "x");
        assert_eq!(plain, emit_and_format(&model, &settings, "x", false, &mut Vec::new()).unwrap());
    }

    /// `tokens` with each string literal written the one way its value is
    /// (`r"x"` as `"x"`): a doc comment in `quote!` comes as a raw string,
    /// and the same line read back from text as a plain one.
    fn by_value(tokens: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
        use proc_macro2::{Group, Literal, TokenTree};
        tokens
            .into_iter()
            .map(|token| match token {
                TokenTree::Group(g) => TokenTree::Group(Group::new(g.delimiter(), by_value(g.stream()))),
                TokenTree::Literal(l) => match syn::Lit::new(l.clone()) {
                    syn::Lit::Str(s) => TokenTree::Literal(Literal::string(&s.value())),
                    _ => TokenTree::Literal(l),
                },
                other => other,
            })
            .collect()
    }

    /// The plain layout's text is exactly the tokens emitted: it parses to
    /// the same syntax tree, token for token (string literals compared by value), for
    /// every golden fixture and OpenAI's full spec (from `../shared/specs`
    /// beside the workspace; skipped without it, unless `CI` is set).
    /// `tests/golden.rs` checks that prettyplease makes the pretty output of it.
    #[test]
    fn the_plain_layout_lexes_back_to_the_tokens_emitted() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut specs: Vec<std::path::PathBuf> = std::fs::read_dir(root.join("tests/fixtures")).unwrap().map(|e| e.unwrap().path().join("spec.yaml")).collect();
        specs.sort();
        let openai = root.join("../../shared/specs/openai/openapi.yaml");
        match openai.is_file() {
            true => specs.push(openai),
            false => assert!(std::env::var_os("CI").is_none(), "{} is missing", openai.display()),
        }
        let config = Config::new();
        for spec in specs {
            let model = config.model(config.load(&spec).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", spec.display()));
            let tokens = emit::emit(&model.ir, &config.emit_settings()).unwrap();
            let text = layout::lay_out(tokens.clone());
            let syntax = |file: syn::Result<syn::File>| {
                by_value(quote::ToTokens::to_token_stream(&file.unwrap_or_else(|e| panic!("{}: {e}", spec.display())))).to_string()
            };
            let (emitted, read) = (syntax(syn::parse2(tokens)), syntax(syn::parse_file(&text)));
            if emitted != read {
                let at = emitted.bytes().zip(read.bytes()).position(|(x, y)| x != y).unwrap_or(emitted.len().min(read.len()));
                let around = |s: &str| s.get(at.saturating_sub(200)..(at + 200).min(s.len())).unwrap_or("").to_owned();
                panic!("{}: the plain layout is not the tokens emitted, from byte {at}:\n  {}\n  {}", spec.display(), around(&emitted), around(&read));
            }
        }
    }

    /// A file that holds the text is left alone; another is replaced whole.
    #[test]
    fn writes_only_what_changed() {
        let dir = std::env::temp_dir().join(format!("openapi-codegen-write-{}", std::process::id()));
        let path = dir.join("out.rs");
        assert!(write_if_changed(&path, "a").unwrap());
        assert!(!write_if_changed(&path, "a").unwrap());
        assert!(write_if_changed(&path, "b").unwrap());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "b");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "no temporary file is left");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
