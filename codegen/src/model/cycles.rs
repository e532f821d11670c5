//! Recursion. Rust needs every cycle of types to pass through a nominal type
//! (a struct or an enum) and, where the cycle holds values by value, a `Box`:
//!
//! 1. **Aliases.** A type alias cannot refer to itself, not even through a
//!    `Vec` or a map (`type A = Vec<A>` is "cycle detected when expanding
//!    type alias"). So an alias that lies on a cycle of aliases (an array or
//!    map of itself, `A: {items: $ref A}`, or `A` → `B` → `A` through
//!    containers) becomes a newtype, `pub struct A(pub Vec<A>);`
//!    ([`Kind::Newtype`]), which reads and writes its JSON as the inner
//!    value does (`#[serde(transparent)]`). A plain alias of another type
//!    (`type B = A;`, `Option<A>`) on such a cycle stays an alias: the
//!    cycle already passes through the container alias, now a newtype.
//! 2. **Boxes.** The by-value edges inside a cycle of structs and unions
//!    (strongly connected components) are boxed, and only those; `Vec` and
//!    maps already break cycles.
//! 3. **Nothing to hold it.** A cycle made only of plain aliases (`A: $ref B`,
//!    `B: {anyOf [$ref A, null]}`) describes no value but `null`s: its
//!    aliases fall back to `serde_json::Value`, with a fallback recorded.
//!
//! **Limit: very long chains.** rustc bounds how deep it follows types
//! nested in generic containers by the crate's `recursion_limit` (default
//! 128), and the generated file, being `include!`d, cannot raise it. Each
//! link of a cycle of optional references is `Option<Box<Next>>`, two levels
//! of drop-check: a cycle of 64 such structs compiles, one of 65 is "overflow
//! while adding drop-check rules" (E0320). Chains of about 120 nested
//! `Option`s, `Vec`s or required structs hit the same bound (or "queries
//! overflow the depth limit"). No generated shape avoids it short of
//! replacing typed fields with `serde_json::Value`, so the generator keeps
//! the types: a crate whose spec has such chains sets
//! `#![recursion_limit = "4096"]` (a 1,000-struct cycle then compiles in
//! about 10 s). At 20,000 structs that is not enough: rustc's own stack
//! overflows (SIGSEGV) unless given more (`RUST_MIN_STACK`), and even then
//! the generated crate did not build in 25 minutes and 23 GB. Real specs are
//! far from this: no vendor spec tested (OpenAI, Stripe, Discord, Box) needs
//! a raised limit.

use super::*;

/// Apply the rules above: newtypes for container aliases on alias cycles,
/// then boxes on the by-value edges that lie on a cycle (Tarjan's SCCs).
pub(super) fn break_cycles(model: &mut Model) {
    newtypes_for_alias_cycles(model);
    let n = model.types.len();
    let edges: Vec<Vec<TypeId>> = model.types.iter().map(|t| by_value_targets(&t.kind)).collect();
    let scc = tarjan(n, &edges);
    for id in 0..n {
        let comp = scc[id];
        let in_cycle = |t: TypeId| scc[t] == comp;
        match &mut model.types[id].kind {
            Kind::Struct { fields, .. } => {
                for f in fields {
                    box_if(&mut f.ty, &in_cycle);
                }
            }
            Kind::Tagged { variants, .. } | Kind::Untagged { variants, .. } => {
                for v in variants {
                    box_if(&mut v.ty, &in_cycle);
                }
            }
            _ => {}
        }
    }
    // A cycle made only of aliases has no struct to box: fall back to Value.
    for id in 0..n {
        if alias_cycle(&model.types, id) {
            {
                model.types[id].kind = Kind::Alias(Ty::Value);
                let pointer = model.types[id].pointer.clone();
                model.fallbacks.push(Fallback { pointer, reason: "a cycle of plain aliases: no type can hold it" });
            }
        }
    }
}

/// Rule 1: an alias on a cycle of aliases, whose type is not simply another
/// type (`Vec<A>`, `BTreeMap<String, B>`, not `A` or `Option<A>`), becomes a
/// newtype.
fn newtypes_for_alias_cycles(model: &mut Model) {
    let n = model.types.len();
    let edges: Vec<Vec<TypeId>> = model
        .types
        .iter()
        .map(|t| match &t.kind {
            Kind::Alias(ty) => {
                let mut out = Vec::new();
                named_in(ty, &mut out);
                out.retain(|&to| matches!(model.types[to].kind, Kind::Alias(_)));
                out
            }
            _ => vec![],
        })
        .collect();
    let scc = tarjan(n, &edges);
    let mut size = vec![0usize; n];
    for &c in &scc {
        size[c] += 1;
    }
    for id in 0..n {
        let on_cycle = size[scc[id]] > 1 || edges[id].contains(&id);
        if let Kind::Alias(ty) = &model.types[id].kind {
            if on_cycle && by_value(ty).is_none() {
                model.types[id].kind = Kind::Newtype(ty.clone());
            }
        }
    }
}

/// Every type a `Ty` names, at any depth.
fn named_in(ty: &Ty, out: &mut Vec<TypeId>) {
    match ty {
        Ty::Named(id) => out.push(*id),
        Ty::Vec(inner) | Ty::Map(inner) | Ty::Option(inner) | Ty::Boxed(inner) => named_in(inner, out),
        _ => {}
    }
}

/// Does following aliases from `id` come back to `id` without meeting a struct or enum?
fn alias_cycle(types: &[TypeDef], id: TypeId) -> bool {
    let mut at = id;
    for _ in 0..types.len() {
        match &types[at].kind {
            Kind::Alias(ty) => match by_value(ty) {
                Some(next) if next == id => return true,
                Some(next) => at = next,
                None => return false,
            },
            _ => return false,
        }
    }
    false
}

fn by_value(ty: &Ty) -> Option<TypeId> {
    match ty {
        Ty::Named(id) => Some(*id),
        Ty::Option(inner) => by_value(inner),
        _ => None,
    }
}

fn by_value_targets(kind: &Kind) -> Vec<TypeId> {
    match kind {
        Kind::Struct { fields, .. } => fields.iter().filter_map(|f| by_value(&f.ty)).collect(),
        Kind::Tagged { variants, .. } | Kind::Untagged { variants, .. } => variants.iter().filter_map(|v| by_value(&v.ty)).collect(),
        Kind::Alias(ty) => by_value(ty).into_iter().collect(),
        _ => vec![],
    }
}

fn box_if(ty: &mut Ty, in_cycle: &impl Fn(TypeId) -> bool) {
    match ty {
        Ty::Option(inner) => box_if(inner, in_cycle),
        Ty::Named(id) if in_cycle(*id) => *ty = Ty::Boxed(Box::new(ty.clone())),
        _ => {}
    }
}

/// Strongly connected components, iteratively (deep specs would overflow a recursive walk).
fn tarjan(n: usize, edges: &[Vec<TypeId>]) -> Vec<usize> {
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut comp = vec![usize::MAX; n];
    let mut next_index = 0;
    let mut next_comp = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work = vec![(root, 0usize)];
        while let Some(&mut (v, ref mut ei)) = work.last_mut() {
            if *ei == 0 && index[v] == usize::MAX {
                index[v] = next_index;
                low[v] = next_index;
                next_index += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges[v].get(*ei) {
                *ei += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = next_comp;
                    if w == v {
                        break;
                    }
                }
                next_comp += 1;
            }
        }
    }
    comp
}
