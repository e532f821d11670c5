//! Looking through a schema to the one that carries its meaning: `$ref`s to
//! components, one-arm `allOf`s (what `$ref` with sibling keys becomes in
//! `normalize`), and the null arms of a bare `oneOf`/`anyOf`. A union with
//! sibling keywords is not looked through (see `schema::View::bare_union`).

use super::*;

impl<'a> Builder<'a> {
    pub(super) fn component(&self, reference: &str, pointer: &JsonPointer) -> Result<(&'a str, &'a ReferenceOr<Schema>)> {
        let unresolved = || Error::spec(pointer, format!("unresolved $ref {reference:?}: no such schema"));
        let name = component_name(reference, "schemas").map_err(|problem| match problem {
            RefProblem::Elsewhere => Error::spec(pointer, format!("unsupported $ref {reference:?}: only #/components/schemas/... can be resolved")),
            RefProblem::Malformed(e) => Error::spec(pointer, format!("malformed $ref {reference:?}: {e}")),
            RefProblem::Inside => unresolved(),
        })?;
        self.schemas.get_full(&name).map(|(_, k, v)| (k.as_str(), v)).ok_or_else(unresolved)
    }

    /// Follow references (and one-arm allOfs) down to a schema.
    pub(super) fn resolve(&self, mut r: SRef<'a>, pointer: &JsonPointer) -> Result<(View<'a>, Option<&'a str>)> {
        let mut name = None;
        for _ in 0..64 {
            match r {
                SRef::Ref(reference) => {
                    let (n, target) = self.component(reference, pointer)?;
                    name = Some(n);
                    r = schema_ref(target);
                }
                SRef::Item(schema) => {
                    let view = View::of(schema);
                    match view.single_all_of() {
                        Some(arm) => r = schema_ref(arm),
                        None => return Ok((view, name)),
                    }
                }
            }
        }
        Err(Error::spec(pointer, "$ref chain does not end (a schema that is only a reference to itself)"))
    }

    /// Peel null arms and one-arm allOfs: the schema that carries the meaning.
    pub(super) fn peel(&self, r: SRef<'a>, pointer: &JsonPointer) -> Result<(View<'a>, Option<&'a str>, bool)> {
        let (view, name) = self.resolve(r, pointer)?;
        if let Some(arms) = view.bare_union() {
            let rest: Vec<_> = arms.iter().filter(|a| !self.is_null(schema_ref(a))).collect();
            if rest.len() == 1 && rest.len() < arms.len() {
                let (inner, inner_name) = self.resolve(schema_ref(rest[0]), pointer)?;
                return Ok((inner, inner_name.or(name), true));
            }
        }
        Ok((view, name, view.data.nullable))
    }

    pub(super) fn is_null(&self, r: SRef<'a>) -> bool {
        match r {
            SRef::Item(s) => View::of(s).is_null(),
            SRef::Ref(_) => false,
        }
    }

    /// Whether a reference's target admits null.
    pub(super) fn nullable(&mut self, r: SRef<'a>, depth: usize) -> bool {
        if depth > 32 {
            return false;
        }
        match r {
            SRef::Ref(reference) => {
                if let Some(&n) = self.nullable_memo.get(reference) {
                    return n;
                }
                let Ok((_, target)) = self.component(reference, &JsonPointer::root()) else { return false };
                self.nullable_memo.insert(reference.to_owned(), false);
                let n = self.nullable(schema_ref(target), depth + 1);
                self.nullable_memo.insert(reference.to_owned(), n);
                n
            }
            SRef::Item(s) => {
                let view = View::of(s);
                if view.data.nullable || view.is_null() {
                    return true;
                }
                if let Some(arm) = view.single_all_of() {
                    return self.nullable(schema_ref(arm), depth + 1);
                }
                view.bare_union().is_some_and(|arms| arms.iter().any(|a| self.is_null(schema_ref(a)) || self.nullable(schema_ref(a), depth + 1)))
            }
        }
    }

    /// A schema's description, looking through null arms and references.
    pub(super) fn description(&self, r: SRef<'a>, pointer: &JsonPointer) -> Option<String> {
        let mut r = r;
        for _ in 0..16 {
            match r {
                SRef::Ref(reference) => r = schema_ref(self.component(reference, pointer).ok()?.1),
                SRef::Item(s) => {
                    let view = View::of(s);
                    if let Some(d) = &view.data.description {
                        return Some(d.clone());
                    }
                    if let Some(arm) = view.single_all_of() {
                        r = schema_ref(arm);
                    } else {
                        let arms = view.bare_union()?;
                        let rest: Vec<_> = arms.iter().filter(|a| !self.is_null(schema_ref(a))).collect();
                        if rest.len() != 1 {
                            return None;
                        }
                        r = schema_ref(rest[0]);
                    }
                }
            }
        }
        None
    }
}
