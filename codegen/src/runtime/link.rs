// `Link`, the box that ends a long chain of types (the rule is in
// `model::cycles`, "Long chains"). This file is real Rust, compiled and tested
// in the generator (`runtime::link_tests`), and emitted whole, as text, into
// the public module `api` of every generated crate whose types hold a link.
// Comments that are not docs (`///`) do not reach the output. It uses only
// `std` and `serde`, and no `unsafe`.

use ::std::panic::{RefUnwindSafe, UnwindSafe};

/// A value on the heap, like `Box<T>`, where a chain of types ends for rustc.
///
/// rustc follows the types a type holds (to check its drops and to decide
/// `Send`, `Sync` and the other auto traits) only so deep: 128 levels unless
/// the crate raises its `recursion_limit`. Where schemas refer to each other
/// in a chain deeper than that, the generated type holds the next one by a
/// `Link`, whose value sits behind a trait object that rustc does not look
/// into. Nothing else changes: a `Link<T>` derefs to `T`, converts from a
/// `T`, compares, clones and prints as `T` does, and reads and writes the
/// JSON of `T`. It is `Send`, `Sync`, `Unpin` and unwind-safe, as the
/// generated types are.
///
/// ```text
/// let link: api::Link<Node> = node.into();   // or api::Link::new(node)
/// println!("{:?}", link.name);              // a field of the Node
/// let node: Node = link.into_inner();
/// ```
pub struct Link<T>(Box<dyn Held<T>>);

/// What a link holds: a `T`, behind a trait object.
trait Held<T>: Send + Sync + UnwindSafe + RefUnwindSafe {
    fn get(&self) -> &T;
    fn get_mut(&mut self) -> &mut T;
    fn take(self: Box<Self>) -> T;
    fn clone_box(&self) -> Box<dyn Held<T>>;
}

/// The one implementation of `Held`: on a wrapper, not on every `T`, so that
/// its methods never stand in for a `T`'s own (`Vec::get`) in this module.
struct Slot<T>(T);

impl<T: Clone + Send + Sync + UnwindSafe + RefUnwindSafe + 'static> Held<T> for Slot<T> {
    fn get(&self) -> &T {
        &self.0
    }
    fn get_mut(&mut self) -> &mut T {
        &mut self.0
    }
    fn take(self: Box<Self>) -> T {
        self.0
    }
    fn clone_box(&self) -> Box<dyn Held<T>> {
        Box::new(Slot(self.0.clone()))
    }
}

impl<T: Clone + Send + Sync + UnwindSafe + RefUnwindSafe + 'static> Link<T> {
    /// Put `value` on the heap, behind a link.
    #[inline]
    pub fn new(value: T) -> Self {
        Link(Box::new(Slot(value)))
    }
}

impl<T> Link<T> {
    /// The value, moved out of the link.
    #[inline]
    pub fn into_inner(self) -> T {
        self.0.take()
    }
}

impl<T> ::std::ops::Deref for Link<T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        self.0.get()
    }
}

impl<T> ::std::ops::DerefMut for Link<T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut T {
        self.0.get_mut()
    }
}

impl<T> AsRef<T> for Link<T> {
    #[inline]
    fn as_ref(&self) -> &T {
        self.0.get()
    }
}

impl<T> AsMut<T> for Link<T> {
    #[inline]
    fn as_mut(&mut self) -> &mut T {
        self.0.get_mut()
    }
}

impl<T: Clone + Send + Sync + UnwindSafe + RefUnwindSafe + 'static> From<T> for Link<T> {
    #[inline]
    fn from(value: T) -> Self {
        Link::new(value)
    }
}

impl<T: Clone + Send + Sync + UnwindSafe + RefUnwindSafe + 'static> From<Box<T>> for Link<T> {
    #[inline]
    fn from(value: Box<T>) -> Self {
        Link::new(*value)
    }
}

impl<T> Clone for Link<T> {
    #[inline]
    fn clone(&self) -> Self {
        Link(self.0.clone_box())
    }
}

impl<T: Default + Clone + Send + Sync + UnwindSafe + RefUnwindSafe + 'static> Default for Link<T> {
    #[inline]
    fn default() -> Self {
        Link::new(T::default())
    }
}

impl<T: ::std::fmt::Debug> ::std::fmt::Debug for Link<T> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        self.0.get().fmt(f)
    }
}

impl<T: PartialEq> PartialEq for Link<T> {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        self.0.get() == other.0.get()
    }
}

impl<T: ::serde::Serialize> ::serde::Serialize for Link<T> {
    #[inline]
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.get().serialize(serializer)
    }
}

impl<'de, T: ::serde::Deserialize<'de> + Clone + Send + Sync + UnwindSafe + RefUnwindSafe + 'static> ::serde::Deserialize<'de> for Link<T> {
    #[inline]
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Link::new)
    }
}
