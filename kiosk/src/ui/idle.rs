//! The idle timeout: after a while with no touch or key, a warning with a countdown that one
//! tap dismisses (as often as needed); when it runs out, the visit ends and everything is
//! forgotten.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use slint::ComponentHandle as _;
use wire::EndReason;

use super::state::UiState;
use super::{AppAdapter, KioskWindow, Page};

/// When to warn, and how long the warning lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdleSettings {
    /// Seconds without activity before the warning.
    pub warn_after: u32,
    /// Seconds the warning gives to tap "I need more time" (at least 20, WCAG 2.2.1).
    pub countdown: u32,
}

impl Default for IdleSettings {
    fn default() -> Self {
        IdleSettings {
            warn_after: 90,
            countdown: 30,
        }
    }
}

/// A one-second Slint timer on the UI thread.
pub struct IdleTimer {
    _timer: slint::Timer,
}

impl IdleTimer {
    /// Starts counting idle seconds for `window`.
    pub fn start(
        window: &KioskWindow,
        state: &Rc<RefCell<UiState>>,
        settings: IdleSettings,
    ) -> IdleTimer {
        let settings = IdleSettings {
            countdown: settings.countdown.max(20),
            ..settings
        };
        let timer = slint::Timer::default();
        let weak = window.as_weak();
        let state = state.clone();
        timer.start(
            slint::TimerMode::Repeated,
            Duration::from_secs(1),
            move || {
                let (Some(window), Ok(mut state)) = (weak.upgrade(), state.try_borrow_mut()) else {
                    return;
                };
                tick(&window, &mut state, settings);
            },
        );
        IdleTimer { _timer: timer }
    }
}

fn tick(window: &KioskWindow, state: &mut UiState, settings: IdleSettings) {
    let app = window.global::<AppAdapter>();
    if app.get_page() == Page::Attract {
        state.idle_seconds = 0;
        return;
    }
    state.idle_seconds = state.idle_seconds.saturating_add(1);
    if state.idle_seconds < settings.warn_after {
        if app.get_idle_warning() {
            app.set_idle_warning(false);
        }
        return;
    }
    let left = (settings.warn_after + settings.countdown).saturating_sub(state.idle_seconds);
    if left == 0 {
        super::end_visit(window, state, EndReason::IdleTimeout);
        return;
    }
    if !app.get_idle_warning() {
        app.set_idle_warning(true);
        if state.settings.read_aloud {
            let text = format!(
                "{} {}",
                state.text("idle-title"),
                state.text("idle-explanation")
            );
            state.devices.speak(&text, &state.locale);
        }
    }
    app.set_idle_seconds_left(left as i32);
}
