//! Part-of hierarchies over numbered nodes: each node lists the nodes it is part of. The one
//! place that walks a hierarchy: entities' `part_of` (comparison of categorical values and
//! `resolve`'s ancestors), scopes' `part_of` and `total_of` (totals against their parts), and
//! the cycle checks of both at load.
//!
//! Every walk visits each node at most once, however many paths lead to it, so a deep or wide
//! hierarchy costs time linear in its nodes and links, and a cycle cannot loop. Cycles are
//! found once, at load, by [`Hierarchy::cycles`], and named by [`Hierarchy::cycle_path`].

use super::{EntityDef, ScopeDef};
use rustc_hash::FxHashMap;

/// Nodes `0..n`, each with the nodes it is directly part of.
#[derive(Debug, Clone, Default)]
pub struct Hierarchy {
    /// Parents of node `i` are `parents[start[i]..start[i + 1]]`.
    start: Vec<u32>,
    parents: Vec<u32>,
}

impl Hierarchy {
    /// From each node's direct parents. Links to nodes outside `0..n` are ignored (the
    /// caller reports names it could not resolve).
    pub fn new<I, P>(links: I) -> Hierarchy
    where
        I: IntoIterator<Item = P>,
        P: IntoIterator<Item = u32>,
    {
        let mut start = vec![0u32];
        let mut parents = Vec::new();
        for p in links {
            parents.extend(p);
            start.push(u32::try_from(parents.len()).unwrap_or(u32::MAX));
        }
        let n = start.len() as u32 - 1;
        // Out-of-range links are dropped by rebuilding, rarely needed.
        if parents.iter().any(|&x| x >= n) {
            let mut h = Hierarchy {
                start: vec![0],
                parents: Vec::new(),
            };
            for i in 0..n as usize {
                let (a, b) = (start[i] as usize, start[i + 1] as usize);
                h.parents
                    .extend(parents[a..b].iter().copied().filter(|&x| x < n));
                h.start.push(h.parents.len() as u32);
            }
            return h;
        }
        Hierarchy { start, parents }
    }

    /// From named nodes and, for each, the names of its parents. A name no node has is left
    /// out (the loader reports it); of nodes sharing a name, the last one is meant.
    pub fn by_name<'a, I, L, P>(ids: I, links: L) -> Hierarchy
    where
        I: IntoIterator<Item = &'a str>,
        L: IntoIterator<Item = P>,
        P: IntoIterator<Item = &'a str>,
    {
        let index: FxHashMap<&str, u32> = ids
            .into_iter()
            .enumerate()
            .map(|(i, id)| (id, i as u32))
            .collect();
        Hierarchy::new(links.into_iter().map(|parents| {
            parents
                .into_iter()
                .filter_map(|p| index.get(p).copied())
                .collect::<Vec<u32>>()
        }))
    }

    /// Entities, each part of the entities its `part_of` names ("ISKP" is part of "Islamic
    /// State").
    pub fn of_entities(entities: &[EntityDef]) -> Hierarchy {
        Hierarchy::by_name(
            entities.iter().map(|e| e.id.as_str()),
            entities
                .iter()
                .map(|e| e.part_of.iter().map(String::as_str)),
        )
    }

    /// Scopes: a scope is part of what it lists in `part_of` and of every scope that lists it
    /// in `total_of`.
    pub fn of_scopes(scopes: &[ScopeDef]) -> Hierarchy {
        let ids: FxHashMap<&str, u32> = scopes
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i as u32))
            .collect();
        let mut parents: Vec<Vec<u32>> = scopes
            .iter()
            .map(|s| {
                s.part_of
                    .iter()
                    .filter_map(|p| ids.get(p.as_str()).copied())
                    .collect()
            })
            .collect();
        for (i, s) in scopes.iter().enumerate() {
            for part in &s.total_of {
                if let Some(&p) = ids.get(part.as_str())
                    && !parents[p as usize].contains(&(i as u32))
                {
                    parents[p as usize].push(i as u32);
                }
            }
        }
        Hierarchy::new(parents)
    }

    pub fn len(&self) -> usize {
        self.start.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The nodes `node` is directly part of.
    pub fn parents(&self, node: u32) -> &[u32] {
        let i = node as usize;
        match (self.start.get(i), self.start.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.parents[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Every node `node` is part of, directly or through others, each once, nearest first
    /// (breadth-first). `node` itself is not included, unless a cycle leads back to it.
    pub fn ancestors(&self, node: u32) -> Vec<u32> {
        let mut seen = vec![false; self.len()];
        let mut out: Vec<u32> = Vec::new();
        let mut next = 0;
        for &p in self.parents(node) {
            if !std::mem::replace(&mut seen[p as usize], true) {
                out.push(p);
            }
        }
        while next < out.len() {
            let x = out[next];
            next += 1;
            for &p in self.parents(x) {
                if !std::mem::replace(&mut seen[p as usize], true) {
                    out.push(p);
                }
            }
        }
        out
    }

    /// Is `a` part of `b`, directly or transitively? Stops at the first path found; visits
    /// each node once. Allocates nothing for a node without parents.
    pub fn is_part_of(&self, a: u32, b: u32) -> bool {
        let direct = self.parents(a);
        if direct.is_empty() {
            return false;
        }
        if direct.contains(&b) {
            return true;
        }
        let mut seen = rustc_hash::FxHashSet::default();
        let mut stack: Vec<u32> = direct.to_vec();
        seen.extend(direct.iter().copied());
        while let Some(x) = stack.pop() {
            for &p in self.parents(x) {
                if p == b {
                    return true;
                }
                if seen.insert(p) {
                    stack.push(p);
                }
            }
        }
        false
    }

    /// The length of the longest chain of wholes above `node` (0 for a node part of nothing;
    /// a part is deeper than its whole). `memo` keeps the depths found, so asking for many
    /// nodes walks each node once in all; one iterative post-order walk, no recursion. A node
    /// met again on the current path (a cycle, reported at load) counts as a root there.
    pub fn depth(&self, node: u32, memo: &mut FxHashMap<u32, usize>) -> usize {
        let mut on_path = rustc_hash::FxHashSet::default();
        let mut stack = vec![(node, false)];
        while let Some((e, done)) = stack.pop() {
            if memo.contains_key(&e) {
                continue;
            }
            if done {
                on_path.remove(&e);
                let deepest = self
                    .parents(e)
                    .iter()
                    .map(|p| memo.get(p).map_or(0, |&x| x + 1))
                    .max()
                    .unwrap_or(0);
                memo.insert(e, deepest);
                continue;
            }
            on_path.insert(e);
            stack.push((e, true));
            for &p in self.parents(e) {
                if !memo.contains_key(&p) && !on_path.contains(&p) {
                    stack.push((p, false));
                }
            }
        }
        memo.get(&node).copied().unwrap_or(0)
    }

    /// A cycle as the reader follows it, back to where it starts: `a -> b -> a`. At most
    /// `max` nodes are named before the way back; the rest are counted, so a cycle through
    /// thousands of nodes still makes a one-line message.
    pub fn cycle_path<'a>(cycle: &[u32], name: impl Fn(u32) -> &'a str, max: usize) -> String {
        let mut out: Vec<&str> = cycle.iter().take(max).map(|&n| name(n)).collect();
        if let Some(&first) = cycle.first() {
            out.push(name(first));
        }
        let mut path = out.join(" -> ");
        let more = cycle.len().saturating_sub(max);
        if more > 0 {
            path.push_str(&format!(" (and {more} more)"));
        }
        path
    }

    /// Every cycle, each reported once as the nodes on it in link order (a node that is part
    /// of itself is a cycle of one). One iterative depth-first walk: linear in nodes and links.
    pub fn cycles(&self) -> Vec<Vec<u32>> {
        // 0 unvisited, 1 on the current path, 2 finished.
        let mut state = vec![0u8; self.len()];
        let mut out = Vec::new();
        for root in 0..self.len() as u32 {
            if state[root as usize] != 0 {
                continue;
            }
            // (node, index of the next parent to follow)
            let mut path: Vec<(u32, usize)> = vec![(root, 0)];
            state[root as usize] = 1;
            while let Some(last) = path.last_mut() {
                let (node, k) = *last;
                let ps = self.parents(node);
                if k < ps.len() {
                    last.1 += 1;
                    let p = ps[k];
                    match state[p as usize] {
                        0 => {
                            state[p as usize] = 1;
                            path.push((p, 0));
                        }
                        1 => {
                            let at = path.iter().position(|&(x, _)| x == p).unwrap_or(0);
                            out.push(path[at..].iter().map(|&(x, _)| x).collect());
                        }
                        _ => {}
                    }
                } else {
                    state[node as usize] = 2;
                    path.pop();
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(links: &[&[u32]]) -> Hierarchy {
        Hierarchy::new(links.iter().map(|l| l.iter().copied()))
    }

    #[test]
    fn transitive_part_of_and_ancestors() {
        // 0 part of 1, 1 part of 2, 3 part of 1 and 2
        let x = h(&[&[1], &[2], &[], &[1, 2]]);
        assert!(x.is_part_of(0, 2));
        assert!(x.is_part_of(3, 2));
        assert!(!x.is_part_of(2, 0));
        assert!(!x.is_part_of(0, 3));
        assert_eq!(x.ancestors(0), vec![1, 2]);
        assert_eq!(x.ancestors(3), vec![1, 2]);
        assert!(x.cycles().is_empty());
    }

    #[test]
    fn cycles_are_found_once_and_walks_end() {
        let x = h(&[&[1], &[2], &[0], &[3], &[0]]);
        let c = x.cycles();
        assert_eq!(c, vec![vec![0, 1, 2], vec![3]]);
        assert!(x.is_part_of(0, 0));
        assert!(!x.is_part_of(0, 4));
        assert_eq!(x.ancestors(4), vec![0, 1, 2]);
    }

    #[test]
    fn depth_is_the_longest_chain_of_wholes() {
        // 0 part of 1 and 3, 1 part of 2, 3 part of nothing, 4 part of nothing.
        let x = h(&[&[1, 3], &[2], &[], &[], &[]]);
        let mut memo = FxHashMap::default();
        assert_eq!(x.depth(0, &mut memo), 2);
        assert_eq!(x.depth(1, &mut memo), 1);
        assert_eq!(x.depth(3, &mut memo), 0);
        assert_eq!(x.depth(4, &mut memo), 0);
        // A fresh memo gives the same depths in any order.
        let mut fresh = FxHashMap::default();
        assert_eq!(x.depth(1, &mut fresh), 1);
        assert_eq!(x.depth(0, &mut fresh), 2);
    }

    #[test]
    fn depth_ends_on_a_cycle_and_on_a_long_chain() {
        let x = h(&[&[1], &[2], &[0]]);
        let mut memo = FxHashMap::default();
        // Walked from 0: 2's whole, 0, is on the path, so 2 is a root there.
        assert_eq!(x.depth(0, &mut memo), 2);
        // 100,000 nodes in one chain: no recursion to overflow the stack.
        let n = 100_000u32;
        let chain = Hierarchy::new((0..n).map(|i| if i + 1 < n { vec![i + 1] } else { vec![] }));
        assert_eq!(chain.depth(0, &mut FxHashMap::default()), n as usize - 1);
    }

    #[test]
    fn named_nodes_and_their_parents() {
        let x = Hierarchy::by_name(
            ["city", "country", "region"],
            [vec!["country"], vec!["region", "nowhere"], vec![]],
        );
        assert_eq!(x.parents(1), &[2]);
        assert!(x.is_part_of(0, 2));
        assert_eq!(x.ancestors(0), vec![1, 2]);
        // Of nodes sharing a name, the last is meant.
        let y = Hierarchy::by_name(["a", "b", "b"], [vec!["b"], vec![], vec![]]);
        assert_eq!(y.parents(0), &[2]);
    }

    #[test]
    fn entities_by_part_of_and_scopes_by_part_of_and_total_of() {
        let file: std::sync::Arc<str> = "claims/x.yaml".into();
        let entity = |id: &str, part_of: &[&str]| EntityDef {
            id: id.into(),
            name: id.into(),
            aliases: Vec::new(),
            kind: None,
            part_of: part_of.iter().map(|p| p.to_string()).collect(),
            party: false,
            loc: super::super::Loc::new(&file, 1, 1),
        };
        let e = Hierarchy::of_entities(&[
            entity("iskp", &["islamic-state"]),
            entity("islamic-state", &[]),
            entity("kerman", &["iran", "unknown"]),
            entity("iran", &[]),
        ]);
        assert!(e.is_part_of(0, 1) && e.is_part_of(2, 3));
        assert!(!e.is_part_of(1, 0) && !e.is_part_of(0, 3));
        let scope = |id: &str, part_of: &[&str], total_of: &[&str]| ScopeDef {
            id: id.into(),
            name: id.into(),
            aliases: Vec::new(),
            part_of: part_of.iter().map(|p| p.to_string()).collect(),
            total_of: total_of.iter().map(|p| p.to_string()).collect(),
            unscoped: false,
            loc: super::super::Loc::new(&file, 1, 1),
        };
        // `all` is the total of a and b; c says it is part of all; b says so too, once kept.
        let s = Hierarchy::of_scopes(&[
            scope("all", &[], &["a", "b"]),
            scope("a", &[], &[]),
            scope("b", &["all"], &[]),
            scope("c", &["all"], &[]),
        ]);
        assert_eq!(s.parents(1), &[0]);
        assert_eq!(s.parents(2), &[0]);
        assert_eq!(s.parents(3), &[0]);
        assert!(s.parents(0).is_empty());
    }

    #[test]
    fn a_cycle_reads_as_a_path_back_to_its_start() {
        let names = ["a", "b", "c"];
        let name = |n: u32| names[n as usize];
        assert_eq!(
            Hierarchy::cycle_path(&[0, 1, 2], name, 12),
            "a -> b -> c -> a"
        );
        assert_eq!(Hierarchy::cycle_path(&[1], name, 12), "b -> b");
        assert_eq!(
            Hierarchy::cycle_path(&[0, 1, 2], name, 2),
            "a -> b -> a (and 1 more)"
        );
    }

    #[test]
    fn out_of_range_links_are_dropped() {
        let x = h(&[&[7, 1], &[]]);
        assert_eq!(x.parents(0), &[1]);
        assert_eq!(x.parents(9), &[] as &[u32]);
    }

    #[test]
    fn a_wide_diamond_visits_each_node_once() {
        // Node i (i < n) is part of every node in the next layer: 2^depth paths, n nodes.
        let layers = 20usize;
        let width = 3usize;
        let mut links: Vec<Vec<u32>> = Vec::new();
        for l in 0..layers {
            for _ in 0..width {
                links.push(if l + 1 < layers {
                    ((l + 1) * width..(l + 2) * width)
                        .map(|x| x as u32)
                        .collect()
                } else {
                    Vec::new()
                });
            }
        }
        let x = Hierarchy::new(links);
        assert_eq!(x.ancestors(0).len(), (layers - 1) * width);
        assert!(!x.is_part_of(0, 1));
        assert!(x.cycles().is_empty());
    }
}
