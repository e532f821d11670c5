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
//! 4. **Long chains.** rustc follows the types a type holds, to check its
//!    drops and to decide its auto traits (`Send`, `Sync`, `Unpin`, ...), and
//!    rustdoc does the same to list them. It stops with an error ("overflow
//!    evaluating the requirement", E0275; "overflow while adding drop-check
//!    rules", E0320; "queries overflow the depth limit") at the crate's
//!    `recursion_limit`, 128 by default, which a generated file cannot raise
//!    (it is `include!`d). A chain of schemas that refer to each other can be
//!    any length: a cycle of 20 optional references was too deep for rustdoc,
//!    one of 32 for a `Send` bound, one of 65 for drop-check, and Stripe's
//!    spec needed a raised limit. So the model bounds how deep rustc can go
//!    from any type: every reference is weighed in rustc's levels (measured:
//!    the named type 1, plus `Option` 1, `Vec` 3, `Box` 5, a `BTreeMap` 11;
//!    an alias 0, as rustc sees through it), and where a chain from some type
//!    would weigh more than [`CHAIN_BUDGET`], the reference that crosses the
//!    budget is held by `api::Link<T>` ([`Ty::Linked`]), a box that holds its
//!    value behind a trait object, where rustc's walk ends. A `Link` derefs
//!    to its value, converts from it, and reads and writes the same JSON, so
//!    only the field's type changes.
//!
//!    rustc's walk stops at a type already on its way, so it follows a
//!    simple path. Within a cycle (strongly connected component) such a path
//!    leaves each member at most once, so the sum over the members of their
//!    heaviest reference within it bounds the weight of any walk inside it.
//!    While that sum passes the budget, every reference within the cycle to
//!    its most referenced member (the first in spec order on a tie) is linked:
//!    in Stripe's cycle of 227 schemas, the expandable objects (`Account`,
//!    `Customer`, `Charge`, ...) that everything refers back to. Then each
//!    cycle, or single type, weighs its bound plus its heaviest way out, from
//!    the last reached to the first, and a way out that would pass the budget
//!    is linked. The result holds for any walk, whatever order rustc takes
//!    the fields in, and is the same on every run. A link can break a cycle,
//!    after which rule 2 boxes only what is still on one.
//!
//!    The budget is half the limit, leaving the other half to the user's own
//!    wrappers (`Vec<Arc<Mutex<T>>>` inside a future). OpenAI's, Box's and
//!    Discord's specs stay under it and get no links. Stripe's gets 188, and
//!    its crate builds and documents at the default limit, which the same
//!    crate without links does not (E0275 in rustdoc). A cycle of 65 optional
//!    references gets 3 (once linked, it is a chain held by value, 2 levels a
//!    reference), and a cycle of 20,000 schemas compiles.

use super::*;

/// Apply the rules above: newtypes for container aliases on alias cycles,
/// then boxes on the by-value edges that lie on a cycle (Tarjan's SCCs),
/// then links where a chain would be too deep for rustc.
pub(super) fn break_cycles(model: &mut Model) {
    newtypes_for_alias_cycles(model);
    box_cycles(model);
    // A cycle made only of aliases has no struct to box: fall back to Value.
    for id in 0..model.types.len() {
        if alias_cycle(&model.types, id) {
            model.types[id].kind = Kind::Alias(Ty::Value);
            let pointer = model.types[id].pointer.clone();
            model.fallbacks.push(Fallback { pointer, reason: FallbackReason::AliasCycle });
        }
    }
    bound_chains(model);
}

/// Rule 2: box the by-value edges that lie on a cycle, and only those
/// (boxes from an earlier pass are taken off first).
fn box_cycles(model: &mut Model) {
    for t in &mut model.types {
        for ty in slots_mut(&mut t.kind) {
            unbox(ty);
        }
    }
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
}

/// The types a type's fields, variants or body hold.
fn slots_mut(kind: &mut Kind) -> Vec<&mut Ty> {
    match kind {
        Kind::Struct { fields, extra, .. } => fields.iter_mut().map(|f| &mut f.ty).chain(extra.iter_mut().map(|e| &mut e.ty)).collect(),
        Kind::Tagged { variants, .. } | Kind::Untagged { variants, .. } => variants.iter_mut().map(|v| &mut v.ty).collect(),
        Kind::Alias(ty) | Kind::Newtype(ty) => vec![ty],
        Kind::StringEnum { .. } | Kind::IntEnum { .. } | Kind::Pending => vec![],
    }
}

/// `ty` without the box that rule 2 put on it.
fn unbox(ty: &mut Ty) {
    match ty {
        Ty::Option(inner) => unbox(inner),
        Ty::Boxed(inner) => *ty = std::mem::replace(&mut **inner, Ty::Unit),
        _ => {}
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
        Ty::Vec(inner) | Ty::Map(inner) | Ty::Option(inner) | Ty::Boxed(inner) | Ty::Linked(inner) => named_in(inner, out),
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

/// How deep, in rustc's levels, rustc may follow references from any type:
/// rule 4. Half of rustc's default `recursion_limit`.
pub const CHAIN_BUDGET: usize = 64;

/// Where a type refers to another: the `place`th field or variant of `from`
/// (or its `extra` map's values, or an alias's body), and the weight of
/// following it in rustc's levels.
#[derive(Clone, Copy, Debug)]
struct Edge {
    to: TypeId,
    place: Place,
    weight: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Place {
    Field(usize),
    Extra,
    Variant(usize),
    Body,
}

/// The type a place holds.
fn place_ty(kind: &mut Kind, place: Place) -> Option<&mut Ty> {
    match (kind, place) {
        (Kind::Struct { fields, .. }, Place::Field(i)) => fields.get_mut(i).map(|f| &mut f.ty),
        (Kind::Struct { extra: Some(extra), .. }, Place::Extra) => Some(&mut extra.ty),
        (Kind::Tagged { variants, .. } | Kind::Untagged { variants, .. }, Place::Variant(i)) => variants.get_mut(i).map(|v| &mut v.ty),
        (Kind::Alias(ty) | Kind::Newtype(ty), Place::Body) => Some(ty),
        _ => None,
    }
}

/// The edges out of a type, in field order; references already linked are
/// not followed (rustc's walk ends at a link).
fn chain_edges(types: &[TypeDef], kind: &Kind) -> Vec<Edge> {
    /// The named type in `ty` and the weight of reaching it.
    fn target(types: &[TypeDef], ty: &Ty) -> Option<(TypeId, usize)> {
        match ty {
            Ty::Named(id) => Some((*id, if matches!(types[*id].kind, Kind::Alias(_)) { 0 } else { 1 })),
            Ty::Option(inner) => target(types, inner).map(|(id, w)| (id, w + 1)),
            Ty::Vec(inner) => target(types, inner).map(|(id, w)| (id, w + 3)),
            Ty::Boxed(inner) => target(types, inner).map(|(id, w)| (id, w + 5)),
            Ty::Map(inner) => target(types, inner).map(|(id, w)| (id, w + 11)),
            _ => None,
        }
    }
    let places: Vec<(Place, &Ty)> = match kind {
        Kind::Struct { fields, extra, .. } => {
            fields.iter().enumerate().map(|(i, f)| (Place::Field(i), &f.ty)).chain(extra.iter().map(|e| (Place::Extra, &e.ty))).collect()
        }
        Kind::Tagged { variants, .. } | Kind::Untagged { variants, .. } => variants.iter().enumerate().map(|(i, v)| (Place::Variant(i), &v.ty)).collect(),
        Kind::Alias(ty) | Kind::Newtype(ty) => vec![(Place::Body, ty)],
        Kind::StringEnum { .. } | Kind::IntEnum { .. } | Kind::Pending => vec![],
    };
    places.into_iter().filter_map(|(place, ty)| target(types, ty).map(|(to, weight)| Edge { to, place, weight })).collect()
}

/// Hold the named type in `ty` by a link (in place of its box, if boxed).
fn link(ty: &mut Ty) {
    match ty {
        Ty::Option(inner) | Ty::Vec(inner) | Ty::Map(inner) => link(inner),
        Ty::Boxed(inner) => {
            let inner = std::mem::replace(&mut **inner, Ty::Unit);
            *ty = Ty::Linked(Box::new(inner));
        }
        Ty::Named(_) => *ty = Ty::Linked(Box::new(ty.clone())),
        _ => {}
    }
}

/// Rule 4: link the references where a chain of types would weigh more than
/// [`CHAIN_BUDGET`], until none does.
fn bound_chains(model: &mut Model) {
    loop {
        let cuts = chain_cuts(&model.types, CHAIN_BUDGET);
        if cuts.is_empty() {
            return;
        }
        for (from, place) in cuts {
            if let Some(ty) = place_ty(&mut model.types[from].kind, place) {
                link(ty);
            }
        }
        // A link may have broken a cycle: box again only what is still on one.
        box_cycles(model);
    }
}

/// The references to link, as `(type, place)`, found by one pass of rule 4
/// over `types`; empty when every chain is within `budget`.
///
/// A walk that stops at a type already on its way follows a simple path.
/// Within a cycle (strongly connected component), such a path leaves each
/// member at most once, so the component's *bound*, the sum over its members
/// of their heaviest reference within it, bounds any part of a walk inside
/// it. While a component's bound passes the budget, every reference within
/// it to its most referenced member (the first in spec order on a tie) is
/// linked, and the components are found again. Then, with every bound within
/// the budget, the components are weighed from the last reached to the
/// first: a component's height is its bound plus its heaviest way out (the
/// reference's weight plus the height of the component it leads to), and a
/// way out that would pass the budget is linked.
fn chain_cuts(types: &[TypeDef], budget: usize) -> Vec<(TypeId, Place)> {
    let edges: Vec<Vec<Edge>> = types.iter().map(|t| chain_edges(types, &t.kind)).collect();
    graph_cuts(&edges, budget)
}

/// [`chain_cuts`] over the graph of references alone.
fn graph_cuts(edges: &[Vec<Edge>], budget: usize) -> Vec<(TypeId, Place)> {
    let n = edges.len();
    let plain: Vec<Vec<TypeId>> = edges.iter().map(|es| es.iter().map(|e| e.to).collect()).collect();
    let scc = tarjan(n, &plain);
    let comps = scc.iter().max().map_or(0, |&c| c + 1);
    let mut bound = vec![0usize; comps];
    let mut referenced = vec![0usize; n];
    for (id, out) in edges.iter().enumerate() {
        let inside = out.iter().filter(|e| scc[e.to] == scc[id]);
        bound[scc[id]] += inside.clone().map(|e| e.weight).max().unwrap_or(0);
        inside.for_each(|e| referenced[e.to] += 1);
    }
    // Components too heavy: link the references to their hub.
    let mut hub: Vec<Option<TypeId>> = vec![None; comps];
    for id in 0..n {
        let c = scc[id];
        if bound[c] > budget && hub[c].is_none_or(|h| referenced[id] > referenced[h]) {
            hub[c] = Some(id);
        }
    }
    let mut cuts = Vec::new();
    for (id, out) in edges.iter().enumerate() {
        for e in out {
            if hub[scc[id]] == Some(e.to) {
                cuts.push((id, e.place));
            }
        }
    }
    if !cuts.is_empty() {
        return cuts;
    }
    // Every component within the budget: weigh the ways out, sinks first.
    let mut members: Vec<Vec<TypeId>> = vec![Vec::new(); comps];
    for (id, &c) in scc.iter().enumerate() {
        members[c].push(id);
    }
    let mut height = vec![0usize; comps];
    for (c, ids) in members.iter().enumerate() {
        let mut out = 0;
        for &id in ids {
            for e in edges[id].iter().filter(|e| scc[e.to] != c) {
                let reach = bound[c] + e.weight + height[scc[e.to]];
                if reach > budget {
                    cuts.push((id, e.place));
                } else {
                    out = out.max(e.weight + height[scc[e.to]]);
                }
            }
        }
        height[c] = bound[c] + out;
    }
    cuts
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The heaviest simple path from any node, by trying them all.
    fn heaviest_path(edges: &[Vec<Edge>]) -> usize {
        fn walk(edges: &[Vec<Edge>], at: TypeId, on_path: &mut Vec<bool>) -> usize {
            on_path[at] = true;
            let mut best = 0;
            for e in &edges[at] {
                // A walk also takes the step back onto its own path before it stops.
                let further = if on_path[e.to] { 0 } else { walk(edges, e.to, on_path) };
                best = best.max(e.weight + further);
            }
            on_path[at] = false;
            best
        }
        (0..edges.len()).map(|start| walk(edges, start, &mut vec![false; edges.len()])).max().unwrap_or(0)
    }

    /// Cut until no cut is asked for, as `bound_chains` does; the number of cuts.
    fn cut_all(edges: &mut [Vec<Edge>], budget: usize) -> usize {
        let mut count = 0;
        loop {
            let cuts = graph_cuts(edges, budget);
            if cuts.is_empty() {
                return count;
            }
            count += cuts.len();
            for (from, place) in cuts {
                edges[from].retain(|e| e.place != place);
            }
        }
    }

    fn edge(to: TypeId, slot: usize, weight: usize) -> Edge {
        Edge { to, place: Place::Field(slot), weight }
    }

    #[test]
    fn a_ring_gets_one_link_per_budget() {
        // 65 types, each holding the next as `Option<Box<_>>` (weight 7).
        let mut ring: Vec<Vec<Edge>> = (0..65).map(|i| vec![edge((i + 1) % 65, 0, 7)]).collect();
        let cuts = cut_all(&mut ring, 64);
        assert!(heaviest_path(&ring) <= 64);
        // With c links the ring is c chains of at most 9 references (63 levels):
        // 65 - c <= 9c needs c >= 7, the fewest there can be.
        assert_eq!(cuts, 7);
        // Within the budget already: nothing to do.
        let mut short: Vec<Vec<Edge>> = (0..9).map(|i| vec![edge((i + 1) % 9, 0, 7)]).collect();
        assert_eq!(cut_all(&mut short, 64), 0);
    }

    #[test]
    fn every_walk_stays_within_the_budget_on_random_graphs() {
        // A fixed-seed xorshift: 300 graphs of up to 9 types, dense or sparse.
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |bound: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % bound as u64) as usize
        };
        for _ in 0..300 {
            let n = 2 + next(8);
            let budget = 10 + next(30);
            let mut graph: Vec<Vec<Edge>> = (0..n)
                .map(|_| {
                    let degree = next(4);
                    (0..degree).map(|slot| edge(next(n), slot, 1 + next(12))).collect()
                })
                .collect();
            let before = graph.iter().map(Vec::len).sum::<usize>();
            let cuts = cut_all(&mut graph, budget);
            assert!(heaviest_path(&graph) <= budget, "{graph:?} over {budget}");
            assert!(cuts <= before);
        }
    }
}
