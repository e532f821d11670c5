//! Work spread over the machine's cores.
//!
//! A build script runs unoptimized, and the steps of the generator that
//! take longest there go through one large mapping, most of all
//! `components/schemas`, whose entries are independent. These split such a
//! list into one contiguous run per core, so what each run gives comes back
//! in order and the result never depends on the number of cores.

/// How many threads to spread work over: the machine's cores, at most 8.
pub(crate) fn count() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8)
}

/// `f` on each of `items`, which it may change, one contiguous run per core.
pub(crate) fn for_each_mut<T: Send>(items: &mut [T], f: impl Fn(&mut T) + Sync) {
    let size = items.len().div_ceil(count()).max(1);
    std::thread::scope(|scope| {
        let mut runs = items.chunks_mut(size);
        let first = runs.next();
        for run in runs {
            scope.spawn(|| run.iter_mut().for_each(&f));
        }
        first.into_iter().flatten().for_each(&f);
    });
}

/// `f` of each of `items`, in order, one contiguous run per core.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let size = items.len().div_ceil(count()).max(1);
    std::thread::scope(|scope| {
        let mut runs = items.chunks(size);
        let first = runs.next();
        let others: Vec<_> = runs.map(|run| scope.spawn(|| run.iter().map(&f).collect::<Vec<R>>())).collect();
        let mut out: Vec<R> = first.into_iter().flatten().map(&f).collect();
        for other in others {
            match other.join() {
                Ok(results) => out.extend(results),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_order() {
        let items: Vec<usize> = (0..1001).collect();
        assert_eq!(map(&items, |i| i * 2), items.iter().map(|i| i * 2).collect::<Vec<_>>());
        let mut changed = items.clone();
        for_each_mut(&mut changed, |i| *i += 1);
        assert_eq!(changed, (1..1002).collect::<Vec<_>>());
        assert!(map(&[] as &[usize], |i| *i).is_empty());
    }
}
