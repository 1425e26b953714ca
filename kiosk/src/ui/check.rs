//! "Check a request": a resident types the reference on their ticket, or scans its QR code,
//! and sees where the request stands in their own language, from what this kiosk has synced
//! at once and from the server when it can be reached. The status can be read aloud (the
//! screen's "Listen") and printed.

use slint::{ComponentHandle as _, SharedString};
use wire::{RequestStatus, RequestStatusAnswer};

use super::state::UiState;
use super::{AppAdapter, CheckAdapter, HomeAdapter, KioskWindow, Page, go, handler};
use crate::codes::Reference;
use crate::devices::Printout;
use crate::store::KnownStatus;

/// Where an answer came from, which the resident is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The server, just now.
    Server,
    /// A status note this kiosk received in an earlier sync.
    KioskCopy,
    /// This kiosk's own record of a request made here.
    MadeHere,
}

/// What is known about the request being checked, from the kiosk's store and the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// The reference, checked by its check character.
    pub reference: Reference,
    /// What this kiosk knows (`None` until its store answered).
    pub local: Option<Option<Known>>,
    /// What the server said.
    pub server: Asked,
}

/// Where the question to the server stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asked {
    /// Not asked (offline, or no sync worker).
    Never,
    /// Asked, no answer yet.
    Asking,
    /// Answered: the request as the server has it, or none.
    Answered(Option<Known>),
    /// The server could not be reached in time.
    Failed,
}

/// What to show, once enough is known: the server's answer when there is one; else this
/// kiosk's (a request made here and not sent yet is known only here).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    /// Not yet: keep waiting.
    Waiting,
    /// Show this.
    Show(Known),
    /// Say that no such request is known (message id).
    Unknown(&'static str),
}

impl Checked {
    fn outcome(&self) -> Outcome {
        match (&self.server, &self.local) {
            (Asked::Asking, _) => Outcome::Waiting,
            (Asked::Answered(Some(known)), _) => Outcome::Show(known.clone()),
            (_, None) => Outcome::Waiting,
            (Asked::Answered(None), Some(Some(known))) if known.source == Source::MadeHere => {
                Outcome::Show(known.clone())
            }
            (Asked::Answered(None), Some(_)) => Outcome::Unknown("check-unknown"),
            (Asked::Never | Asked::Failed, Some(Some(known))) => Outcome::Show(known.clone()),
            (Asked::Never | Asked::Failed, Some(None)) => Outcome::Unknown("check-unknown-offline"),
        }
    }

    /// What is shown now, if anything.
    fn shown(&self) -> Option<Known> {
        match self.outcome() {
            Outcome::Show(known) => Some(known),
            _ => None,
        }
    }
}

/// A request's status as the resident is shown it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    /// `None`: made here and not sent yet.
    pub status: Option<RequestStatus>,
    /// The phrase id the case worker chose.
    pub phrase: Option<String>,
    /// The case worker's own words (only from the server).
    pub message: Option<String>,
    /// Unix seconds of the last change.
    pub changed_at: Option<i64>,
    /// Where this came from.
    pub source: Source,
}

/// Connects the page's callbacks and the home screen's button.
pub fn wire(window: &KioskWindow, state: &std::rc::Rc<std::cell::RefCell<UiState>>) {
    let open_page = handler(window, state, |window, state, ()| open(window, state));
    window
        .global::<HomeAdapter>()
        .on_check_request(move || open_page(()));
    let adapter = window.global::<CheckAdapter>();
    adapter.on_check(handler(
        window,
        state,
        |window, state, typed: SharedString| check(window, state, &typed),
    ));
    let print = handler(window, state, |window, state, ()| print(window, state));
    adapter.on_print(move || print(()));
    let another = handler(window, state, |window, state, ()| {
        state.checked = None;
        clear(window);
    });
    adapter.on_check_another(move || another(()));
}

/// Opens the page, empty.
pub fn open(window: &KioskWindow, state: &mut UiState) {
    state.checked = None;
    clear(window);
    go(window, state, Page::CheckRequest);
}

/// Forgets what the page shows.
pub fn clear(window: &KioskWindow) {
    let adapter = window.global::<CheckAdapter>();
    adapter.set_entry(SharedString::new());
    adapter.set_entry_message(SharedString::new());
    adapter.set_busy(false);
    adapter.set_has_result(false);
    for set in [
        CheckAdapter::set_reference,
        CheckAdapter::set_status_title,
        CheckAdapter::set_status_detail,
        CheckAdapter::set_note,
        CheckAdapter::set_updated,
        CheckAdapter::set_source,
    ] {
        set(&adapter, SharedString::new());
    }
}

/// True if a code scanned on `page` is a ticket's reference this page takes: on the home
/// screen and on the page itself.
pub(super) fn takes(page: Page, code: &str) -> bool {
    matches!(page, Page::Home | Page::CheckRequest) && code.parse::<Reference>().is_ok()
}

/// A ticket's QR code from the scanner: opens the page if needed and checks it.
pub(super) fn scanned(window: &KioskWindow, state: &mut UiState, code: &str) {
    if window.global::<AppAdapter>().get_page() != Page::CheckRequest {
        go(window, state, Page::CheckRequest);
    }
    window
        .global::<CheckAdapter>()
        .set_entry(code.trim().into());
    check(window, state, code);
}

/// Checks a typed or scanned reference: what this kiosk knows is shown at once, and the
/// server's answer replaces it when it comes.
fn check(window: &KioskWindow, state: &mut UiState, typed: &str) {
    let adapter = window.global::<CheckAdapter>();
    if adapter.get_busy() {
        return;
    }
    let Ok(reference) = typed.parse::<Reference>() else {
        adapter.set_entry_message(state.text("check-invalid").into());
        return;
    };
    adapter.set_entry_message(SharedString::new());
    adapter.set_busy(true);
    let online = state.online() && state.check_request.is_some();
    state.checked = Some(Checked {
        reference: reference.clone(),
        local: None,
        server: if online { Asked::Asking } else { Asked::Never },
    });
    let weak = window.as_weak();
    let local = (weak.clone(), reference.clone());
    state.visits.sink().known_status(
        reference.to_string(),
        Box::new(move |known| {
            let (weak, reference) = local;
            let _ = weak.upgrade_in_event_loop(move |window| {
                super::with_state(|state| local_answer(&window, state, &reference, known))
            });
        }),
    );
    if online && let Some(ask) = &state.check_request {
        let expected = reference.clone();
        ask(
            reference,
            Box::new(move |answer| {
                let _ = weak.upgrade_in_event_loop(move |window| {
                    super::with_state(|state| server_answer(&window, state, &expected, answer))
                });
            }),
        );
    }
}

/// What the kiosk's store said.
fn local_answer(
    window: &KioskWindow,
    state: &mut UiState,
    reference: &Reference,
    known: Result<Option<KnownStatus>, crate::session::ReadFailure>,
) {
    let Some(checked) = state.checked.as_mut().filter(|c| &c.reference == reference) else {
        return;
    };
    let known = known.unwrap_or_else(|error| {
        tracing::warn!(%error, "cannot read where requests stand on this kiosk");
        None
    });
    checked.local = Some(known.map(|known| match known {
        KnownStatus::Synced {
            status,
            phrase,
            changed_at,
        } => Known {
            status: Some(status),
            phrase,
            message: None,
            changed_at: Some(changed_at),
            source: Source::KioskCopy,
        },
        KnownStatus::WaitingHere => Known {
            status: None,
            phrase: None,
            message: None,
            changed_at: None,
            source: Source::MadeHere,
        },
        KnownStatus::SentFromHere => Known {
            status: Some(RequestStatus::Received),
            phrase: None,
            message: None,
            changed_at: None,
            source: Source::MadeHere,
        },
    }));
    settle(window, state);
}

/// What the server said: the freshest answer, with the case worker's own words.
fn server_answer(
    window: &KioskWindow,
    state: &mut UiState,
    reference: &Reference,
    answer: Result<Option<RequestStatusAnswer>, String>,
) {
    let Some(checked) = state.checked.as_mut().filter(|c| &c.reference == reference) else {
        return;
    };
    checked.server = match answer {
        Ok(answer) => Asked::Answered(answer.map(|answer| {
            Known {
                status: Some(
                    RequestStatus::parse(&answer.status).unwrap_or(RequestStatus::Received),
                ),
                phrase: answer
                    .phrase
                    .as_deref()
                    .and_then(wire::phrase)
                    .map(str::to_owned),
                message: answer.message.filter(|m| !m.trim().is_empty()),
                changed_at: answer.changed_at,
                source: Source::Server,
            }
        })),
        Err(error) => {
            tracing::info!(%error, "the server could not say where a request stands");
            Asked::Failed
        }
    };
    settle(window, state);
}

/// Shows the answer, or says none is known, once enough has come back.
fn settle(window: &KioskWindow, state: &mut UiState) {
    let Some(outcome) = state.checked.as_ref().map(Checked::outcome) else {
        return;
    };
    let adapter = window.global::<CheckAdapter>();
    match outcome {
        Outcome::Waiting => {}
        Outcome::Show(_) => {
            adapter.set_busy(false);
            show(window, state);
        }
        Outcome::Unknown(message) => {
            adapter.set_busy(false);
            adapter.set_has_result(false);
            adapter.set_entry_message(state.text(message).into());
        }
    }
}

/// The lines the screen, the voice and the printout share: status, phrase, message, date,
/// source.
struct Shown {
    reference: String,
    status: String,
    detail: String,
    note: String,
    updated: String,
    source: String,
}

fn shown(state: &UiState) -> Option<Shown> {
    let checked = state.checked.as_ref()?;
    let known = checked.shown()?;
    let status = match known.status {
        None => state.text("check-status-waiting"),
        Some(status) => state.text(&format!(
            "check-status-{}",
            status.as_str().replace('_', "-")
        )),
    };
    let detail = known
        .phrase
        .as_deref()
        .map(|phrase| state.text(&format!("request-phrase-{phrase}")))
        .unwrap_or_default();
    let updated = known
        .changed_at
        .and_then(|at| time::OffsetDateTime::from_unix_timestamp(at).ok())
        .and_then(|at| {
            at.format(time::macros::format_description!("[year]-[month]-[day]"))
                .ok()
        })
        .map(|date| state.format("check-updated", &[("date", date.into())]))
        .unwrap_or_default();
    let source = match known.source {
        Source::Server => "check-source-server",
        Source::KioskCopy => "check-source-kiosk",
        Source::MadeHere => "check-source-here",
    };
    Some(Shown {
        reference: checked.reference.to_string(),
        status,
        detail,
        note: known.message.unwrap_or_default(),
        updated,
        source: state.text(source),
    })
}

fn show(window: &KioskWindow, state: &mut UiState) {
    let Some(shown) = shown(state) else { return };
    let adapter = window.global::<CheckAdapter>();
    adapter.set_entry_message(SharedString::new());
    adapter.set_reference(shown.reference.into());
    adapter.set_status_title(shown.status.into());
    adapter.set_status_detail(shown.detail.into());
    adapter.set_note(shown.note.into());
    adapter.set_updated(shown.updated.into());
    adapter.set_source(shown.source.into());
    adapter.set_has_result(true);
    if state.settings.read_aloud {
        super::listen::speak_screen(window, state);
    }
}

/// Prints the status with the reference (and its QR code, to check again later).
fn print(window: &KioskWindow, state: &mut UiState) {
    let Some(shown) = shown(state) else { return };
    let lines = [shown.status, shown.detail, shown.note, shown.updated]
        .into_iter()
        .filter(|line| !line.is_empty())
        .collect();
    let printout = Printout::Request {
        title: state.text("check-printout-title"),
        reference_label: state.text("check-reference-label"),
        reference: shown.reference,
        lines,
        offline_note: None,
    };
    super::print(window, state, printout);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(source: Source) -> Known {
        Known {
            status: Some(RequestStatus::InProgress),
            phrase: None,
            message: None,
            changed_at: Some(1),
            source,
        }
    }

    #[test]
    fn what_is_shown_once_the_store_and_the_server_have_answered() {
        let server = known(Source::Server);
        let copy = known(Source::KioskCopy);
        let here = known(Source::MadeHere);
        let cases: Vec<(Asked, Option<Option<Known>>, Outcome)> = vec![
            // The server's answer wins, whatever the store says or whether it said anything.
            (
                Asked::Answered(Some(server.clone())),
                None,
                Outcome::Show(server.clone()),
            ),
            (
                Asked::Answered(Some(server.clone())),
                Some(Some(copy.clone())),
                Outcome::Show(server.clone()),
            ),
            // While the server is asked, nothing is shown (not even the kiosk's copy).
            (Asked::Asking, Some(Some(copy.clone())), Outcome::Waiting),
            (Asked::Never, None, Outcome::Waiting),
            // Offline, or the server did not answer: the kiosk's copy, or "no news".
            (
                Asked::Never,
                Some(Some(copy.clone())),
                Outcome::Show(copy.clone()),
            ),
            (
                Asked::Failed,
                Some(Some(copy.clone())),
                Outcome::Show(copy.clone()),
            ),
            (
                Asked::Failed,
                Some(None),
                Outcome::Unknown("check-unknown-offline"),
            ),
            (
                Asked::Never,
                Some(None),
                Outcome::Unknown("check-unknown-offline"),
            ),
            // Not on the server: made here and not sent yet, or unknown.
            (
                Asked::Answered(None),
                Some(Some(here.clone())),
                Outcome::Show(here),
            ),
            (
                Asked::Answered(None),
                Some(Some(copy)),
                Outcome::Unknown("check-unknown"),
            ),
            (
                Asked::Answered(None),
                Some(None),
                Outcome::Unknown("check-unknown"),
            ),
            (Asked::Answered(None), None, Outcome::Waiting),
        ];
        for (server, local, expected) in cases {
            let checked = Checked {
                reference: Reference::new(),
                local: local.clone(),
                server: server.clone(),
            };
            assert_eq!(checked.outcome(), expected, "{server:?} {local:?}");
        }
    }
}
