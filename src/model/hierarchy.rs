//! Part-of hierarchies over numbered nodes (scopes; meant to serve entities and
//! hierarchy-aware truth discovery too): each node lists the nodes it is part of.
//!
//! Every walk visits each node at most once, however many paths lead to it, so a deep or wide
//! hierarchy costs time linear in its nodes and links, and a cycle cannot loop. Cycles are
//! found once, at load, by [`Hierarchy::cycles`].

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
