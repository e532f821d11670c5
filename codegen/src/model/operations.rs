//! Operations: each one's JSON request and success response get a type
//! in the `operations` module (an alias when the body is a `$ref`).

use super::*;

impl<'a> Builder<'a> {
    pub(super) fn operations(&mut self) -> Result<Vec<Operation>> {
        let mut out = Vec::new();
        let spec = self.spec;
        if spec.paths.paths.is_empty() {
            return Ok(out);
        }
        let module = self.modules.len();
        self.modules.push(Module { name: "operations".into(), types: vec![], main: None, scope: Scope::new(Case::Camel) });
        let mut op_scope = Scope::new(Case::Camel);
        for (path, item) in &spec.paths.paths {
            let ReferenceOr::Item(item) = item else { continue };
            for (method, op) in item.iter() {
                let id = op.operation_id.clone().unwrap_or_else(|| format!("{method} {path}"));
                let base = op_scope.claim(&id);
                let op_pointer = format!("#/paths/{}/{method}", escape(path));
                let request = match &op.request_body {
                    Some(ReferenceOr::Item(body)) => json_schema(&body.content).map(|s| (s, format!("{op_pointer}/requestBody/content/application~1json/schema"))),
                    Some(ReferenceOr::Reference { reference }) => {
                        let name = reference.rsplit('/').next().unwrap_or_default();
                        spec.components.as_ref().and_then(|c| c.request_bodies.get(name)).and_then(|b| match b {
                            ReferenceOr::Item(b) => json_schema(&b.content).map(|s| (s, format!("#/components/requestBodies/{}/content/application~1json/schema", escape(name)))),
                            _ => None,
                        })
                    }
                    None => None,
                };
                let response = op.responses.responses.iter().find(|(code, _)| matches!(code, openapiv3::StatusCode::Code(c) if (200..300).contains(c)) || matches!(code, openapiv3::StatusCode::Range(2))).and_then(|(code, r)| match r {
                    ReferenceOr::Item(r) => json_schema(&r.content).map(|s| (s, format!("{op_pointer}/responses/{code}/content/application~1json/schema"))),
                    ReferenceOr::Reference { reference } => {
                        let name = reference.rsplit('/').next().unwrap_or_default();
                        spec.components.as_ref().and_then(|c| c.responses.get(name)).and_then(|r| match r {
                            ReferenceOr::Item(r) => json_schema(&r.content).map(|s| (s, format!("#/components/responses/{}/content/application~1json/schema", escape(name)))),
                            _ => None,
                        })
                    }
                });
                let mut ids = [None, None];
                for (k, (part, suffix)) in [(request, "Request"), (response, "Response")].into_iter().enumerate() {
                    let Some((schema, p)) = part else { continue };
                    let name = format!("{base}{suffix}");
                    // The operation's alias claims its name first, so inline bodies take it.
                    let slot = Slot::Suggest { module, name: name.clone(), parent: base.clone() };
                    let built = self.build(schema_ref(schema), &p, slot)?;
                    let ty = if built.nullable { built.ty.option() } else { built.ty };
                    let tid = match ty {
                        Ty::Named(t) if self.types[t].module == module && self.types[t].name == name => t,
                        other => {
                            let alias = self.alloc(&Slot::Suggest { module, name: name.clone(), parent: base.clone() }, &p);
                            self.types[alias].kind = Kind::Alias(other);
                            alias
                        }
                    };
                    ids[k] = Some(tid);
                }
                out.push(Operation { id, request: ids[0], response: ids[1] });
            }
        }
        Ok(out)
    }
}

pub(super) fn json_schema(content: &IndexMap<String, openapiv3::MediaType>) -> Option<&ReferenceOr<Schema>> {
    content.iter().find(|(k, _)| k.starts_with("application/json")).and_then(|(_, m)| m.schema.as_ref())
}
