//! Building the model ([`build()`]): the builder that walks a document's
//! schemas and operations into the type graph of `model` (its rules are in
//! the module docs there). `object`, `union`, `follow` and `operations` add
//! to the builder's methods.

use super::*;

/// Build the type graph of a (normalized) document. `reach` is what
/// [`Reach::of`] read in the whole document, which may since have been
/// pruned to a [`Slice`](super::features::Slice): names are claimed for all that `reach` lists, so
/// a type is named alike in every slice that has it.
pub fn build(spec: &OpenAPI, settings: &ModelSettings, reach: &Reach) -> Result<Model> {
    let empty = IndexMap::new();
    let schemas = spec.components.as_ref().map(|c| &c.schemas).unwrap_or(&empty);
    let mut b = Builder {
        spec,
        schemas,
        settings,
        types: Vec::new(),
        modules: Vec::new(),
        module_scope: Scope::new(Case::Module),
        root_scope: Scope::new(Case::Camel),
        components: HashMap::new(),
        nullable_memo: HashMap::new(),
        memo: HashMap::new(),
        building: HashMap::new(),
        depth: 0,
        named: HashMap::new(),
        fallbacks: Vec::new(),
        warnings: Vec::new(),
        operations_module: None,
        operation_keys: &reach.operation_keys,
        owners: IndexMap::new(),
        owner: None,
        local_names: HashMap::new(),
        used_settings: BTreeSet::new(),
    };
    b.module_scope.reserve("operations");
    b.module_scope.reserve("api");
    // Names are claimed in the order of the spec's names, not of the spec,
    // so that a collision goes the same way however the spec is ordered.
    let mut sorted: Vec<&String> = reach.schema_names.iter().chain(schemas.keys()).collect();
    sorted.sort();
    sorted.dedup();
    let mut names: HashMap<&str, (String, String)> =
        sorted.into_iter().map(|name| (name.as_str(), (b.module_scope.claim(name), b.root_scope.claim(name)))).collect();
    // Ids first, so that any reference resolves.
    for name in schemas.keys() {
        let pointer = JsonPointer::component_schema(name);
        let (module_name, type_name) = names.remove(name.as_str()).unwrap_or_default();
        let id = b.push_module_type(module_name, type_name, &pointer);
        b.components.insert(name.clone(), id);
    }
    for (name, schema) in schemas {
        let pointer = JsonPointer::component_schema(name);
        let id = b.components[name.as_str()];
        b.build(schema_ref(schema), &pointer, Slot::Named(id))?;
    }
    let (operations, operations_module) = if settings.operations { b.operations()? } else { (Vec::new(), None) };
    b.check_unused_names()?;
    b.check_unused_types()?;
    none_pending(&b.types)?;
    let mut model = Model {
        types: b.types,
        modules: b.modules,
        operations,
        operations_module,
        files: Vec::new(),
        fallbacks: b.fallbacks,
        warnings: b.warnings,
        features: Features::default(),
    };
    cycles::break_cycles(&mut model);
    union::plan(&mut model);
    // After cycles are broken: an alias may have become a newtype.
    model.files = operations::types_with_files(&model.types);
    model.features = features::features(&model, reach);
    Ok(model)
}

/// Every type handed out was finished: none is left [`Kind::Pending`].
/// One that is would be a bug in the builder, not in the spec.
pub(super) fn none_pending(types: &[TypeDef]) -> Result<()> {
    match types.iter().find(|t| matches!(t.kind, Kind::Pending)) {
        Some(t) => Err(Error::Internal(format!("type {} ({}) was never finished", t.name, t.pointer))),
        None => Ok(()),
    }
}

/// A schema or a reference to one, whichever container it came in.
#[derive(Clone, Copy)]
pub(super) enum SRef<'a> {
    Ref(&'a str),
    Item(&'a Schema),
}

pub(super) fn schema_ref(r: &ReferenceOr<Schema>) -> SRef<'_> {
    match r {
        ReferenceOr::Reference { reference } => SRef::Ref(reference),
        ReferenceOr::Item(s) => SRef::Item(s),
    }
}

pub(super) fn boxed_ref(r: &ReferenceOr<Box<Schema>>) -> SRef<'_> {
    match r {
        ReferenceOr::Reference { reference } => SRef::Ref(reference),
        ReferenceOr::Item(s) => SRef::Item(s),
    }
}

/// Where a built type goes.
#[derive(Clone)]
pub(super) enum Slot {
    /// A type whose id was given in advance (components, named inline schemas).
    Named(TypeId),
    /// A suggestion: module, preferred name, and the parent's name for collisions.
    Suggest { module: usize, name: String, parent: String },
}

/// A built schema: its type without nullability, and whether null is allowed.
#[derive(Clone, Debug)]
pub(super) struct Built {
    pub(super) ty: Ty,
    pub(super) nullable: bool,
}

pub(super) struct Builder<'a> {
    pub(super) spec: &'a OpenAPI,
    pub(super) schemas: &'a IndexMap<String, ReferenceOr<Schema>>,
    pub(super) settings: &'a ModelSettings,
    pub(super) types: Vec<TypeDef>,
    pub(super) modules: Vec<Module>,
    pub(super) module_scope: Scope,
    pub(super) root_scope: Scope,
    pub(super) components: HashMap<String, TypeId>,
    pub(super) nullable_memo: HashMap<String, bool>,
    /// Inline schemas already built, by pointer, so a schema reached twice
    /// (through allOf merges) is one type.
    pub(super) memo: HashMap<JsonPointer, Built>,
    /// Inline schemas whose type is being built, by pointer: one reached again
    /// while it is (an `allOf` that merges the component holding it, say) is
    /// that same type, a cycle like any other, not a new copy each time.
    pub(super) building: HashMap<JsonPointer, TypeId>,
    /// How deep `build` is: a bound on nesting, so that no spec overflows the stack.
    pub(super) depth: usize,
    /// Types made for `ModelSettings::names`, by pointer.
    pub(super) named: HashMap<JsonPointer, TypeId>,
    pub(super) fallbacks: Vec<Fallback>,
    pub(super) warnings: Vec<Warning>,
    /// The `operations` module, once made.
    pub(super) operations_module: Option<usize>,
    /// Every operation of the whole document ([`Reach::operation_keys`]),
    /// whose names are claimed whether or not it is built.
    pub(super) operation_keys: &'a [(String, String, String)],
    /// Who the `operations` module's inline types belong to
    /// (`model::operations`, Names), by the owner's pointer.
    pub(super) owners: IndexMap<String, Owner>,
    /// The owner whose inline types are being built: the `operations`
    /// module's types take its name in front.
    pub(super) owner: Option<usize>,
    /// An owned type's name without its owner's prefix, and the owner.
    pub(super) local_names: HashMap<TypeId, (usize, String)>,
    /// The extern types' pointers and the formats that some schema used, so
    /// that one that selects nothing is an error.
    pub(super) used_settings: BTreeSet<String>,
}

/// The sizes of what the builder has made, for [`Builder::rollback`].
pub(super) struct Checkpoint {
    pub(super) types: usize,
    pub(super) modules: usize,
    pub(super) owners: usize,
    pub(super) fallbacks: usize,
    pub(super) warnings: usize,
}

/// An operation, a shared component (response, request body or parameter),
/// or a path item (its parameters): the inline types it holds are named
/// `{prefix}{local}`, the local names unique within it.
pub(super) struct Owner {
    pub(super) prefix: String,
    pub(super) scope: Scope,
}

/// How deep schemas may nest (each level is a frame of `build`): far beyond
/// any real spec, well within a build script's stack.
pub(super) const MAX_DEPTH: usize = 200;

impl<'a> Builder<'a> {
    pub(super) fn check_unused_names(&self) -> Result<()> {
        for pointer in self.settings.names.keys() {
            if !self.types.iter().any(|t| &t.pointer == pointer) {
                return Err(Error::spec(
                    pointer.clone(),
                    "a name was configured for this pointer (Config::name_schema), but no inline schema that needs a type is there",
                ));
            }
        }
        Ok(())
    }

    /// Every `extern_type` pointer and `format_type` format selected a
    /// schema (in a slice, only the pointers are checked: `lib` leaves out
    /// those under what the slice leaves out).
    pub(super) fn check_unused_types(&self) -> Result<()> {
        for pointer in self.settings.extern_types.keys() {
            if !self.used_settings.contains(pointer) {
                return Err(Error::Config(format!("extern_type: no schema at {pointer}")));
            }
        }
        if self.settings.sliced {
            return Ok(());
        }
        for format in self.settings.format_types.keys() {
            if !self.used_settings.contains(&format!("format:{format}")) {
                return Err(Error::Config(format!("format_type: no string, integer or number schema has format {format:?}")));
            }
        }
        Ok(())
    }

    pub(super) fn new_module_type(&mut self, raw: &str, pointer: &JsonPointer) -> TypeId {
        let module_name = self.module_scope.claim(raw);
        let type_name = self.root_scope.claim(raw);
        self.push_module_type(module_name, type_name, pointer)
    }

    /// A type in a module of its own, under names already claimed.
    pub(super) fn push_module_type(&mut self, module_name: String, type_name: String, pointer: &JsonPointer) -> TypeId {
        let mut scope = Scope::new(Case::Camel);
        scope.reserve(&type_name);
        let id = self.types.len();
        self.types.push(TypeDef {
            name: type_name,
            module: self.modules.len(),
            pointer: pointer.to_string(),
            doc: None,
            deprecated: false,
            kind: Kind::Pending,
        });
        self.modules.push(Module { name: module_name, types: vec![id], main: Some(id), scope });
        id
    }

    pub(super) fn fallback(&mut self, pointer: &JsonPointer, reason: FallbackReason) {
        self.fallbacks.push(Fallback { pointer: pointer.to_string(), reason });
    }

    /// A flaw in the spec: `error` (the message it had before flaws were
    /// tolerated) with `ModelSettings::strict_spec`, else a warning, and the
    /// caller works around it.
    pub(super) fn flaw(&mut self, pointer: &JsonPointer, flaw: Flaw, error: impl FnOnce() -> Error) -> Result<()> {
        if self.settings.strict_spec {
            return Err(error());
        }
        self.warnings.push(Warning::new(pointer, flaw));
        Ok(())
    }

    /// What [`Builder::rollback`] goes back to.
    pub(super) fn checkpoint(&self) -> Checkpoint {
        Checkpoint {
            types: self.types.len(),
            modules: self.modules.len(),
            owners: self.owners.len(),
            fallbacks: self.fallbacks.len(),
            warnings: self.warnings.len(),
        }
    }

    /// Undo everything built since `at`, as if it had never been started:
    /// its types (finished or [`Kind::Pending`]) and their names, modules,
    /// owners, fallbacks and warnings. Types made before `at` are all
    /// finished, so none of them names a type dropped here.
    pub(super) fn rollback(&mut self, at: Checkpoint) {
        for id in (at.types..self.types.len()).rev() {
            let t = &self.types[id];
            if t.module < at.modules {
                self.modules[t.module].scope.release(&t.name);
                self.modules[t.module].types.retain(|&m| m != id);
            }
            if let Some((owner, local)) = self.local_names.remove(&id) {
                if owner < at.owners {
                    self.owners[owner].scope.release(&local);
                }
            }
        }
        for m in &self.modules[at.modules..] {
            self.module_scope.release(&m.name);
            for &id in &m.types {
                self.root_scope.release(&self.types[id].name);
            }
        }
        let kept = |ty: &Ty| {
            let mut named = Vec::new();
            ty.named_into(&mut named);
            named.iter().all(|&id| id < at.types)
        };
        self.memo.retain(|_, built| kept(&built.ty));
        self.building.retain(|_, id| *id < at.types);
        self.named.retain(|_, id| *id < at.types);
        self.types.truncate(at.types);
        self.modules.truncate(at.modules);
        self.owners.truncate(at.owners);
        self.fallbacks.truncate(at.fallbacks);
        self.warnings.truncate(at.warnings);
    }

    /// The id for a slot, allocating a type for a suggestion.
    pub(super) fn alloc(&mut self, slot: &Slot, pointer: &JsonPointer) -> TypeId {
        let id = self.alloc_id(slot, pointer);
        self.building.entry(pointer.clone()).or_insert(id);
        id
    }

    pub(super) fn alloc_id(&mut self, slot: &Slot, pointer: &JsonPointer) -> TypeId {
        match slot {
            Slot::Named(id) => *id,
            Slot::Suggest { module, name, parent } => {
                if let Some(custom) = self.settings.names.get(pointer.as_str()) {
                    if let Some(&id) = self.named.get(pointer) {
                        return id;
                    }
                    let id = self.new_module_type(custom, pointer);
                    self.named.insert(pointer.clone(), id);
                    return id;
                }
                let owner = self.owner.filter(|_| self.operations_module == Some(*module));
                let id = self.types.len();
                let chosen = match owner {
                    Some(owner) => {
                        let (full, local) = self.owned_name(owner, *module, name, parent);
                        self.local_names.insert(id, (owner, local));
                        full
                    }
                    None => {
                        let scope = &mut self.modules[*module].scope;
                        let preferred = naming::type_name(name);
                        if !scope.is_taken(&preferred) {
                            scope.claim(&preferred)
                        } else {
                            scope.claim(&format!("{}{}", parent, preferred))
                        }
                    }
                };
                self.types.push(TypeDef { name: chosen, module: *module, pointer: pointer.to_string(), doc: None, deprecated: false, kind: Kind::Pending });
                self.modules[*module].types.push(id);
                id
            }
        }
    }

    pub(super) fn finish(&mut self, id: TypeId, kind: Kind, data: &SchemaData) -> Ty {
        let def = &mut self.types[id];
        def.kind = kind;
        if def.doc.is_none() {
            def.doc = data.description.clone();
        }
        def.deprecated |= data.deprecated;
        Ty::Named(id)
    }

    /// A type that is not a definition of its own; for a named slot it becomes an alias.
    pub(super) fn plain(&mut self, slot: &Slot, ty: Ty, data: &SchemaData) -> Ty {
        match slot {
            Slot::Named(id) => self.finish(*id, Kind::Alias(ty), data),
            Slot::Suggest { .. } => ty,
        }
    }

    pub(super) fn build(&mut self, r: SRef<'a>, pointer: &JsonPointer, slot: Slot) -> Result<Built> {
        let schema = match r {
            SRef::Ref(reference) => {
                let (name, _) = self.component(reference, pointer)?;
                let target = self.components[name];
                let nullable = self.nullable(r, 0);
                // A reference to a schema the user replaced is the user's type.
                let to = match self.settings.extern_types.get(JsonPointer::component_schema(name).as_str()) {
                    Some(path) => Ty::Extern(path.clone()),
                    None => Ty::Named(target),
                };
                let ty = match slot {
                    Slot::Named(id) if id != target => self.finish(id, Kind::Alias(to), &SchemaData::default()),
                    Slot::Named(_) => {
                        return Err(Error::spec(pointer, "a schema that is only a reference to itself"));
                    }
                    Slot::Suggest { .. } => to,
                };
                return Ok(Built { ty, nullable });
            }
            SRef::Item(schema) => schema,
        };
        if let Slot::Suggest { .. } = slot {
            if let Some(built) = self.memo.get(pointer) {
                return Ok(built.clone());
            }
            if let Some(&id) = self.building.get(pointer) {
                return Ok(Built { ty: Ty::Named(id), nullable: false });
            }
        }
        if self.depth >= MAX_DEPTH {
            return Err(Error::spec(pointer, format!("schemas nest more than {MAX_DEPTH} levels deep here")));
        }
        self.depth += 1;
        let built = match self.user_type(schema, pointer) {
            // Not generated: an alias to the user's type where a type is named.
            Some(ty) => Ok(Built { ty: self.plain(&slot, ty, &schema.schema_data), nullable: false }),
            None => self.build_schema(schema, pointer, &slot),
        };
        self.depth -= 1;
        self.building.remove(pointer);
        let built = built?;
        let built = Built { nullable: built.nullable || schema.schema_data.nullable, ..built };
        self.memo.insert(pointer.clone(), built.clone());
        Ok(built)
    }

    /// The user's type for this schema, if a setting gives one: its
    /// pointer's (`Config::extern_type`), else its format's
    /// (`Config::format_type`).
    pub(super) fn user_type(&mut self, schema: &Schema, pointer: &JsonPointer) -> Option<Ty> {
        if let Some(path) = self.settings.extern_types.get(pointer.as_str()) {
            self.used_settings.insert(pointer.to_string());
            return Some(Ty::Extern(path.clone()));
        }
        if self.settings.format_types.is_empty() {
            return None;
        }
        let format = crate::schema::scalar_format(schema)?;
        let path = self.settings.format_types.get(&format)?;
        let ty = Ty::Extern(path.clone());
        self.used_settings.insert(format!("format:{format}"));
        Some(ty)
    }

    pub(super) fn build_schema(&mut self, schema: &'a Schema, pointer: &JsonPointer, slot: &Slot) -> Result<Built> {
        let view = View::of(schema);
        let data = view.data;
        let not_null = |ty| Ok(Built { ty, nullable: false });
        if view.union_beside_properties {
            // Properties beside a union: each arm is the shared properties plus its own.
            self.fallback(pointer, FallbackReason::PropertiesBesideUnion);
        }
        match view.form {
            Form::Null => Ok(Built { ty: self.plain(slot, Ty::Unit, data), nullable: true }),
            Form::String { values, nullable, binary } => {
                let values = values.strings();
                let ty = if values.is_empty() {
                    self.plain(slot, if binary { Ty::File } else { Ty::String }, data)
                } else {
                    let id = self.alloc(slot, pointer);
                    self.finish(id, string_enum(values.into_iter().map(|v| (v.to_owned(), None))), data)
                };
                Ok(Built { ty, nullable })
            }
            Form::Integer { values, nullable, width } => {
                let values = values.integers();
                if values.is_empty() {
                    let ty = match width {
                        Width::I64 => Ty::I64,
                        Width::I32 => Ty::I32,
                        Width::U32 => Ty::U32,
                        Width::U64 => Ty::U64,
                    };
                    return not_null(self.plain(slot, ty, data));
                }
                let id = self.alloc(slot, pointer);
                let ty = self.finish(id, int_enum(values.into_iter().map(|v| (v, None, None))), data);
                Ok(Built { ty, nullable })
            }
            Form::Number => not_null(self.plain(slot, Ty::F64, data)),
            Form::Boolean => not_null(self.plain(slot, Ty::Bool, data)),
            Form::Array { items } => {
                let ty = self.array(items.map(boxed_ref), pointer, slot)?;
                not_null(self.plain(slot, ty, data))
            }
            Form::Object(object) => {
                let mut parts = ObjectParts::default();
                let (module, parent) = self.naming_context(slot, pointer);
                self.add_properties(&mut parts, object, pointer, module, &parent);
                not_null(self.object(parts, data, pointer, slot)?)
            }
            Form::AllOf { arms, own } => self.all_of(arms, data, pointer, slot, own),
            Form::Union { word, arms } => self.union(arms, word, data, pointer, slot),
            Form::Enum(values) => {
                let nullable = values.iter().any(|v| v.is_null());
                if values.iter().all(|v| v.is_string() || v.is_null()) {
                    let id = self.alloc(slot, pointer);
                    let kind = string_enum(values.iter().filter_map(|v| v.as_str()).map(|v| (v.to_owned(), None)));
                    return Ok(Built { ty: self.finish(id, kind, data), nullable });
                }
                if values.iter().all(|v| v.is_i64() || v.is_null()) {
                    let id = self.alloc(slot, pointer);
                    let kind = int_enum(values.iter().filter_map(|v| v.as_i64()).map(|v| (v, None, None)));
                    return Ok(Built { ty: self.finish(id, kind, data), nullable });
                }
                self.fallback(pointer, FallbackReason::MixedEnum);
                Ok(Built { ty: self.plain(slot, Ty::Value, data), nullable })
            }
            Form::Not => {
                self.fallback(pointer, FallbackReason::Not);
                not_null(self.plain(slot, Ty::Value, data))
            }
            Form::Constraints { .. } | Form::Untyped => {
                self.fallback(pointer, FallbackReason::NoType);
                not_null(self.plain(slot, Ty::Value, data))
            }
            Form::BadType(other) => {
                let message = || Error::spec(pointer, format!("unknown type {other:?}: expected one of string, integer, number, boolean, array, object, null"));
                self.flaw(pointer, Flaw::UnknownType { written: other.to_string() }, message)?;
                self.fallback(pointer, FallbackReason::UnknownType);
                not_null(self.plain(slot, Ty::Value, data))
            }
        }
    }

    /// Module and parent name for a schema's inline parts.
    pub(super) fn naming_context(&mut self, slot: &Slot, pointer: &JsonPointer) -> (usize, String) {
        match slot {
            Slot::Named(id) => (self.types[*id].module, self.types[*id].name.clone()),
            Slot::Suggest { module, name, .. } => {
                if self.settings.names.contains_key(pointer.as_str()) {
                    // A named schema gets a module of its own, and its parts go there.
                    let id = self.alloc(slot, pointer);
                    return (self.types[id].module, self.types[id].name.clone());
                }
                // An owner's own schema has no local name (`model::operations`, Names).
                (*module, if name.is_empty() { String::new() } else { naming::type_name(name) })
            }
        }
    }

    pub(super) fn array(&mut self, items: Option<SRef<'a>>, pointer: &JsonPointer, slot: &Slot) -> Result<Ty> {
        let Some(items) = items else {
            self.fallback(pointer, FallbackReason::ArrayWithoutItems);
            return Ok(Ty::Vec(Box::new(Ty::Value)));
        };
        let (module, parent) = self.naming_context(slot, pointer);
        let item_slot = Slot::Suggest { module, name: format!("{parent}Item"), parent: parent.clone() };
        let built = self.build(items, &pointer.join("items"), item_slot)?;
        let ty = if built.nullable { built.ty.option() } else { built.ty };
        Ok(Ty::Vec(Box::new(ty)))
    }
}

/// Keep the first of values listed more than once (`enum: [a, b, a]`): one
/// variant each, or the reader's `match` has an unreachable arm. A later
/// listing's description fills in a missing one.
pub(super) fn dedup<V: PartialEq, T>(values: impl Iterator<Item = (V, T, Option<String>)>) -> Vec<(V, T, Option<String>)> {
    let mut out: Vec<(V, T, Option<String>)> = Vec::new();
    for (value, extra, doc) in values {
        match out.iter_mut().find(|(seen, _, _)| *seen == value) {
            Some((_, _, seen_doc)) => {
                if seen_doc.is_none() {
                    *seen_doc = doc;
                }
            }
            None => out.push((value, extra, doc)),
        }
    }
    out
}

pub(super) fn string_enum(values: impl Iterator<Item = (String, Option<String>)>) -> Kind {
    let mut scope = Scope::new(Case::Variant);
    let other = scope.claim("Other");
    let (raws, docs): (Vec<String>, Vec<Option<String>>) =
        dedup(values.map(|(value, doc)| (value, (), doc))).into_iter().map(|(value, (), doc)| (value, doc)).unzip();
    let names = scope.claim_all(raws.iter().map(String::as_str));
    let values = raws.into_iter().zip(names).zip(docs).map(|((value, name), doc)| EnumValue { name, value, doc }).collect();
    Kind::StringEnum { values, other }
}

pub(super) fn int_enum(values: impl Iterator<Item = (i64, Option<String>, Option<String>)>) -> Kind {
    let mut scope = Scope::new(Case::Variant);
    let other = scope.claim("Other");
    let values: Vec<_> = dedup(values);
    let raws: Vec<String> = values.iter().map(|(v, title, _)| title.clone().unwrap_or_else(|| format!("V{v}").replace('-', "Minus"))).collect();
    let names = scope.claim_all(raws.iter().map(String::as_str));
    let values = values.into_iter().zip(names).map(|((v, _, doc), name)| (v, name, doc)).collect();
    Kind::IntEnum { values, other }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn def(name: &str, kind: Kind) -> TypeDef {
        TypeDef { name: name.into(), module: 0, pointer: format!("#/components/schemas/{name}"), doc: None, deprecated: false, kind }
    }

    #[test]
    pub(super) fn a_type_left_pending_is_an_internal_error() {
        assert!(none_pending(&[def("A", Kind::Alias(Ty::String))]).is_ok());
        let err = none_pending(&[def("A", Kind::Alias(Ty::String)), def("B", Kind::Pending)]).unwrap_err();
        assert_eq!(err.to_string(), "internal generator error (please report): type B (#/components/schemas/B) was never finished");
    }
}
