//! The last few answers of a pure function, kept by their arguments.
//!
//! A frame of the call screen wraps the same checklist items, nudge and
//! footer again on every keystroke; the answers only change when those
//! texts or the width change. Keys are compared by value (never by a
//! hash), so a remembered answer is always the one the function gives.

use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::Arc;

/// A shared value compared by pointer first and by value only when the
/// pointers differ: an unchanged list of thousands of lines costs nothing.
#[derive(Clone, Debug)]
pub struct Shared<P>(pub P);

impl<T: PartialEq> PartialEq for Shared<Rc<T>> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || *self.0 == *other.0
    }
}

impl<T: PartialEq> PartialEq for Shared<Arc<T>> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || *self.0 == *other.0
    }
}

/// Remembers up to `cap` answers, the most recently used first.
pub struct Memo<K, V> {
    cap: usize,
    entries: VecDeque<(K, V)>,
}

impl<K: PartialEq, V: Clone> Memo<K, V> {
    /// An empty memo keeping `cap` answers.
    pub const fn new(cap: usize) -> Memo<K, V> {
        Memo {
            cap,
            entries: VecDeque::new(),
        }
    }

    /// The answer for `key`: remembered, or `compute`d and remembered.
    pub fn get(&mut self, key: K, compute: impl FnOnce(&K) -> V) -> V {
        if let Some(i) = self.entries.iter().position(|(k, _)| *k == key) {
            if i > 0
                && let Some(e) = self.entries.remove(i)
            {
                self.entries.push_front(e);
            }
            if let Some((_, v)) = self.entries.front() {
                return v.clone();
            }
        }
        let v = compute(&key);
        self.entries.push_front((key, v.clone()));
        self.entries.truncate(self.cap.max(1));
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the order of questions, the memo answers as the
        /// function does.
        #[test]
        fn the_memo_answers_as_the_function(keys in prop::collection::vec(0u8..12, 0..200), cap in 1usize..6) {
            let f = |k: &u8| u32::from(*k) * 7 + 3;
            let mut memo = Memo::new(cap);
            let mut computed = 0;
            for k in keys {
                let got = memo.get(k, |k| { computed += 1; f(k) });
                prop_assert_eq!(got, f(&k));
                prop_assert!(memo.entries.len() <= cap);
            }
        }
    }

    #[test]
    fn shared_values_are_equal_by_pointer_or_by_value() {
        let a = Rc::new(vec![1, 2]);
        assert_eq!(Shared(Rc::clone(&a)), Shared(a));
        assert_eq!(Shared(Rc::new(vec![1, 2])), Shared(Rc::new(vec![1, 2])));
        assert_ne!(Shared(Arc::new(1)), Shared(Arc::new(2)));
    }

    #[test]
    fn a_remembered_answer_is_not_computed_again() {
        let mut memo = Memo::new(2);
        let mut computed = 0;
        for k in [1, 2, 1, 2, 1] {
            memo.get(k, |k| {
                computed += 1;
                k * 10
            });
        }
        assert_eq!(computed, 2);
        memo.get(3, |k| k * 10); // 1 was used last: 2 goes
        memo.get(1, |_| panic!("1 is still there"));
    }
}
