//! Work spread over the machine's cores.
//!
//! A build script runs unoptimized, and the steps of the generator that
//! take longest there go through one large mapping, most of all
//! `components/schemas`, whose entries are independent. These split such a
//! list into one contiguous run per core, so what each run gives comes back
//! in order and the result never depends on the number of cores.

/// The stack of every thread the generator starts. Reading, normalizing,
/// emitting and laying out each recurse once per level of a nested schema
/// or type: in an unoptimized build (a build script's dependencies, by
/// default) that takes about 30 KiB a level, so a thread's default 2 MiB
/// overflow on `Vec<...>` nested 68 deep (and the calling thread, a build
/// script's main thread, has 8 MiB). How deep a type nests is bounded by the
/// document: the YAML and JSON parsers refuse nesting beyond 128 (a few
/// levels more for a YAML document read in parts, `load::split`), and a
/// schema level adds at most two types (`Option<Vec<...>>`, or a map), so no
/// type nests past about 260 levels, which takes under 8 MiB (the hostile
/// cases `deep_array_nullable_124` and `_124_last`, the deep schema on a
/// thread of its own, are that limit). 16 MiB leaves room to spare; a stack
/// is only reserved, its memory taken as it is used.
pub(crate) const STACK: usize = 16 << 20;

/// How many threads to spread work over: the machine's cores, at most 8.
pub(crate) fn count() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8)
}

/// `work` on the calling thread and on `count() - 1` threads of [`STACK`]
/// beside it. A thread the system refuses is left out: the others, the
/// calling thread at least, share what it would have done.
pub(crate) fn on_every_core(work: impl Fn() + Sync) {
    std::thread::scope(|scope| {
        for _ in 1..count() {
            if std::thread::Builder::new().stack_size(STACK).spawn_scoped(scope, &work).is_err() {
                break;
            }
        }
        work();
    });
}

/// `a` on a thread of [`STACK`] (or here, if the system refuses one) beside
/// `b` on this one.
pub(crate) fn join<A: Send, B>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B) -> (A, B) {
    let slot = std::sync::Mutex::new(Some(a));
    let take = || slot.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
    std::thread::scope(|scope| {
        let other = std::thread::Builder::new().stack_size(STACK).spawn_scoped(scope, || take().map(|a| a()));
        let b = b();
        let a = match other.map(std::thread::ScopedJoinHandle::join) {
            Ok(Ok(a)) => a,
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            Err(_) => None,
        };
        (a.or_else(|| take().map(|a| a())).expect("the thread or this one does `a`"), b)
    })
}

/// `f` on each of `items`, which it may change, in one contiguous run per core.
pub(crate) fn for_each_mut<T: Send>(items: &mut [T], f: impl Fn(&mut T) + Sync) {
    let runs = std::sync::Mutex::new(items.chunks_mut(items.len().div_ceil(count()).max(1)));
    on_every_core(|| {
        while let Some(run) = next(&runs) {
            run.iter_mut().for_each(&f);
        }
    });
}

/// `f` of each of `items`, in order, in one contiguous run per core.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let runs = std::sync::Mutex::new(items.chunks(items.len().div_ceil(count()).max(1)).enumerate());
    let done = std::sync::Mutex::new(Vec::new());
    on_every_core(|| {
        while let Some((n, run)) = next(&runs) {
            let results: Vec<R> = run.iter().map(&f).collect();
            done.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((n, results));
        }
    });
    let mut done = done.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    done.sort_by_key(|(n, _)| *n);
    done.into_iter().flat_map(|(_, results)| results).collect()
}

/// The next item of a shared iterator.
fn next<I: Iterator>(shared: &std::sync::Mutex<I>) -> Option<I::Item> {
    shared.lock().unwrap_or_else(std::sync::PoisonError::into_inner).next()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each thread has a [`STACK`]: work that needs more than a default
    /// thread's 2 MiB (here about 3 MiB, unoptimized) runs on every one of them.
    #[test]
    fn threads_have_the_stack_deep_schemas_need() {
        fn deep(n: usize) -> usize {
            let frame = std::hint::black_box([0u8; 1024]);
            if n == 0 {
                usize::from(frame[0])
            } else {
                deep(n - 1) + 1
            }
        }
        let on_a_large_stack = || {
            let mut items = vec![0; 4];
            for_each_mut(&mut items, |i| *i = deep(1500));
            assert_eq!(items, [1500; 4]);
            assert_eq!(map(&items, |&i| deep(i)), [1500; 4]);
            assert_eq!(join(|| deep(1500), || 1), (1500, 1));
        };
        // The calling thread has a build script's 8 MiB.
        std::thread::Builder::new().stack_size(8 << 20).spawn(on_a_large_stack).unwrap().join().unwrap();
    }

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
