//! Stage 1b: references, resolved into one document (between [`crate::load`]
//! and [`crate::normalize`]).
//!
//! The later stages read schemas from `#/components/schemas/<name>` only. This
//! stage makes every other reference look like that, so that the model has one
//! place to look and a schema reached through two pointers is one type:
//!
//! | reference | becomes |
//! |---|---|
//! | `#/components/schemas/Name` | kept |
//! | a JSON pointer to a schema anywhere else in the document (`#/components/schemas/Tag/allOf/0`, `#/paths/~1pets/get/.../schema`) | the schema moves to a component of its own (named after its place: `Tag_allOf_0`), its old place refers to it, and so does every reference to it |
//! | `other.yaml`, `./schemas/pet.yaml#/Pet`, `common.yaml#/components/schemas/Error` (relative to the referring file) at a schema's place | the schema is copied into a component (named after its pointer's last segment, or the file's stem), once per file and pointer; the references inside it are resolved the same way, relative to its own file |
//! | a file reference anywhere else (a path item `$ref: paths/menu.yaml`, a parameter, a response) | replaced by the referred object, its references resolved relative to its file |
//! | `http://...`, `https://...` | an error: a build script must not fetch |
//! | `$ref` that is not a string (`$ref: 5`) | an error |
//!
//! Examples and `x-` extensions are data: a `$ref` inside them is left alone.
//! A pointer may use `~0` and `~1` escapes. A reference to nothing is left as
//! it is, and the model reports it. Every file read is listed in
//! [`Bundle::files`], so the build reruns when any of them changes, and an
//! error inside a copied schema names its own file, line and pointer
//! ([`Bundle::locate`]).

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::pointer::JsonPointer;

/// Files referring to files referring to files...: a bound, not a limit anyone meets.
const MAX_DEPTH: usize = 64;

/// What resolving references read, and where each copied schema came from.
#[derive(Debug, Default)]
pub struct Bundle {
    /// Every file read besides the main one, with its text, in the order read.
    pub files: Vec<(PathBuf, String)>,
    /// `(component pointer, file, pointer in that file)` for each schema that
    /// was moved or copied: `None` as the file means the main document.
    origins: Vec<(JsonPointer, Option<usize>, JsonPointer)>,
}

impl Bundle {
    /// Attach the right file and line to an error: a pointer inside a moved or
    /// copied schema is translated back to where that schema was written.
    pub fn locate(&self, error: Error, main: &Path, main_text: &str) -> Error {
        let Error::Spec { pointer, message, .. } = error else {
            return crate::load::locate(error, main, main_text);
        };
        // A pointer that does not parse (a configured name's) is the main document's.
        let parsed = JsonPointer::parse(&pointer).ok();
        let origin =
            parsed.as_ref().and_then(|p| self.origins.iter().filter(|(at, _, _)| p.starts_with(at)).max_by_key(|(at, _, _)| at.depth()).map(|o| (p, o)));
        match origin {
            Some((p, (at, file, original))) => {
                let translated = p.rebase(at, original).expect("the origin is a prefix");
                let error = Error::spec(translated, message);
                match file {
                    Some(i) => crate::load::locate(error, &self.files[*i].0, &self.files[*i].1),
                    None => crate::load::locate(error, main, main_text),
                }
            }
            None => crate::load::locate(Error::spec(pointer, message), main, main_text),
        }
    }
}

impl Bundle {
    /// Fill in a warning's file and line, as [`Bundle::locate`] does an error's.
    pub fn locate_warning(&self, warning: &mut crate::flaw::Warning, main: &Path, main_text: &str) {
        if let Error::Spec { file, line, pointer, .. } = self.locate(Error::spec(warning.pointer.clone(), String::new()), main, main_text) {
            warning.file = file;
            warning.line = line;
            warning.pointer = pointer;
        }
    }
}

/// Reads a referenced file; [`resolve`]'s only I/O, so that it stays testable.
pub type Reader<'r> = dyn FnMut(&Path) -> std::io::Result<String> + 'r;

/// Resolve every reference in `doc`, the document read from `main` (`None`
/// when it has no path: then a file reference is an error).
pub fn resolve(doc: &mut Value, main: Option<&Path>, read: &mut Reader<'_>) -> Result<Bundle> {
    let taken = doc.pointer("/components/schemas").and_then(Value::as_object).map(|m| m.keys().cloned().collect()).unwrap_or_default();
    let mut r = Resolver { bundle: Bundle::default(), docs: Vec::new(), imported: Vec::new(), read, new_schemas: Vec::new(), taken, reserved: Vec::new() };
    let main_ctx = Ctx { file: None, dir: main.and_then(Path::parent).map(Path::to_path_buf), main_known: main.is_some() };
    // A component that is only a file reference names that file's schema,
    // wherever the walk first meets it.
    if let Some(schemas) = doc.pointer("/components/schemas").and_then(Value::as_object) {
        for (name, schema) in schemas {
            let Some(Value::String(reference)) = schema.get("$ref").filter(|_| schema.as_object().is_some_and(|m| m.len() == 1)) else { continue };
            if reference.starts_with('#') {
                continue;
            }
            let at = JsonPointer::component_schema(name);
            if let Some(target) = r.target(reference, &main_ctx, &at)? {
                r.reserved.push((target, name.clone()));
            }
        }
    }
    r.rewrite(doc, &main_ctx, false, &Crumb::Root(&JsonPointer::root()), 0)?;
    // Copied schemas join the document's components.
    if !r.new_schemas.is_empty() {
        let schemas = schemas_of(doc)?;
        for (name, schema) in r.new_schemas.drain(..) {
            schemas.insert(name, schema);
        }
    }
    hoist_local(doc, &mut r.bundle)?;
    Ok(r.bundle)
}

/// The file a value comes from: `None` for the main document.
struct Ctx {
    file: Option<usize>,
    dir: Option<PathBuf>,
    /// Whether the main document has a path (file references are allowed).
    main_known: bool,
}

struct Resolver<'r, 'a> {
    bundle: Bundle,
    /// Parsed referenced files, by index into `bundle.files`.
    docs: Vec<Value>,
    /// `(file, pointer) -> component name` for every schema copied in.
    imported: Vec<((usize, JsonPointer), String)>,
    read: &'a mut Reader<'r>,
    /// Components to add (or, for a component that was only a file
    /// reference, to replace) once the walk is done.
    new_schemas: Vec<(String, Value)>,
    /// The main document's component names.
    taken: Vec<String>,
    /// `(file, pointer) -> name` for schemas that a component of that name is
    /// only a reference to.
    reserved: Vec<((usize, JsonPointer), String)>,
}

impl Resolver<'_, '_> {
    /// Walk `v` (from the file in `ctx`), resolving file references; in a
    /// referenced file, its own `#...` pointers are references into it too.
    fn rewrite(&mut self, v: &mut Value, ctx: &Ctx, in_schema: bool, crumb: &Crumb<'_>, depth: usize) -> Result<()> {
        if depth > MAX_DEPTH {
            return Err(Error::spec(crumb.pointer(), "references nest deeper than 64 files"));
        }
        match v {
            Value::Object(map) => {
                if let Some(reference) = map.get("$ref") {
                    let at = &crumb.pointer();
                    let Some(reference) = reference.as_str() else {
                        return Err(Error::spec(at, format!("`$ref` must be a string, not {reference}")));
                    };
                    if let Some(target) = self.target(reference, ctx, at)? {
                        if in_schema {
                            let name = self.import_schema(target, depth, at)?;
                            map.insert("$ref".into(), Value::String(JsonPointer::component_schema(&name).into()));
                        } else {
                            // Not a schema: the object itself takes the referred one's place.
                            let (file, pointer) = target;
                            let mut copy = self.lookup(file, &pointer, at)?.clone();
                            let file_ctx = self.ctx_of(file);
                            self.rewrite(&mut copy, &file_ctx, false, crumb, depth + 1)?;
                            *v = copy;
                            return Ok(());
                        }
                    }
                }
                let Value::Object(map) = v else { return Ok(()) };
                let schemas = crumb.is(&["components", "schemas"]);
                let components = crumb.is(&["components"]);
                for (key, value) in map.iter_mut() {
                    // Examples and extensions are data: a `$ref` there is not a reference.
                    if is_data(key) {
                        continue;
                    }
                    let schema_here = in_schema || key == "schema" || (components && key == "schemas") || schemas;
                    let child = Crumb::Key(crumb, key);
                    self.rewrite(value, ctx, schema_here, &child, depth)?;
                }
                Ok(())
            }
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    self.rewrite(item, ctx, in_schema, &Crumb::Index(crumb, i), depth)?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Where a reference points, for the references this walk resolves:
    /// `(file, pointer)`. `None` for a `#...` pointer in the main document,
    /// which [`hoist_local`] handles once the files are in.
    fn target(&mut self, reference: &str, ctx: &Ctx, at: &JsonPointer) -> Result<Option<(usize, JsonPointer)>> {
        if reference.contains("://") {
            return Err(Error::spec(
                at,
                format!(
                    "`$ref: {reference}` is a network address: a build script must not fetch, so download the file next to the spec and refer to it by path"
                ),
            ));
        }
        let (path, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        if path.is_empty() && ctx.file.is_none() {
            return Ok(None);
        }
        let pointer = JsonPointer::parse(&format!("#{fragment}")).map_err(|e| Error::spec(at, format!("`$ref: {reference}`: {e}")))?;
        if path.is_empty() {
            return Ok(ctx.file.map(|file| (file, pointer)));
        }
        let Some(dir) = ctx.dir.as_ref().filter(|_| ctx.main_known || ctx.file.is_some()) else {
            return Err(Error::spec(at, format!("`$ref: {reference}` refers to a file, which needs the spec's own path (Config::generate)")));
        };
        let file = self.load(&dir.join(path), at)?;
        Ok(Some((file, pointer)))
    }

    /// Read and parse a file once; its index in `bundle.files`.
    fn load(&mut self, path: &Path, at: &JsonPointer) -> Result<usize> {
        let path = normalize_path(path);
        if let Some(i) = self.bundle.files.iter().position(|(p, _)| *p == path) {
            return Ok(i);
        }
        let text = (self.read)(&path).map_err(|e| Error::spec(at, format!("cannot read the referenced file {}: {e}", path.display())))?;
        let value = crate::load::parse(&text).map_err(|e| crate::load::locate(e, &path, &text))?;
        self.bundle.files.push((path, text));
        self.docs.push(value);
        Ok(self.docs.len() - 1)
    }

    fn ctx_of(&self, file: usize) -> Ctx {
        Ctx { file: Some(file), dir: self.bundle.files[file].0.parent().map(Path::to_path_buf), main_known: true }
    }

    fn lookup(&self, file: usize, pointer: &JsonPointer, at: &JsonPointer) -> Result<&Value> {
        self.docs[file]
            .pointer(pointer.as_json_pointer())
            .ok_or_else(|| Error::spec(at, format!("unresolved $ref: {} has nothing at {pointer}", self.bundle.files[file].0.display())))
    }

    /// Copy the schema at `(file, pointer)` into a component, once; its name.
    fn import_schema(&mut self, (file, pointer): (usize, JsonPointer), depth: usize, at: &JsonPointer) -> Result<String> {
        if let Some((_, name)) = self.imported.iter().find(|(key, _)| key.0 == file && key.1 == pointer) {
            return Ok(name.clone());
        }
        let mut schema = self.lookup(file, &pointer, at)?.clone();
        let stem = self.bundle.files[file].0.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let segments: Vec<String> = pointer.segments().map(Into::into).collect();
        let base = match segments.last() {
            Some(last) if segments.len() >= 2 && matches!(segments[segments.len() - 2].as_str(), "schemas" | "definitions" | "$defs") => last.clone(),
            Some(_) => format!("{stem}_{}", place_name(&segments)),
            None => stem,
        };
        let reserved = self.reserved.iter().find(|(key, _)| key.0 == file && key.1 == pointer).map(|(_, name)| name.clone());
        let name = match reserved {
            Some(reserved) => reserved,
            None => unused_name(&base, |n| self.taken.iter().any(|m| m == n) || self.imported.iter().any(|(_, m)| m == n)),
        };
        // Claimed before its own references are followed, so a cycle ends here.
        self.imported.push(((file, pointer.clone()), name.clone()));
        let root = JsonPointer::component_schema(&name);
        self.bundle.origins.push((root.clone(), Some(file), pointer));
        let ctx = self.ctx_of(file);
        self.rewrite(&mut schema, &ctx, true, &Crumb::Root(&root), depth + 1)?;
        self.new_schemas.push((name.clone(), schema));
        Ok(name)
    }
}

/// Where the walk is: a chain of keys on the stack, spelled out as a pointer
/// only when one is needed (a reference found, an error), so that walking a
/// large document allocates nothing per node.
enum Crumb<'p> {
    /// The pointer the walk started at.
    Root(&'p JsonPointer),
    Key(&'p Crumb<'p>, &'p str),
    Index(&'p Crumb<'p>, usize),
}

impl Crumb<'_> {
    fn pointer(&self) -> JsonPointer {
        match self {
            Crumb::Root(base) => (*base).clone(),
            Crumb::Key(parent, key) => parent.pointer().join(key),
            Crumb::Index(parent, i) => parent.pointer().join(i),
        }
    }

    /// Whether this is `#/<segments...>` of the main document.
    fn is(&self, segments: &[&str]) -> bool {
        match (self, segments.split_last()) {
            (Crumb::Root(base), None) => base.is_root(),
            (Crumb::Key(parent, key), Some((last, rest))) => key == last && parent.is(rest),
            _ => false,
        }
    }
}

/// `base`, or `base_2`, `base_3`, ...: the first that `taken` does not hold.
fn unused_name(base: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut name = base.to_owned();
    let mut k = 2;
    while taken(&name) {
        name = format!("{base}_{k}");
        k += 1;
    }
    name
}

/// `a/./b/../c` as `a/c`, without touching the file system.
fn normalize_path(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// A name for a schema from its place: the segments that say something,
/// joined (`Tag/allOf/0` → `Tag_allOf_0`).
fn place_name(segments: &[String]) -> String {
    let parts: Vec<&str> = segments
        .iter()
        .map(String::as_str)
        .filter(|s| !matches!(*s, "components" | "schemas" | "properties" | "paths" | "content" | "schema" | "definitions" | "$defs"))
        .collect();
    let name = parts.join("_");
    let name: String = name.chars().map(|c| if c.is_alphanumeric() { c } else { '_' }).collect();
    let name = name.trim_matches('_').to_owned();
    if name.is_empty() {
        "Schema".to_owned()
    } else {
        name
    }
}

/// `components/schemas` of a document, made if missing.
fn schemas_of(doc: &mut Value) -> Result<&mut Map<String, Value>> {
    let root = doc.as_object_mut().ok_or_else(|| Error::spec("#", "the document is not an object"))?;
    let components = root.entry("components").or_insert_with(|| Value::Object(Map::new()));
    let components = components.as_object_mut().ok_or_else(|| Error::spec("#/components", "`components` is not an object"))?;
    let schemas = components.entry("schemas").or_insert_with(|| Value::Object(Map::new()));
    schemas.as_object_mut().ok_or_else(|| Error::spec("#/components/schemas", "`components/schemas` is not an object"))
}

/// Move every schema that a `#...` pointer reaches, other than a component
/// itself, into a component of its own, deepest first (so a pointer into a
/// schema that moves later still finds its place).
fn hoist_local(doc: &mut Value, bundle: &mut Bundle) -> Result<()> {
    let mut targets: Vec<String> = Vec::new();
    collect_local(doc, &mut targets);
    // A malformed pointer is left for the model to report.
    let mut targets: Vec<(String, JsonPointer)> =
        targets.into_iter().filter_map(|t| JsonPointer::parse(&t).ok().map(|p| (t, p))).filter(|(_, p)| !is_component(p)).collect();
    targets.sort_by_key(|(_, p)| std::cmp::Reverse(p.depth()));
    targets.dedup_by(|a, b| a.0 == b.0);
    for (target, pointer) in targets {
        let segments: Vec<String> = pointer.segments().map(Into::into).collect();
        let schema_place =
            segments.first().is_some_and(|s| s == "components") && segments.get(1).is_some_and(|s| s == "schemas") || segments.iter().any(|s| s == "schema");
        if !schema_place {
            continue;
        }
        let Some(found) = doc.pointer_mut(pointer.as_json_pointer()) else { continue };
        if !found.is_object() {
            continue;
        }
        let taken: Vec<String> = doc.pointer("/components/schemas").and_then(Value::as_object).map(|m| m.keys().cloned().collect()).unwrap_or_default();
        let name = unused_name(&place_name(&segments), |n| taken.iter().any(|m| m == n));
        let new_ref = JsonPointer::component_schema(&name);
        let Some(found) = doc.pointer_mut(pointer.as_json_pointer()) else { continue };
        let schema = std::mem::replace(found, serde_json::json!({ "$ref": new_ref.as_str() }));
        schemas_of(doc)?.insert(name, schema);
        replace_refs(doc, &target, new_ref.as_str());
        bundle.origins.push((new_ref, None, pointer));
    }
    Ok(())
}

/// `#/components/schemas/<name>`, a component itself.
fn is_component(pointer: &JsonPointer) -> bool {
    pointer.depth() == 3 && pointer.parent().is_some_and(|p| p.is(&["components", "schemas"]))
}

/// Keys whose values are data, not spec: examples and extensions.
fn is_data(key: &str) -> bool {
    key == "example" || key == "examples" || key.starts_with("x-")
}

fn collect_local(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                if r.starts_with("#/") {
                    out.push(r.clone());
                }
            }
            map.iter().filter(|(k, _)| !is_data(k)).for_each(|(_, v)| collect_local(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_local(v, out)),
        _ => {}
    }
}

fn replace_refs(v: &mut Value, from: &str, to: &str) {
    match v {
        Value::Object(map) => {
            if map.get("$ref").and_then(Value::as_str) == Some(from) {
                map.insert("$ref".into(), Value::String(to.to_owned()));
            }
            map.iter_mut().filter(|(k, _)| !is_data(k)).for_each(|(_, v)| replace_refs(v, from, to));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| replace_refs(v, from, to)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn no_files(_: &Path) -> std::io::Result<String> {
        Err(std::io::Error::new(std::io::ErrorKind::NotFound, "no files here"))
    }

    #[test]
    fn a_pointer_into_a_schema_moves_it_to_a_component_of_its_own() {
        let mut doc = json!({"components": {"schemas": {
            "Tag": {"allOf": [{"type": "object", "properties": {"id": {"type": "string"}}}, {"type": "object"}]},
            "Use": {"$ref": "#/components/schemas/Tag/allOf/0"},
            "Deep": {"$ref": "#/components/schemas/Tag/allOf/0/properties/id"},
        }}});
        resolve(&mut doc, None, &mut no_files).unwrap();
        let schemas = &doc["components"]["schemas"];
        assert_eq!(schemas["Use"], json!({"$ref": "#/components/schemas/Tag_allOf_0"}));
        assert_eq!(schemas["Tag"]["allOf"][0], json!({"$ref": "#/components/schemas/Tag_allOf_0"}));
        // The deeper one moved first; the schema that holds it then moved whole.
        assert_eq!(schemas["Deep"], json!({"$ref": "#/components/schemas/Tag_allOf_0_id"}));
        assert_eq!(schemas["Tag_allOf_0"]["properties"]["id"], json!({"$ref": "#/components/schemas/Tag_allOf_0_id"}));
        assert_eq!(schemas["Tag_allOf_0_id"], json!({"type": "string"}));
    }

    #[test]
    fn escapes_and_references_to_nothing() {
        let mut doc = json!({"components": {"schemas": {
            "a/b": {"type": "object", "properties": {"x~y": {"type": "integer"}}},
            "Use": {"$ref": "#/components/schemas/a~1b/properties/x~0y"},
            "Gone": {"$ref": "#/components/schemas/Nope/properties/x"},
        }}});
        resolve(&mut doc, None, &mut no_files).unwrap();
        let schemas = &doc["components"]["schemas"];
        assert_eq!(schemas["a_b_x_y"], json!({"type": "integer"}));
        assert_eq!(schemas["Use"], json!({"$ref": "#/components/schemas/a_b_x_y"}));
        // Left for the model to report, with its pointer.
        assert_eq!(schemas["Gone"], json!({"$ref": "#/components/schemas/Nope/properties/x"}));
    }

    #[test]
    fn a_ref_in_an_example_or_extension_is_data() {
        let mut doc = json!({"components": {"schemas": {"A": {
            "type": "object",
            "example": {"$ref": 5},
            "x-origin": {"$ref": "#/components/schemas/A/properties/b"},
            "properties": {"b": {"type": "string"}},
        }}}});
        let before = doc.clone();
        resolve(&mut doc, None, &mut no_files).unwrap();
        assert_eq!(doc, before);
    }

    #[test]
    fn bad_references_are_errors_with_their_pointer() {
        let err = |doc: Value| resolve(&mut doc.clone(), Some(Path::new("spec/openapi.yaml")), &mut no_files).unwrap_err().to_string();
        assert_eq!(err(json!({"components": {"schemas": {"A": {"$ref": 5}}}})), "#/components/schemas/A: `$ref` must be a string, not 5");
        assert!(err(json!({"components": {"schemas": {"A": {"$ref": "https://example.com/a.yaml"}}}}))
            .starts_with("#/components/schemas/A: `$ref: https://example.com/a.yaml` is a network address: a build script must not fetch"));
        assert!(err(json!({"components": {"schemas": {"A": {"$ref": "a.yaml"}}}}))
            .starts_with("#/components/schemas/A: cannot read the referenced file spec/a.yaml"));
        let no_path = resolve(&mut json!({"components": {"schemas": {"A": {"$ref": "a.yaml"}}}}), None, &mut no_files).unwrap_err();
        assert!(no_path.to_string().contains("refers to a file, which needs the spec's own path"), "{no_path}");
    }

    /// A component that is only a file reference becomes the file's schema,
    /// under the component's name, wherever the walk first meets the file.
    #[test]
    fn a_component_that_is_only_a_file_reference_takes_its_name() {
        let files = |path: &Path| -> std::io::Result<String> {
            assert_eq!(path, Path::new("spec/pet.yaml"));
            Ok("type: object\nproperties:\n  name:\n    type: string\n".into())
        };
        let mut doc = json!({"components": {"schemas": {
            "List": {"type": "array", "items": {"$ref": "pet.yaml"}},
            "Pet": {"$ref": "pet.yaml"},
        }}});
        resolve(&mut doc, Some(Path::new("spec/openapi.yaml")), &mut { files }).unwrap();
        let schemas = &doc["components"]["schemas"];
        assert_eq!(schemas["List"]["items"], json!({"$ref": "#/components/schemas/Pet"}));
        assert_eq!(schemas["Pet"]["properties"]["name"], json!({"type": "string"}));
        assert_eq!(schemas.as_object().unwrap().len(), 2);
    }

    #[test]
    fn files_are_read_relative_to_the_file_that_refers_to_them() {
        let files = |path: &Path| -> std::io::Result<String> {
            Ok(match path.to_str().unwrap() {
                "spec/schemas/pet.yaml" => "type: object\nproperties:\n  owner:\n    $ref: './common.yaml#/components/schemas/Person'\n  tag:\n    $ref: '#/$defs/Tag'\n$defs:\n  Tag:\n    type: string\n".into(),
                "spec/schemas/common.yaml" => "components:\n  schemas:\n    Person:\n      type: object\n      properties:\n        pet:\n          $ref: 'pet.yaml'\n".into(),
                "spec/paths/pets.yaml" => "get:\n  operationId: listPets\n  responses:\n    '200':\n      description: ok\n      content:\n        application/json:\n          schema:\n            $ref: '../schemas/pet.yaml'\n".into(),
                other => return Err(std::io::Error::new(std::io::ErrorKind::NotFound, other.to_owned())),
            })
        };
        let mut doc = json!({
            "paths": {"/pets": {"$ref": "paths/pets.yaml"}},
            "components": {"schemas": {"Pets": {"type": "array", "items": {"$ref": "schemas/pet.yaml"}}}},
        });
        let bundle = resolve(&mut doc, Some(Path::new("spec/openapi.yaml")), &mut { files }).unwrap();
        let schemas = &doc["components"]["schemas"];
        // One component per file and pointer, however often it is reached.
        assert_eq!(schemas["Pets"]["items"], json!({"$ref": "#/components/schemas/pet"}));
        assert_eq!(doc["paths"]["/pets"]["get"]["responses"]["200"]["content"]["application/json"]["schema"], json!({"$ref": "#/components/schemas/pet"}));
        assert_eq!(schemas["pet"]["properties"]["owner"], json!({"$ref": "#/components/schemas/Person"}));
        assert_eq!(schemas["pet"]["properties"]["tag"], json!({"$ref": "#/components/schemas/Tag"}));
        assert_eq!(schemas["Person"]["properties"]["pet"], json!({"$ref": "#/components/schemas/pet"}));
        assert_eq!(schemas["Tag"], json!({"type": "string"}));
        let read: Vec<_> = bundle.files.iter().map(|(p, _)| p.display().to_string()).collect();
        assert_eq!(read, ["spec/paths/pets.yaml", "spec/schemas/pet.yaml", "spec/schemas/common.yaml"]);
        // An error inside a copied schema names its own file and pointer.
        let located = bundle.locate(Error::spec("#/components/schemas/Person/properties/pet", "bad"), Path::new("spec/openapi.yaml"), "");
        assert_eq!(located.to_string(), "spec/schemas/common.yaml:6: #/components/schemas/Person/properties/pet: bad");
    }
}
