//! Sync planning as a pure function: given what the outbox holds and what the server said in
//! the handshake, what to mark, what to send again, and what can no longer be recovered.
//! No I/O here, so every case (lost acknowledgements, a server restored from backup, a
//! conflict, a revoked device) is a row in a table test.

use std::collections::BTreeSet;

use wire::{HelloAnswer, SeqRange};

use crate::store::OutboxView;

/// What the server answered to the handshake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServerSaid {
    /// It answered: here is what it holds.
    Holds(HelloAnswer),
    /// It refused this kiosk (revoked, quarantined or unknown), with its reason.
    Refused(String),
}

/// What to do before sending.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Pending records the server already holds (their acknowledgement was lost): mark them
    /// acknowledged without sending.
    pub acknowledge: Vec<u64>,
    /// Acknowledged records the server no longer holds (restored from an older backup):
    /// make them pending again.
    pub resend: Vec<u64>,
    /// Records the server lacks that this kiosk can no longer send (pruned or erased).
    pub lost: Vec<SeqRange>,
    /// Records the server refused because it holds other content under their numbers (a
    /// conflict, shown to staff): append their content again under new numbers, so nothing
    /// is lost, and never send the old numbers again.
    pub renumber: Vec<u64>,
    /// The server holds numbers this kiosk has not written (its database was restored or
    /// replaced): continue numbering after this one.
    pub skip_past: Option<u64>,
    /// How many records to send after the steps above.
    pub to_send: usize,
    /// Do not send: the server refused this kiosk.
    pub stop: Option<String>,
}

/// Plans a sync pass.
pub fn plan(outbox: &OutboxView, said: &ServerSaid) -> Plan {
    let answer = match said {
        ServerSaid::Refused(reason) => {
            return Plan {
                stop: Some(reason.clone()),
                ..Plan::default()
            };
        }
        ServerSaid::Holds(answer) => answer,
    };
    let missing = |seq: u64| answer.missing.iter().any(|range| range.contains(seq));
    let conflicts: BTreeSet<u64> = answer.conflicts.iter().copied().collect();
    // A server holding numbers beyond what this kiosk wrote means this database was restored
    // or replaced: what the server holds under a pending number may be another record, so
    // pending records are sent (the server compares hashes) rather than assumed delivered.
    let replaced = answer.high_water > outbox.last_seq;
    let renumber: Vec<u64> = outbox
        .unacked
        .union(&outbox.acked_kept)
        .copied()
        .filter(|seq| conflicts.contains(seq))
        .collect();
    let acknowledge: Vec<u64> = if replaced {
        Vec::new()
    } else {
        outbox
            .unacked
            .iter()
            .copied()
            .filter(|&seq| !missing(seq) && !conflicts.contains(&seq))
            .collect()
    };
    let resend: Vec<u64> = outbox
        .acked_kept
        .iter()
        .copied()
        .filter(|&seq| missing(seq) && !conflicts.contains(&seq))
        .collect();
    let lost = wire::to_ranges(answer.missing.iter().flat_map(|range| {
        (range.first..=range.last.min(outbox.last_seq))
            .filter(|seq| !outbox.unacked.contains(seq) && !outbox.acked_kept.contains(seq))
    }));
    let still_pending = outbox
        .unacked
        .iter()
        .filter(|seq| !acknowledge.contains(seq) && !conflicts.contains(seq))
        .count();
    Plan {
        to_send: still_pending + resend.len() + renumber.len(),
        acknowledge,
        resend,
        lost,
        renumber,
        skip_past: replaced.then_some(answer.high_water),
        stop: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(last_seq: u64, unacked: &[u64], acked_kept: &[u64]) -> OutboxView {
        OutboxView {
            last_seq,
            unacked: unacked.iter().copied().collect(),
            acked_kept: acked_kept.iter().copied().collect(),
        }
    }

    fn holds(high_water: u64, missing: &[(u64, u64)], conflicts: &[u64]) -> ServerSaid {
        ServerSaid::Holds(HelloAnswer {
            high_water,
            missing: missing
                .iter()
                .map(|&(first, last)| SeqRange { first, last })
                .collect(),
            conflicts: conflicts.to_vec(),
            server_time: 0,
            max_chunk: 1 << 20,
            max_batch: 16 << 20,
            statuses: Vec::new(),
            status_cursor: 0,
            batch_dictionaries: Vec::new(),
            packed_bodies: false,
            magicless_batches: false,
            max_records: 0,
        })
    }

    fn range(first: u64, last: u64) -> SeqRange {
        SeqRange { first, last }
    }

    #[test]
    fn planning_table() {
        struct Case {
            name: &'static str,
            outbox: OutboxView,
            said: ServerSaid,
            expected: Plan,
        }
        let cases = [
            Case {
                name: "nothing written, nothing held",
                outbox: view(0, &[], &[]),
                said: holds(0, &[], &[]),
                expected: Plan::default(),
            },
            Case {
                name: "normal: the server lacks exactly what is pending",
                outbox: view(5, &[4, 5], &[1, 2, 3]),
                said: holds(3, &[(4, 5)], &[]),
                expected: Plan {
                    to_send: 2,
                    ..Plan::default()
                },
            },
            Case {
                name: "lost acknowledgements: the server stored 4 and 5, the kiosk never heard",
                outbox: view(6, &[4, 5, 6], &[1, 2, 3]),
                said: holds(5, &[(6, 6)], &[]),
                expected: Plan {
                    acknowledge: vec![4, 5],
                    to_send: 1,
                    ..Plan::default()
                },
            },
            Case {
                name: "priority order left a gap: the server has 3 (a request) but not 1 and 2",
                outbox: view(3, &[1, 2], &[3]),
                said: holds(3, &[(1, 2)], &[]),
                expected: Plan {
                    to_send: 2,
                    ..Plan::default()
                },
            },
            Case {
                name: "server restored from an older backup: 3–5 must go again",
                outbox: view(6, &[6], &[1, 2, 3, 4, 5]),
                said: holds(2, &[(3, 6)], &[]),
                expected: Plan {
                    resend: vec![3, 4, 5],
                    to_send: 4,
                    ..Plan::default()
                },
            },
            Case {
                name: "server restored, but 1–2 were pruned here long ago",
                outbox: view(4, &[4], &[3]),
                said: holds(0, &[(1, 4)], &[]),
                expected: Plan {
                    resend: vec![3],
                    lost: vec![range(1, 2)],
                    to_send: 2,
                    ..Plan::default()
                },
            },
            Case {
                name: "hash conflict: the server holds other content under 2",
                outbox: view(3, &[2, 3], &[1]),
                said: holds(2, &[(3, 3)], &[2]),
                expected: Plan {
                    renumber: vec![2],
                    to_send: 2,
                    ..Plan::default()
                },
            },
            Case {
                name: "kiosk database replaced: the server holds 1–40, this kiosk wrote 1–2",
                outbox: view(2, &[1, 2], &[]),
                said: holds(40, &[], &[]),
                expected: Plan {
                    skip_past: Some(40),
                    to_send: 2,
                    ..Plan::default()
                },
            },
            Case {
                name: "after the replaced kiosk sent them: 1 matched, 2 was another record",
                outbox: view(2, &[2], &[1]),
                said: holds(40, &[], &[2]),
                expected: Plan {
                    renumber: vec![2],
                    skip_past: Some(40),
                    to_send: 1,
                    ..Plan::default()
                },
            },
            Case {
                name: "revoked device: send nothing",
                outbox: view(3, &[1, 2, 3], &[]),
                said: ServerSaid::Refused("this kiosk was revoked".into()),
                expected: Plan {
                    stop: Some("this kiosk was revoked".into()),
                    ..Plan::default()
                },
            },
        ];
        for case in cases {
            assert_eq!(
                plan(&case.outbox, &case.said),
                case.expected,
                "{}",
                case.name
            );
        }
    }
}
