//! Learner progress merges the same whatever order kiosks' records arrive in: the merge is
//! commutative, associative and idempotent (property tests over random progress).

use proptest::prelude::*;
use wire::ProgressRecord;

fn progress() -> impl Strategy<Value = ProgressRecord> {
    (
        proptest::collection::btree_set("[a-e]{1,2}", 0..6),
        proptest::option::of(0u32..=5),
        any::<bool>(),
    )
        .prop_map(|(steps_done, best_score, passed)| ProgressRecord {
            learner_code: "K7PQM3XZA".into(),
            module: "strong-passwords".into(),
            steps_done,
            best_score,
            passed,
        })
}

proptest! {
    #[test]
    fn merging_is_commutative(a in progress(), b in progress()) {
        prop_assert_eq!(a.merge(&b), b.merge(&a));
    }

    #[test]
    fn merging_is_associative(a in progress(), b in progress(), c in progress()) {
        prop_assert_eq!(a.merge(&b).merge(&c), a.merge(&b.merge(&c)));
    }

    #[test]
    fn merging_is_idempotent(a in progress(), b in progress()) {
        prop_assert_eq!(a.merge(&a), a.clone());
        let once = a.merge(&b);
        prop_assert_eq!(once.merge(&b), once);
    }

    #[test]
    fn merging_keeps_the_best_of_both(a in progress(), b in progress()) {
        let merged = a.merge(&b);
        prop_assert!(merged.steps_done.is_superset(&a.steps_done));
        prop_assert!(merged.steps_done.is_superset(&b.steps_done));
        prop_assert_eq!(merged.best_score, a.best_score.max(b.best_score));
        prop_assert_eq!(merged.passed, a.passed || b.passed);
    }
}
