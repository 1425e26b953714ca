//! Staff mode, for librarians and community workers: opened with the staff PIN (the "Staff"
//! button on the attract screen) or by scanning a staff card anywhere. PINs and scanned codes
//! are checked by the [`StaffGate`] on its own thread (Argon2id, and a lockout kept on disk
//! that wrong PINs and scanned codes that are not staff cards count towards). It shows the kiosk's
//! connection and device statuses, and lets staff sync now, print a test ticket or a new
//! learner card, mark the current visit as assisted, and enrol the kiosk with a ticket or
//! code typed or scanned (the sync worker does the enrolling, off the UI thread).

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use slint::{ComponentHandle as _, ModelRc, SharedString, VecModel};
use wire::EventKind;

use super::state::UiState;
use super::{AdminAdapter, DeviceLine, KioskWindow, Page, handler};
use crate::codes::LearnerCode;
use crate::devices::Printout;
use crate::staff_gate::{Attempt, StaffGate, Verdict};
use crate::sync::conditions::SyncFacts;
use crate::sync::screen_enrolment::EntryProblem;
use crate::sync::{EnrolEntry, EnrolFailure, EnrolledAs, Enroller, SharedConditions};

/// What staff mode needs from the rest of the kiosk.
#[derive(Clone, Default)]
pub struct StaffParts {
    /// Checks PINs and staff cards (absent: staff mode cannot be opened).
    pub gate: Option<StaffGate>,
    /// Device statuses and link conditions reported by the hardware.
    pub conditions: Option<SharedConditions>,
    /// Asks the sync worker to sync now.
    pub force_sync: Option<Arc<dyn Fn() + Send + Sync>>,
    /// Asks the sync worker to enrol the kiosk (absent without a sync worker).
    pub enroller: Option<Enroller>,
    /// Where the kiosk is enrolled now (None: not enrolled).
    pub enrolled: Option<EnrolledAs>,
}

pub(super) fn wire(window: &KioskWindow, state: &Rc<RefCell<UiState>>) {
    let adapter = window.global::<AdminAdapter>();
    let open = handler(window, state, |window, state, ()| open_pin(window, state));
    adapter.on_open(move || open(()));
    adapter.on_enter_pin(handler(
        window,
        state,
        |window, state, pin: SharedString| enter_pin(window, state, &pin),
    ));
    let test_print = handler(window, state, |window, state, ()| {
        let printout = Printout::Service {
            title: state.text("admin-test-print"),
            lines: vec![state.text("admin-title")],
            link: None,
            link_note: String::new(),
        };
        super::print(window, state, printout);
    });
    adapter.on_test_print(move || test_print(()));
    let force_sync = handler(window, state, |window, state, ()| {
        if let Some(sync) = &state.staff.force_sync {
            sync();
        }
        window
            .global::<AdminAdapter>()
            .set_message(state.text("admin-sync-asked").into());
    });
    adapter.on_force_sync(move || force_sync(()));
    let learner_card = handler(window, state, |window, state, ()| {
        let printout = Printout::LearnerCard {
            title: state.text("card-title"),
            code: LearnerCode::new().to_string(),
            note: state.text("card-body"),
        };
        super::print(window, state, printout);
    });
    adapter.on_learner_card(move || learner_card(()));
    let mark_assisted = handler(window, state, |window, state, ()| {
        if state.visits.is_active() {
            state.visits.record(EventKind::StaffAssisted);
            let adapter = window.global::<AdminAdapter>();
            adapter.set_visit_active(false);
            adapter.set_message(state.text("admin-assisted-done").into());
        }
    });
    adapter.on_mark_assisted(move || mark_assisted(()));
    adapter.on_enrol(handler(
        window,
        state,
        |window, state, entry: SharedString| enrol(window, state, &entry),
    ));
    let leave = handler(window, state, |window, state, ()| leave(window, state));
    adapter.on_leave(move || leave(()));
}

fn open_pin(window: &KioskWindow, state: &mut UiState) {
    let adapter = window.global::<AdminAdapter>();
    adapter.set_pin_entry(SharedString::new());
    adapter.set_pin_message(if pin_is_set(state) {
        SharedString::new()
    } else {
        state.text("admin-pin-not-set").into()
    });
    super::go(window, state, Page::AdminPin);
}

fn pin_is_set(state: &UiState) -> bool {
    state.staff.gate.as_ref().is_some_and(StaffGate::pin_is_set)
}

/// A PIN was typed: the gate checks it on its own thread and the verdict comes back here.
fn enter_pin(window: &KioskWindow, state: &mut UiState, pin: &str) {
    let adapter = window.global::<AdminAdapter>();
    adapter.set_pin_entry(SharedString::new());
    let Some(gate) = state.staff.gate.clone().filter(StaffGate::pin_is_set) else {
        adapter.set_pin_message(state.text("admin-pin-not-set").into());
        return;
    };
    adapter.set_pin_message(SharedString::new());
    let weak = window.as_weak();
    gate.check(
        Attempt::Pin(pin.to_owned()),
        Box::new(move |verdict| {
            let _ = weak.upgrade_in_event_loop(move |window| {
                super::with_state(|state| pin_checked(&window, state, verdict));
            });
        }),
    );
}

/// Opens staff mode, or says why not, if the sign-in page is still showing.
fn pin_checked(window: &KioskWindow, state: &mut UiState, verdict: Verdict) {
    if window.global::<super::AppAdapter>().get_page() != Page::AdminPin {
        return;
    }
    let adapter = window.global::<AdminAdapter>();
    match verdict {
        Verdict::Open { short_pin } => {
            show_admin(window, state);
            if short_pin {
                adapter.set_message(state.text("admin-pin-short").into());
            }
        }
        Verdict::Refused { locked_until: None } => {
            adapter.set_pin_message(state.text("admin-pin-wrong").into());
        }
        Verdict::Refused {
            locked_until: Some(until),
        }
        | Verdict::Locked { until } => {
            adapter.set_pin_message(locked_message(state, until).into());
        }
    }
}

/// "Locked; minutes to wait: N", to the nearest minute and at least one (a lockout of a
/// minute read a second early is still "1 minute", not "2").
fn locked_message(state: &UiState, until: i64) -> String {
    let minutes = (((until - state.visits.now()).max(1) + 30) / 60).max(1);
    state.format("admin-pin-locked", &[("minutes", minutes.into())])
}

/// A scanned code: an enrolment ticket scanned in staff mode enrols the kiosk; a learner card
/// on the Learn page opens that learner's progress at once; a request ticket on the home
/// screen or the "Check a request" page shows where that request stands; and every code goes
/// to the staff gate, where a staff card opens staff mode (the verdict comes back on the UI
/// thread). A code counts as a wrong try unless staff mode is open or a page took it.
pub(super) fn scanned(window: &KioskWindow, state: &mut UiState, code: &str) {
    let page = window.global::<super::AppAdapter>().get_page();
    if wire::EnrolmentTicket::looks_like_one(code) && page == Page::Admin {
        window
            .global::<AdminAdapter>()
            .set_enrol_entry(code.trim().into());
        enrol(window, state, code);
        return;
    }
    let learner_card = super::learn::takes(page, code);
    if learner_card {
        super::learn::scanned(window, state, code);
    }
    let request_ticket = super::check::takes(page, code);
    if request_ticket {
        super::check::scanned(window, state, code);
    }
    let Some(gate) = state.staff.gate.clone() else {
        return;
    };
    let weak = window.as_weak();
    gate.check(
        Attempt::Card {
            code: code.to_owned(),
            counts: page != Page::Admin && !learner_card && !request_ticket,
        },
        Box::new(move |verdict| {
            let _ = weak.upgrade_in_event_loop(move |window| {
                super::with_state(|state| match verdict {
                    Verdict::Open { .. } => show_admin(&window, state),
                    Verdict::Refused {
                        locked_until: Some(until),
                    }
                    | Verdict::Locked { until } => show_locked_on_pin_page(&window, state, until),
                    Verdict::Refused { locked_until: None } => {}
                });
            });
        }),
    );
}

/// If the sign-in page is showing, says that sign-in is locked.
fn show_locked_on_pin_page(window: &KioskWindow, state: &UiState, until: i64) {
    if window.global::<super::AppAdapter>().get_page() == Page::AdminPin {
        window
            .global::<AdminAdapter>()
            .set_pin_message(locked_message(state, until).into());
    }
}

fn show_admin(window: &KioskWindow, state: &mut UiState) {
    let adapter = window.global::<AdminAdapter>();
    adapter.set_online(state.online());
    adapter.set_visit_active(state.visits.is_active());
    adapter.set_message(SharedString::new());
    adapter.set_enrolled_as(enrolled_as(state).into());
    if !adapter.get_enrol_busy() {
        adapter.set_enrol_message(SharedString::new());
        adapter.set_enrol_failed(false);
    }
    let conditions = state
        .staff
        .conditions
        .as_ref()
        .and_then(|conditions| conditions.lock().ok().map(|c| c.clone()))
        .unwrap_or_default();
    adapter.set_sync_lines(ModelRc::new(VecModel::from(sync_lines(
        state,
        conditions.sync.as_ref(),
    ))));
    let devices: Vec<DeviceLine> = conditions
        .devices
        .into_iter()
        .map(|(name, status)| DeviceLine {
            name: name.into(),
            status: status.into(),
        })
        .collect();
    adapter.set_devices(ModelRc::new(VecModel::from(devices)));
    super::go(window, state, Page::Admin);
}

/// Where the kiosk is enrolled, as a sentence.
fn enrolled_as(state: &UiState) -> String {
    match &state.staff.enrolled {
        Some(at) => state.format(
            "admin-enrolled-as",
            &[
                ("kiosk", at.kiosk_id.clone().into()),
                ("site", at.site.clone().into()),
                ("neighbourhood", at.neighbourhood.clone().into()),
            ],
        ),
        None => state.text("admin-not-enrolled"),
    }
}

/// Enrols the kiosk with what staff typed or scanned. The answer comes back from the sync
/// worker and is shown if staff mode is still open.
fn enrol(window: &KioskWindow, state: &mut UiState, entry: &str) {
    let adapter = window.global::<AdminAdapter>();
    if adapter.get_enrol_busy() {
        return;
    }
    let problem = |adapter: &AdminAdapter, id: &str| {
        adapter.set_enrol_failed(true);
        adapter.set_enrol_message(state.text(id).into());
    };
    let entry = match entry.parse::<EnrolEntry>() {
        Ok(entry) => entry,
        Err(EntryProblem::Empty) => return problem(&adapter, "admin-enrol-empty"),
        Err(EntryProblem::BadTicket) => return problem(&adapter, "admin-enrol-bad-ticket"),
        Err(EntryProblem::BadCode) => return problem(&adapter, "admin-enrol-bad-code"),
    };
    let Some(enroller) = state.staff.enroller.clone() else {
        return problem(&adapter, "admin-enrol-unreachable");
    };
    adapter.set_enrol_busy(true);
    adapter.set_enrol_failed(false);
    adapter.set_enrol_message(state.text("admin-enrol-working").into());
    let weak = window.as_weak();
    enroller(
        entry,
        Box::new(move |answer| {
            let _ = weak.upgrade_in_event_loop(move |window| {
                super::with_state(|state| enrolled(&window, state, answer));
            });
        }),
    );
}

/// Shows how an enrolment went.
fn enrolled(window: &KioskWindow, state: &mut UiState, answer: Result<EnrolledAs, EnrolFailure>) {
    let adapter = window.global::<AdminAdapter>();
    adapter.set_enrol_busy(false);
    match answer {
        Ok(at) => {
            let done = state.format(
                "admin-enrol-done",
                &[
                    ("kiosk", at.kiosk_id.clone().into()),
                    ("site", at.site.clone().into()),
                    ("neighbourhood", at.neighbourhood.clone().into()),
                ],
            );
            state.staff.enrolled = Some(at);
            adapter.set_enrol_entry(SharedString::new());
            adapter.set_enrol_failed(false);
            adapter.set_enrol_message(done.into());
            adapter.set_enrolled_as(enrolled_as(state).into());
        }
        Err(failure) => {
            let message = match failure {
                EnrolFailure::NoServerKnown => state.text("admin-enrol-need-ticket"),
                EnrolFailure::CodeRefused(_) => state.text("admin-enrol-refused"),
                EnrolFailure::Unreachable(_) => state.text("admin-enrol-unreachable"),
                EnrolFailure::WrongServer => state.text("admin-enrol-wrong-server"),
                EnrolFailure::Other(detail) => {
                    state.format("admin-enrol-failed", &[("detail", detail.into())])
                }
            };
            adapter.set_enrol_failed(true);
            adapter.set_enrol_message(message.into());
        }
    }
}

/// The sync facts as sentences in the screen's language (none before the first pass).
fn sync_lines(state: &UiState, facts: Option<&SyncFacts>) -> Vec<SharedString> {
    let Some(facts) = facts else {
        return Vec::new();
    };
    let when = facts
        .last_success_at
        .and_then(|at| time::OffsetDateTime::from_unix_timestamp(at).ok())
        .and_then(|at| {
            at.format(time::macros::format_description!(
                "[year]-[month]-[day] [hour]:[minute] UTC"
            ))
            .ok()
        })
        .unwrap_or_else(|| state.text("admin-never"));
    let mut lines = vec![
        state.format("admin-waiting", &[("count", (facts.waiting as i64).into())]),
        state.format("admin-last-success", &[("when", when.into())]),
        state.format(
            "admin-sent-today",
            &[("bytes", (facts.bytes_today as i64).into())],
        ),
    ];
    if let Some(offset) = facts.clock_offset.filter(|offset| offset.abs() > 60) {
        lines.push(state.format("admin-clock", &[("seconds", offset.abs().into())]));
    }
    if let Some(message) = &facts.last_message {
        lines.push(state.format("admin-last-attempt", &[("message", message.clone().into())]));
    }
    lines.into_iter().map(SharedString::from).collect()
}

/// Back to where staff mode was opened from (the attract screen, or the resident's page).
fn leave(window: &KioskWindow, state: &mut UiState) {
    let mut back_to = Page::Attract;
    while let Some(page) = state.history.pop() {
        if !matches!(page, Page::Admin | Page::AdminPin) {
            back_to = page;
            break;
        }
    }
    super::show(window, state, back_to);
}
