//! Objects: the properties of one schema, or merged from the arms of an
//! `allOf`, made into a struct (the rules **Constants**, **Unknown
//! properties**, **Construction** and **allOf** at the top of `model`).

use super::*;

/// Properties gathered from an object-like schema (or several, for allOf).
#[derive(Default)]
pub(super) struct ObjectParts<'a> {
    /// name → (schema, pointer, module and parent for naming its inline types)
    pub(super) properties: IndexMap<String, (SRef<'a>, JsonPointer, usize, String)>,
    pub(super) required: Vec<String>,
    pub(super) additional: Option<(&'a AdditionalProperties, JsonPointer)>,
    /// allOf arms that are not objects (unions): flattened fields, with their pointers.
    pub(super) flattened: Vec<(SRef<'a>, JsonPointer)>,
}

impl<'a> Builder<'a> {
    pub(super) fn add_properties(&self, parts: &mut ObjectParts<'a>, object: ObjectSpec<'a>, pointer: &JsonPointer, module: usize, parent: &str) {
        let ObjectSpec { properties, required, additional } = object;
        for (name, prop) in properties {
            let p = pointer.join("properties").join(name);
            parts.properties.insert(name.clone(), (boxed_ref(prop), p, module, parent.to_owned()));
        }
        for r in required {
            if !parts.required.contains(r) {
                parts.required.push(r.clone());
            }
        }
        if let Some(a) = additional {
            parts.additional = Some((a, pointer.join("additionalProperties")));
        }
    }

    pub(super) fn object(&mut self, parts: ObjectParts<'a>, data: &SchemaData, pointer: &JsonPointer, slot: &Slot) -> Result<Ty> {
        if parts.properties.is_empty() && parts.flattened.is_empty() {
            let ty = match parts.additional {
                Some((AdditionalProperties::Schema(s), p)) => {
                    let (module, parent) = self.naming_context(slot, pointer);
                    let value_slot = Slot::Suggest { module, name: format!("{parent}Value"), parent: parent.clone() };
                    let built = self.build(schema_ref(s), &p, value_slot)?;
                    Ty::Map(Box::new(if built.nullable { built.ty.option() } else { built.ty }))
                }
                Some((AdditionalProperties::Any(false), _)) => {
                    let id = self.alloc(slot, pointer);
                    return Ok(self.finish(id, Kind::Struct { fields: vec![], extra: None, new_args: vec![] }, data));
                }
                _ => {
                    self.fallback(pointer, FallbackReason::FreeFormObject);
                    Ty::Map(Box::new(Ty::Value))
                }
            };
            return Ok(self.plain(slot, ty, data));
        }
        let id = self.alloc(slot, pointer);
        let module = self.types[id].module;
        let struct_name = self.types[id].name.clone();
        let mut fields = Vec::new();
        let mut scope = Scope::new(Case::Field);
        for (name, (prop, p, prop_module, parent)) in &parts.properties {
            let required = parts.required.contains(name);
            let doc = self.description(*prop, p);
            let deprecated = matches!(prop, SRef::Item(s) if s.schema_data.deprecated);
            let rust_name = scope.claim(name);
            if let Some((value, _)) = self.constant(*prop, p)? {
                // A constant is a `Ty::Constant` that starts as the spec's
                // value and keeps what is sent; optional, an `Option` that
                // stays `None` when left out.
                let ty = if required { Ty::Constant } else { Ty::Constant.option() };
                fields.push(Field { json: name.clone(), name: rust_name, ty, required, doc, deprecated, flatten: false, constant: Some(value) });
                continue;
            }
            let prop_slot = Slot::Suggest { module: *prop_module, name: name.clone(), parent: parent.clone() };
            let built = self.build(*prop, p, prop_slot)?;
            let ty = if built.nullable || !required { built.ty.option() } else { built.ty };
            fields.push(Field { json: name.clone(), name: rust_name, ty, required, doc, deprecated, flatten: false, constant: None });
        }
        for (arm, p) in &parts.flattened {
            let component = match arm {
                SRef::Ref(reference) => Some(self.component(reference, p)?.0),
                SRef::Item(_) => None,
            };
            let hint = component.unwrap_or("Variant").to_owned();
            let arm_slot = Slot::Suggest { module, name: hint.clone(), parent: struct_name.clone() };
            let built = self.build(*arm, p, arm_slot)?;
            let object_like = |ty: &Ty, types: &[TypeDef]| {
                let mut ty = ty.clone();
                for _ in 0..types.len() {
                    match ty {
                        Ty::Named(t) => match &types[t].kind {
                            Kind::Struct { .. } | Kind::Tagged { .. } | Kind::Untagged { .. } => return true,
                            Kind::Alias(inner) => ty = inner.clone(),
                            _ => return false,
                        },
                        _ => return false,
                    }
                }
                false
            };
            if !object_like(&built.ty, &self.types) {
                self.fallback(p, FallbackReason::AllOfArmNotObject);
                continue;
            }
            let doc = self.description(*arm, p);
            let rust_name = scope.claim(&hint);
            fields.push(Field { json: String::new(), name: rust_name, ty: built.ty, required: true, doc, deprecated: false, flatten: true, constant: None });
        }
        let flattens = fields.iter().any(|f| f.flatten);
        let extra = match parts.additional {
            Some((AdditionalProperties::Schema(s), p)) => {
                let value_slot = Slot::Suggest { module, name: format!("{struct_name}Value"), parent: struct_name.clone() };
                let built = self.build(schema_ref(s), &p, value_slot)?;
                let ty = if built.nullable { built.ty.option() } else { built.ty };
                Some(Extra { name: scope.claim("additional_properties"), ty, unknown: false })
            }
            // The spec rules other properties out; a flattened union's arm keeps them itself.
            Some((AdditionalProperties::Any(false), _)) => None,
            _ if flattens || !self.settings.keep_unknown => None,
            _ => Some(Extra { name: scope.claim("extra"), ty: Ty::Value, unknown: true }),
        };
        let new_args = constructor(&fields, &parts.required);
        Ok(self.finish(id, Kind::Struct { fields, extra, new_args }, data))
    }

    /// If a property is a one-value string enum: its value and doc.
    pub(super) fn constant(&self, prop: SRef<'a>, pointer: &JsonPointer) -> Result<Option<(String, Option<String>)>> {
        let values = self.string_values(prop, pointer)?;
        Ok(match values.as_slice() {
            [single] => Some((single.clone(), self.description(prop, pointer))),
            _ => None,
        })
    }

    /// The values of a property that is a string enum (none for anything else).
    pub(super) fn string_values(&self, prop: SRef<'a>, pointer: &JsonPointer) -> Result<Vec<String>> {
        let (view, _, _) = self.peel(prop, pointer)?;
        let values: Vec<String> = match view.listed {
            // A typed string: its values, a listed null aside.
            Listed::Strings(values) => values.iter().flatten().cloned().collect(),
            // A mixed schema: an enum of strings and nothing else, with no other type and no properties.
            Listed::Json(values) if view.typ.is_none_or(|t| t == "string") && !view.has_properties() && values.iter().all(|v| v.is_string()) => {
                values.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect()
            }
            _ => vec![],
        };
        Ok(values)
    }

    pub(super) fn all_of(
        &mut self,
        arms: &'a [ReferenceOr<Schema>],
        data: &SchemaData,
        pointer: &JsonPointer,
        slot: &Slot,
        own_object: Option<ObjectSpec<'a>>,
    ) -> Result<Built> {
        if arms.len() == 1 && own_object.is_none_or(|o| o.properties.is_empty()) {
            let built = self.build(schema_ref(&arms[0]), &pointer.join("allOf").join(0usize), slot.clone())?;
            if let Slot::Named(id) = slot {
                if self.types[*id].doc.is_none() {
                    self.types[*id].doc = data.description.clone();
                }
            }
            return Ok(built);
        }
        let (module, parent) = self.naming_context(slot, pointer);
        let mut parts = ObjectParts::default();
        let mut others = Vec::new();
        for (i, arm) in arms.iter().enumerate() {
            let arm_pointer = pointer.join("allOf").join(i);
            if !self.merge_into(&mut parts, schema_ref(arm), &arm_pointer, module, &parent, 0)? {
                others.push((i, arm));
            }
        }
        if let Some(own) = own_object {
            self.add_properties(&mut parts, own, pointer, module, &parent);
        }
        if parts.properties.is_empty() && others.len() == 1 {
            let (i, arm) = others[0];
            return self.build(schema_ref(arm), &pointer.join("allOf").join(i), slot.clone());
        }
        // A union among the arms: its variant is flattened beside the merged properties.
        for (i, arm) in others {
            parts.flattened.push((schema_ref(arm), pointer.join("allOf").join(i)));
        }
        let data = if data.description.is_none() {
            let mut d = data.clone();
            d.description = arms.iter().find_map(|a| self.description(schema_ref(a), pointer));
            d
        } else {
            data.clone()
        };
        let ty = self.object(parts, &data, pointer, slot)?;
        Ok(Built { ty, nullable: false })
    }

    /// Add an allOf arm's properties; false if the arm is not object-like.
    pub(super) fn merge_into(
        &self,
        parts: &mut ObjectParts<'a>,
        r: SRef<'a>,
        pointer: &JsonPointer,
        module: usize,
        parent: &str,
        depth: usize,
    ) -> Result<bool> {
        if depth > 32 {
            return Err(Error::spec(pointer, "allOf nests too deep (a cycle of allOf references?)"));
        }
        let (schema, component, base_pointer, module, parent) = match r {
            SRef::Ref(reference) => {
                let (name, target) = self.component(reference, pointer)?;
                let SRef::Item(schema) = schema_ref(target) else {
                    return self.merge_into(parts, schema_ref(target), pointer, module, parent, depth + 1);
                };
                let id = self.components[name];
                let base = JsonPointer::component_schema(name);
                (schema, Some(name), base, self.types[id].module, self.types[id].name.clone())
            }
            SRef::Item(schema) => (schema, None, pointer.clone(), module, parent.to_owned()),
        };
        let _ = component;
        let view = View::of(schema);
        match view.form {
            Form::AllOf { arms, own: None } => {
                for (i, arm) in arms.iter().enumerate() {
                    if !self.merge_into(parts, schema_ref(arm), &base_pointer.join("allOf").join(i), module, &parent, depth + 1)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            // Object-like: properties, or `type: object` without a union. The
            // arms of an allOf beside them are merged as far as they go.
            _ if view.has_properties() || (view.typ == Some("object") && !view.unions) => {
                for (i, arm) in view.all_of.iter().enumerate() {
                    self.merge_into(parts, schema_ref(arm), &base_pointer.join("allOf").join(i), module, &parent, depth + 1)?;
                }
                if let Some(object) = view.object {
                    self.add_properties(parts, object, &base_pointer, module, &parent);
                }
                Ok(true)
            }
            // Constraint-only arms (`required: [...]`, a description) add nothing to the shape.
            Form::Constraints { required } => {
                for r in required {
                    if !parts.required.contains(r) {
                        parts.required.push(r.clone());
                    }
                }
                Ok(true)
            }
            _ => Ok(false),
        }
    }
}

/// `new`'s arguments (see [`Kind::Struct`]): indices of the required fields
/// that are not constants, in `required` order, then the flattened unions.
fn constructor(fields: &[Field], required: &[String]) -> Vec<usize> {
    let mut args: Vec<usize> = required.iter().filter_map(|name| fields.iter().position(|f| !f.flatten && &f.json == name && f.constant.is_none())).collect();
    args.extend(fields.iter().enumerate().filter(|(_, f)| f.flatten).map(|(i, _)| i));
    args
}
