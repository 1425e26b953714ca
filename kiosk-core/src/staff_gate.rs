//! The staff gate: checks a typed PIN or a scanned code against the staff hashes on a thread
//! of its own, and keeps the lockout after wrong tries in the kiosk's database.
//!
//! One Argon2id check takes tens of milliseconds (a scan takes one per staff card), and every
//! wrong try is written to disk: neither may happen on the UI thread. The UI sends an
//! [`Attempt`] with a reply; the reply runs on the gate's thread, and the UI hands it back to
//! its event loop with `upgrade_in_event_loop`, as it does with the sync worker's answers.

use std::sync::mpsc;

use crate::store::{Found, LocalStore, Lockout, MIN_PIN_DIGITS, StaffAccess, StoreError};

/// Something that may open staff mode.
pub enum Attempt {
    /// A PIN typed on the staff sign-in page.
    Pin(String),
    /// A code from the scanner.
    Card {
        /// What was scanned.
        code: String,
        /// A wrong code counts towards the lockout (false where the scan means something else
        /// anyway, such as a learner card on the Learn page or anything in staff mode).
        counts: bool,
    },
}

impl std::fmt::Debug for Attempt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Attempt::Pin(_) => f.write_str("Pin(hidden)"),
            Attempt::Card { code, counts } => write!(
                f,
                "Card({} characters, counts: {counts})",
                code.chars().count()
            ),
        }
    }
}

/// The gate's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Staff mode opens. `short_pin`: the PIN has fewer digits than a new one needs, so staff
    /// should be told to change it.
    Open {
        /// The PIN used is shorter than [`MIN_PIN_DIGITS`].
        short_pin: bool,
    },
    /// Not the PIN, or not a staff card.
    Refused {
        /// This try started a lockout, until then (Unix seconds).
        locked_until: Option<i64>,
    },
    /// Too many wrong tries: nothing is checked until then (Unix seconds).
    Locked {
        /// When tries are checked again.
        until: i64,
    },
}

/// Where the gate's answer goes (called on the gate's thread).
pub type VerdictReply = Box<dyn FnOnce(Verdict) + Send>;

/// Why the gate cannot start.
#[derive(Debug, thiserror::Error)]
pub enum GateError {
    /// The staff access or the lockout cannot be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The thread cannot be started.
    #[error("cannot start the staff gate's thread: {0}")]
    Thread(#[from] std::io::Error),
}

/// A handle to the gate's thread. Cloning it is cheap; the thread stops with the last handle.
#[derive(Clone)]
pub struct StaffGate {
    requests: mpsc::Sender<(Attempt, VerdictReply)>,
    pin_is_set: bool,
}

impl std::fmt::Debug for StaffGate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaffGate")
            .field("pin_is_set", &self.pin_is_set)
            .finish_non_exhaustive()
    }
}

impl StaffGate {
    /// Reads the staff access and the lockout from `store` (a connection of the gate's own)
    /// and starts the thread that checks attempts; `clock` gives Unix seconds.
    pub fn spawn(store: LocalStore, clock: fn() -> i64) -> Result<StaffGate, GateError> {
        let access = store.staff_access()?;
        let lockout = store.staff_lockout()?;
        let pin_is_set = access.pin_is_set();
        let (requests, incoming) = mpsc::channel::<(Attempt, VerdictReply)>();
        std::thread::Builder::new()
            .name("staff-gate".into())
            .spawn(move || {
                let mut gate = Gate {
                    store,
                    access,
                    lockout,
                };
                for (attempt, reply) in incoming {
                    reply(gate.decide(attempt, clock()));
                }
            })?;
        Ok(StaffGate {
            requests,
            pin_is_set,
        })
    }

    /// A staff PIN is set (if not, the sign-in page says how to set one).
    pub fn pin_is_set(&self) -> bool {
        self.pin_is_set
    }

    /// Checks `attempt`; `reply` gets the verdict on the gate's thread. If the gate has
    /// stopped, the attempt is refused at once.
    pub fn check(&self, attempt: Attempt, reply: VerdictReply) {
        if let Err(mpsc::SendError((_, reply))) = self.requests.send((attempt, reply)) {
            tracing::error!("the staff gate has stopped; staff mode cannot be opened");
            reply(Verdict::Refused { locked_until: None });
        }
    }
}

struct Gate {
    store: LocalStore,
    access: StaffAccess,
    lockout: Lockout,
}

impl Gate {
    fn decide(&mut self, attempt: Attempt, now: i64) -> Verdict {
        if self.lockout.is_locked(now) {
            return Verdict::Locked {
                until: self.lockout.locked_until,
            };
        }
        let (found, value, counts, by) = match attempt {
            Attempt::Pin(pin) => (self.access.check_pin(&pin), pin, true, "PIN"),
            Attempt::Card { code, counts } => {
                (self.access.check_card(&code), code, counts, "staff card")
            }
        };
        match found {
            Found::No if !counts => Verdict::Refused { locked_until: None },
            Found::No => {
                self.lockout = match self.store.record_staff_failure(now) {
                    Ok(lockout) => lockout,
                    Err(error) => {
                        tracing::warn!(%error, "cannot keep the count of wrong staff tries; counting in memory");
                        self.lockout.after_failure(now)
                    }
                };
                let locked = self.lockout.is_locked(now);
                tracing::warn!(
                    by,
                    failures = self.lockout.failures,
                    locked_for_seconds = if locked {
                        self.lockout.locked_until - now
                    } else {
                        0
                    },
                    "wrong staff sign-in"
                );
                Verdict::Refused {
                    locked_until: locked.then_some(self.lockout.locked_until),
                }
            }
            found => {
                if self.lockout != Lockout::default() {
                    if let Err(error) = self.store.clear_staff_failures() {
                        tracing::warn!(%error, "cannot clear the count of wrong staff tries");
                    }
                    self.lockout = Lockout::default();
                }
                if let Found::YesOldHash(id) = found {
                    match self.store.rehash_staff_secret(id, &value) {
                        Ok(phc) => self.access.replace_hash(id, phc),
                        Err(error) => tracing::warn!(%error, "cannot rehash an old staff secret"),
                    }
                }
                tracing::info!(by, "staff mode opened");
                Verdict::Open {
                    short_pin: by == "PIN" && value.trim().len() < MIN_PIN_DIGITS,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicI64, Ordering};
    use std::time::Duration;

    use super::*;
    use crate::store::StaffPin;

    static NOW: AtomicI64 = AtomicI64::new(1_800_000_000);

    fn now() -> i64 {
        NOW.load(Ordering::SeqCst)
    }

    fn ask(gate: &StaffGate, attempt: Attempt) -> Verdict {
        let (sender, receiver) = mpsc::channel();
        gate.check(
            attempt,
            Box::new(move |verdict| {
                let _ = sender.send(verdict);
            }),
        );
        receiver
            .recv_timeout(Duration::from_secs(30))
            .expect("the gate answers")
    }

    fn card(code: &str, counts: bool) -> Attempt {
        Attempt::Card {
            code: code.into(),
            counts,
        }
    }

    /// Wrong PINs and scanned codes that are not staff cards count towards one lockout, which
    /// lasts across a restart and locks out a right PIN too; a success starts the count again.
    #[test]
    fn wrong_pins_and_cards_lock_the_gate_across_restarts() -> Result<(), Box<dyn std::error::Error>>
    {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("kiosk.sqlite3");
        let mut store = LocalStore::open(&path)?;
        store.set_staff_pin(&StaffPin::new("482913")?)?;
        store.add_staff_card("STAFF-RIVERTON-0042")?;
        let gate = StaffGate::spawn(store, now)?;
        assert!(gate.pin_is_set());
        assert_eq!(
            ask(&gate, Attempt::Pin("482913".into())),
            Verdict::Open { short_pin: false }
        );
        let refused = Verdict::Refused { locked_until: None };
        assert_eq!(ask(&gate, Attempt::Pin("000000".into())), refused);
        assert_eq!(ask(&gate, card("K7PQM3XZR", true)), refused);
        // A learner card on the Learn page does not count.
        assert_eq!(ask(&gate, card("K7PQM3XZR", false)), refused);
        assert_eq!(ask(&gate, Attempt::Pin("111111".into())), refused);
        assert_eq!(ask(&gate, card("STAFF-SOMEONE-ELSE", true)), refused);
        let until = now() + 60;
        assert_eq!(
            ask(&gate, Attempt::Pin("222222".into())),
            Verdict::Refused {
                locked_until: Some(until)
            },
            "the fifth wrong try in a row locks for a minute"
        );
        assert_eq!(
            ask(&gate, Attempt::Pin("482913".into())),
            Verdict::Locked { until }
        );
        assert_eq!(
            ask(&gate, card("STAFF-RIVERTON-0042", true)),
            Verdict::Locked { until }
        );

        // The kiosk restarts: still locked.
        drop(gate);
        let gate = StaffGate::spawn(LocalStore::open(&path)?, now)?;
        assert_eq!(
            ask(&gate, Attempt::Pin("482913".into())),
            Verdict::Locked { until }
        );
        // The minute passes; one more wrong try locks for two.
        NOW.store(until, Ordering::SeqCst);
        assert_eq!(
            ask(&gate, Attempt::Pin("333333".into())),
            Verdict::Refused {
                locked_until: Some(until + 120)
            }
        );
        NOW.store(until + 120, Ordering::SeqCst);
        assert_eq!(
            ask(&gate, card("STAFF-RIVERTON-0042", true)),
            Verdict::Open { short_pin: false }
        );
        assert_eq!(
            LocalStore::open(&path)?.staff_lockout()?,
            Lockout::default()
        );
        assert_eq!(ask(&gate, Attempt::Pin("444444".into())), refused);
        Ok(())
    }

    #[test]
    fn an_old_short_pin_opens_once_and_says_it_should_change()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("kiosk.sqlite3");
        let store = LocalStore::open(&path)?;
        store.insert_sha256_row_for_tests("pin", "2468")?;
        assert!(store.staff_access()?.pin_has_old_hash());
        let gate = StaffGate::spawn(store, now)?;
        assert_eq!(
            ask(&gate, Attempt::Pin("2468".into())),
            Verdict::Open { short_pin: true }
        );
        // Rehashed on that use.
        let reread = LocalStore::open(&path)?.staff_access()?;
        assert!(!reread.pin_has_old_hash() && reread.check_pin("2468") == Found::Yes);
        assert_eq!(
            format!("{:?}", Attempt::Pin("2468".into())),
            "Pin(hidden)",
            "nothing typed is shown"
        );
        Ok(())
    }
}
