//! Unions: `oneOf`/`anyOf` → `Option`, open enums, tagged or untagged enums
//! (the rules are listed in order at the top of `model`).

use super::*;

/// A union arm: its index, the arm as written, the view of the schema it
/// resolves to, and the component it names, if any.
type Resolved<'a> = (usize, SRef<'a>, View<'a>, Option<&'a str>);

/// The scalar type of rule 2.
#[derive(Clone, Copy, PartialEq)]
enum Scalar {
    String,
    Integer,
}

/// A tagged arm's tag values, and whether the arm declares the tag property.
type ArmTag = (Vec<String>, bool);

impl<'a> Builder<'a> {
    pub(super) fn union(&mut self, arms: &'a [ReferenceOr<Schema>], word: &str, data: &SchemaData, pointer: &JsonPointer, slot: &Slot) -> Result<Built> {
        let arm_pointer = |i: usize| pointer.join(word).join(i);
        let live: Vec<(usize, SRef<'a>)> = arms.iter().map(schema_ref).enumerate().filter(|(_, a)| !self.is_null(*a)).collect();
        let had_null = live.len() < arms.len();
        if live.is_empty() {
            return Ok(Built { ty: self.plain(slot, Ty::Unit, data), nullable: true });
        }
        if live.len() == 1 {
            let (i, arm) = live[0];
            // A name configured for the property names the schema inside it.
            let slot = &match slot {
                Slot::Suggest { .. } if self.settings.names.contains_key(pointer.as_str()) => Slot::Named(self.alloc(slot, pointer)),
                other => other.clone(),
            };
            let built = self.build(arm, &arm_pointer(i), slot.clone())?;
            if let Slot::Named(id) = slot {
                if self.types[*id].doc.is_none() {
                    self.types[*id].doc = data.description.clone().or_else(|| self.description(arm, pointer));
                }
                self.types[*id].deprecated |= data.deprecated;
            }
            return Ok(Built { ty: built.ty, nullable: true });
        }
        let mut resolved = Vec::new();
        for (i, arm) in &live {
            let (view, name) = self.resolve(*arm, &arm_pointer(*i))?;
            resolved.push((*i, *arm, view, name));
        }
        // Rule 2: all strings, or all integers.
        if let Some(values) = self.scalar_values(&resolved, Scalar::String, 0) {
            let ty = if values.is_empty() {
                self.plain(slot, Ty::String, data)
            } else {
                let id = self.alloc(slot, pointer);
                let kind = string_enum(values.into_iter().map(|(v, d)| (v.as_str().unwrap_or_default().to_owned(), d)));
                self.finish(id, kind, data)
            };
            return Ok(Built { ty, nullable: had_null });
        }
        if let Some(values) = self.scalar_values(&resolved, Scalar::Integer, 0) {
            let ty = if values.is_empty() {
                self.plain(slot, Ty::I64, data)
            } else {
                let titles: Vec<Option<String>> = resolved.iter().map(|(_, _, v, _)| v.data.title.clone()).collect();
                let single_titles = resolved.len() == values.len();
                let id = self.alloc(slot, pointer);
                let kind = int_enum(
                    values.into_iter().enumerate().map(|(k, (v, d))| (v.as_i64().unwrap_or_default(), if single_titles { titles[k].clone() } else { None }, d)),
                );
                self.finish(id, kind, data)
            };
            return Ok(Built { ty, nullable: had_null });
        }
        let id = self.alloc(slot, pointer);
        let module = self.types[id].module;
        let union_name = self.types[id].name.clone();
        // Rule 3: tagged.
        if let Some((property, tags)) = self.find_tag(&resolved, data, &pointer.join(word))? {
            let mut scope = Scope::new(Case::Variant);
            let unknown = scope.claim("Unknown");
            let mut variants = Vec::new();
            for ((i, arm, view, comp), (tags, carries_tag)) in resolved.iter().zip(tags) {
                let hint = view.data.title.clone().or(comp.map(str::to_owned)).unwrap_or_else(|| tags[0].clone());
                let vname = scope.claim(comp.unwrap_or(&hint));
                let arm_slot = Slot::Suggest { module, name: hint, parent: union_name.clone() };
                let built = self.build(*arm, &arm_pointer(*i), arm_slot)?;
                variants.push(Variant { name: vname, ty: built.ty, tags, carries_tag });
            }
            let ty = self.finish(id, Kind::Tagged { property, variants, unknown, groups: vec![] }, data);
            return Ok(Built { ty, nullable: had_null });
        }
        // Rule 4: untagged.
        let mut scope = Scope::new(Case::Variant);
        let unknown = scope.claim("Unknown");
        let mut variants = Vec::new();
        for (k, (i, arm, view, comp)) in resolved.iter().enumerate() {
            let hint = self.untagged_hint(*comp, view, k);
            let vname = scope.claim(&hint);
            let arm_slot = Slot::Suggest { module, name: hint, parent: union_name.clone() };
            let built = self.build(*arm, &arm_pointer(*i), arm_slot)?;
            let ty = if built.nullable { built.ty.option() } else { built.ty };
            variants.push(Variant { name: vname, ty, tags: vec![], carries_tag: false });
        }
        let ty = self.finish(id, Kind::Untagged { variants, unknown, plan: UntaggedPlan::default() }, data);
        Ok(Built { ty, nullable: had_null })
    }

    fn untagged_hint(&self, comp: Option<&str>, view: &View<'a>, k: usize) -> String {
        if let Some(c) = comp {
            return naming::type_name(c);
        }
        if let Some(t) = &view.data.title {
            return naming::type_name(t);
        }
        // Named after its `type`; an object only in the fixed form, without properties.
        let kind = match view.typ {
            Some("string") => "String",
            Some("integer") => "Integer",
            Some("number") => "Number",
            Some("boolean") => "Boolean",
            Some("array") => "Array",
            Some("object") if !view.mixed && !view.has_properties() => "Object",
            _ => "",
        };
        if kind.is_empty() {
            format!("Variant{}", k + 1)
        } else {
            kind.to_owned()
        }
    }

    /// Rule 3: if the union is tagged, the tag property and, for each arm, its
    /// tag values and whether the arm declares the property itself (so that
    /// writing the arm writes the tag). `arms` is the pointer of the
    /// `oneOf`/`anyOf` list.
    fn find_tag(&self, resolved: &[Resolved<'a>], data: &SchemaData, arms: &JsonPointer) -> Result<Option<(String, Vec<ArmTag>)>> {
        // Every arm must be an object whose properties we can see.
        let mut arm_parts = Vec::new();
        for (i, arm, _, _) in resolved {
            let mut parts = ObjectParts::default();
            if !self.merge_into(&mut parts, *arm, &arms.join(i), 0, "", 0)? || parts.properties.is_empty() {
                return Ok(None);
            }
            arm_parts.push(parts);
        }
        let mut consts: Vec<IndexMap<String, String>> = Vec::new();
        for parts in &arm_parts {
            let mut c = IndexMap::new();
            for (name, (prop, p, _, _)) in &parts.properties {
                if let Some((value, _)) = self.constant(*prop, p)? {
                    c.insert(name.clone(), value);
                }
            }
            consts.push(c);
        }
        if let Some(d) = &data.discriminator {
            let mut tags = Vec::new();
            for (((_, arm, _, comp), c), parts) in resolved.iter().zip(&consts).zip(&arm_parts) {
                let mut values: Vec<String> = match arm {
                    SRef::Ref(r) => d.mapping.iter().filter(|(_, target)| target == r).map(|(k, _)| k.clone()).collect(),
                    SRef::Item(_) => vec![],
                };
                // No mapping: the values the arm's own tag property allows (its
                // constant, or every value of its enum), else the schema's name.
                if values.is_empty() {
                    if let Some(v) = c.get(&d.property_name) {
                        values.push(v.clone());
                    } else if let Some((prop, p, _, _)) = parts.properties.get(&d.property_name) {
                        values = self.string_values(*prop, p)?;
                    }
                }
                if values.is_empty() {
                    match comp {
                        Some(name) => values.push((*name).to_owned()),
                        None => return Ok(None),
                    }
                }
                tags.push((values, parts.properties.contains_key(&d.property_name)));
            }
            return Ok(Some((d.property_name.clone(), tags)));
        }
        let first = &consts[0];
        let mut candidates: Vec<&String> = first.keys().collect();
        candidates.sort_by_key(|n| match n.as_str() {
            "type" => 0,
            "object" => 1,
            "event" => 2,
            _ => 3,
        });
        for name in candidates {
            let values: Option<Vec<&String>> = consts.iter().map(|c| c.get(name)).collect();
            if let Some(values) = values {
                let mut seen = std::collections::HashSet::new();
                if values.iter().all(|v| seen.insert(*v)) {
                    // A constant in every arm: every arm writes the tag itself.
                    return Ok(Some((name.clone(), values.into_iter().map(|v| (vec![v.clone()], true)).collect())));
                }
            }
        }
        Ok(None)
    }
}

impl<'a> Builder<'a> {
    /// Rule 2: if every arm is a scalar of one JSON type, the listed values
    /// (with each one-value arm's description) in order; an empty list means
    /// "any value". An arm that is itself such a union counts with its values
    /// (`anyOf [$ref ModelIdsShared, enum [...]]` is one open enum).
    fn scalar_values(&self, resolved: &[Resolved<'a>], want: Scalar, depth: usize) -> Option<Vec<(serde_json::Value, Option<String>)>> {
        let (typ, of_type): (&str, fn(&serde_json::Value) -> bool) = match want {
            Scalar::String => ("string", serde_json::Value::is_string),
            Scalar::Integer => ("integer", serde_json::Value::is_i64),
        };
        let mut values: Vec<(serde_json::Value, Option<String>)> = Vec::new();
        for (_, _, view, _) in resolved {
            let arm_values: Vec<serde_json::Value> = match view.listed {
                Listed::Strings(listed) if want == Scalar::String => listed.iter().flatten().map(|v| serde_json::Value::from(v.as_str())).collect(),
                Listed::Integers(listed) if want == Scalar::Integer => listed.iter().flatten().map(|v| serde_json::Value::from(*v)).collect(),
                // A mixed schema of the type, with nothing that makes it an object or a composite.
                Listed::Json(listed) if view.typ == Some(typ) && !view.has_properties() && !view.unions && view.all_of.is_empty() => {
                    listed.iter().filter(|v| !v.is_null()).cloned().collect()
                }
                // An enum of the type's values, with no type.
                Listed::Json(listed) if view.typ.is_none() && !listed.is_empty() && !view.has_properties() && listed.iter().all(of_type) => listed.to_vec(),
                _ => match view.bare_union() {
                    Some(arms) if depth < 8 => {
                        let mut inner = Vec::new();
                        for (i, arm) in arms.iter().enumerate() {
                            let arm = schema_ref(arm);
                            if self.is_null(arm) {
                                continue;
                            }
                            let (view, name) = self.resolve(arm, &JsonPointer::root()).ok()?;
                            inner.push((i, arm, view, name));
                        }
                        self.scalar_values(&inner, want, depth + 1)?.into_iter().map(|(v, _)| v).collect()
                    }
                    _ => return None,
                },
            };
            let doc = if arm_values.len() == 1 { view.data.description.clone() } else { None };
            for v in arm_values {
                if !values.iter().any(|(seen, _)| *seen == v) {
                    values.push((v, doc.clone()));
                }
            }
        }
        Some(values)
    }
}

/// Decide how each union reads a body, once every type is built (the guards
/// look through aliases and at structs' properties):
/// - tagged: variants are grouped by tag value; a group of several (two
///   arms both tagged `message`) is ranked by shape at run time, the most
///   constant properties first on ties;
/// - untagged: struct arms are ranked at run time by what the object holds
///   (`__serde::rank`: arms whose constants disagree are out; arms with all
///   their required properties come first, most required first; then the
///   arms that name most of the object's keys), and so is an arm that is a
///   tagged union of structs, by each member's shape; other arms are tried in the
///   spec's order where the body is of their JSON kind; arms that take any
///   JSON go last; a body none accepts is kept in `Unknown`.
///
/// Tolerant reading accepts a struct arm whatever it lacks, so the choice
/// rests on what the body holds, never on which arm happens to accept it.
pub(super) fn plan(model: &mut Model) {
    for id in 0..model.types.len() {
        match &model.types[id].kind {
            Kind::Tagged { variants, .. } => {
                let groups = tag_groups(&model.types, variants);
                if let Kind::Tagged { groups: g, .. } = &mut model.types[id].kind {
                    *g = groups;
                }
            }
            Kind::Untagged { variants, .. } => {
                let mut plan = UntaggedPlan::default();
                for (i, v) in variants.iter().enumerate() {
                    if let Some(shape) = shape_of(&model.types, &v.ty) {
                        plan.shaped.push((i, shape));
                    } else if let Some(shapes) = member_shapes(&model.types, &v.ty) {
                        plan.shaped.extend(shapes.into_iter().map(|shape| (i, shape)));
                    } else if let Some(kinds) = kinds_of(&model.types, &v.ty, 0) {
                        plan.guarded.push((i, kinds));
                    } else {
                        plan.any.push(i);
                    }
                }
                if let Kind::Untagged { plan: p, .. } = &mut model.types[id].kind {
                    *p = plan;
                }
            }
            _ => {}
        }
    }
}

fn tag_groups(types: &[TypeDef], variants: &[Variant]) -> Vec<TagGroup> {
    let mut by_tag: Vec<(&String, Vec<usize>)> = Vec::new();
    for (i, v) in variants.iter().enumerate() {
        for tag in &v.tags {
            match by_tag.iter_mut().find(|(t, _)| *t == tag) {
                Some((_, members)) => members.push(i),
                None => by_tag.push((tag, vec![i])),
            }
        }
    }
    let mut groups: Vec<TagGroup> = Vec::new();
    for (tag, mut members) in by_tag {
        let constants = |i: &usize| shape_of(types, &variants[*i].ty).map_or(0, |s| s.constants.len());
        members.sort_by_key(|i| std::cmp::Reverse(constants(i)));
        match groups.iter_mut().find(|g| g.members == members) {
            Some(g) => g.tags.push(tag.clone()),
            None => {
                let shapes = if members.len() > 1 { members.iter().map(|i| shape_of(types, &variants[*i].ty).unwrap_or_default()).collect() } else { vec![] };
                groups.push(TagGroup { tags: vec![tag.clone()], members, shapes });
            }
        }
    }
    groups
}

/// The shape of a struct arm (through a box and aliases); `None` for anything else.
fn shape_of(types: &[TypeDef], ty: &Ty) -> Option<Shape> {
    let ty = match ty {
        Ty::Boxed(inner) | Ty::Linked(inner) => inner,
        other => other,
    };
    let Ty::Named(id) = resolve_alias(types, ty) else { return None };
    let Kind::Struct { fields, .. } = &types[*id].kind else { return None };
    let named = fields.iter().filter(|f| !f.flatten);
    Some(Shape {
        required: named.clone().filter(|f| f.required && f.constant.is_none() && !matches!(f.ty, Ty::Option(_))).map(|f| f.json.clone()).collect(),
        known: named.clone().map(|f| f.json.clone()).collect(),
        constants: named.filter_map(|f| Some((f.json.clone(), f.constant.clone()?))).collect(),
    })
}

/// The shapes of a tagged union's members, when every member is a struct
/// (through a box and aliases); `None` for anything else. An untagged union
/// ranks such an arm by its members: an output message is read as the item
/// union's `OutputMessage`, not as the bare input message beside it, because
/// its shape (id, status, ...) fits better.
fn member_shapes(types: &[TypeDef], ty: &Ty) -> Option<Vec<Shape>> {
    let ty = match ty {
        Ty::Boxed(inner) | Ty::Linked(inner) => inner,
        other => other,
    };
    let Ty::Named(id) = resolve_alias(types, ty) else { return None };
    let Kind::Tagged { variants, .. } = &types[*id].kind else { return None };
    variants.iter().map(|v| shape_of(types, &v.ty)).collect()
}

/// The JSON kinds a type accepts; `None` for any JSON.
fn kinds_of(types: &[TypeDef], ty: &Ty, depth: usize) -> Option<Vec<JsonKind>> {
    if depth > 16 {
        return None;
    }
    Some(match ty {
        Ty::String | Ty::Constant | Ty::File => vec![JsonKind::String],
        Ty::Bool => vec![JsonKind::Bool],
        Ty::I64 | Ty::U64 | Ty::I32 | Ty::U32 => vec![JsonKind::Integer],
        Ty::F64 => vec![JsonKind::Number],
        Ty::Unit => vec![JsonKind::Null],
        // A user's type: its JSON is not known here.
        Ty::Value | Ty::Extern(_) => return None,
        Ty::Vec(_) => vec![JsonKind::Array],
        Ty::Map(_) => vec![JsonKind::Object],
        Ty::Option(inner) => {
            let mut kinds = kinds_of(types, inner, depth + 1)?;
            kinds.insert(0, JsonKind::Null);
            kinds
        }
        Ty::Boxed(inner) | Ty::Linked(inner) => return kinds_of(types, inner, depth + 1),
        Ty::Named(id) => match &types[*id].kind {
            Kind::Struct { .. } | Kind::Tagged { .. } => vec![JsonKind::Object],
            Kind::StringEnum { .. } => vec![JsonKind::String],
            Kind::IntEnum { .. } => vec![JsonKind::Integer],
            // Pending: not known yet (`build` leaves none).
            Kind::Untagged { .. } | Kind::Pending => return None,
            Kind::Alias(inner) | Kind::Newtype(inner) => return kinds_of(types, inner, depth + 1),
        },
    })
}
