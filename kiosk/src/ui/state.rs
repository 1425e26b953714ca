//! Everything the UI holds about the current visit, and how it is forgotten.

use std::collections::{BTreeMap, HashSet};
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use wire::AccessibilityFeature;

use super::fonts::EmbeddedFamily;
use super::{Page, UiParts};
use crate::codes::LearnerCode;
use crate::devices::Devices;
use crate::forms::FormDraft;
use crate::i18n::{Catalog, REFERENCE_LOCALE};
use crate::learning::ModuleRun;
use crate::sealing::SealingKey;
use crate::session::{Journal, SessionController};
use crate::store::ModuleProgress;

/// The resident's accessibility settings; back to these defaults after every visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// 100 to 200.
    pub text_percent: u16,
    /// The high-contrast theme.
    pub high_contrast: bool,
    /// Speak every screen when it opens.
    pub read_aloud: bool,
    /// Essentials only.
    pub easy_read: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            text_percent: 100,
            high_contrast: false,
            read_aloud: false,
            easy_read: false,
        }
    }
}

/// What the list page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListSource {
    /// The services of a category.
    Category(String),
    /// What a search found.
    Search(String),
}

/// A survey being answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyRun {
    /// The survey's id.
    pub survey_id: String,
    /// The question shown.
    pub index: usize,
    /// Question id → chosen option ids (a scale answer is "1" to "5").
    pub answers: BTreeMap<String, Vec<String>>,
}

/// The UI's state.
pub struct UiState {
    pub catalog: Rc<Catalog>,
    pub content: Rc<content::Bundle>,
    pub families: &'static [EmbeddedFamily],
    pub visits: SessionController<Box<dyn Journal>>,
    pub devices: Rc<dyn Devices>,
    pub sealing_key: crate::sealing::SharedSealingKey,
    pub online: Arc<AtomicBool>,
    /// Fetches a learner's progress from the server (absent without a sync worker).
    pub pull_learner: Option<crate::sync::LearnerPuller>,
    /// Asks the server where a request stands (absent without a sync worker).
    pub check_request: Option<crate::sync::RequestChecker>,
    /// Staff mode's access and hooks.
    pub staff: super::StaffParts,
    /// What the presence sensor last said (None: no sensor, or nothing reported yet).
    pub someone_here: Option<bool>,
    /// On a low battery.
    pub low_battery: bool,
    /// Seconds since the last touch or key.
    pub idle_seconds: u32,

    // About the current visit: all of it is forgotten by `forget_visit`.
    pub locale: String,
    pub settings: Settings,
    pub settings_seen: bool,
    pub features_used: HashSet<AccessibilityFeature>,
    pub history: Vec<Page>,
    pub search_index: Option<(String, Rc<search::SearchIndex>)>,
    pub list: Option<ListSource>,
    pub service_id: Option<String>,
    pub recent_services: Vec<String>,
    pub form: Option<FormDraft>,
    pub last_request: Option<(String, String)>,
    pub learner: Option<LearnerCode>,
    pub progress: BTreeMap<String, ModuleProgress>,
    pub run: Option<ModuleRun>,
    pub rating: Option<(String, u8)>,
    pub survey: Option<SurveyRun>,
    pub keyboard_shift: bool,
    /// The request being checked on the "Check a request" page, and what is known of it.
    pub checked: Option<super::check::Checked>,
}

impl UiState {
    pub fn new(parts: UiParts, families: &'static [EmbeddedFamily]) -> UiState {
        UiState {
            catalog: parts.catalog,
            content: parts.content,
            families,
            visits: SessionController::new(parts.journal, parts.clock),
            devices: parts.devices,
            sealing_key: parts.sealing_key,
            online: parts.online,
            pull_learner: parts.pull_learner,
            check_request: parts.check_request,
            staff: parts.staff,
            someone_here: None,
            low_battery: false,
            idle_seconds: 0,
            locale: REFERENCE_LOCALE.to_owned(),
            settings: Settings::default(),
            settings_seen: false,
            features_used: HashSet::new(),
            history: Vec::new(),
            search_index: None,
            list: None,
            service_id: None,
            recent_services: Vec::new(),
            form: None,
            last_request: None,
            checked: None,
            learner: None,
            progress: BTreeMap::new(),
            run: None,
            rating: None,
            survey: None,
            keyboard_shift: false,
        }
    }

    /// A UI text in the current language.
    pub fn text(&self, id: &str) -> String {
        self.catalog.text(&self.locale, id)
    }

    /// A UI text with variables.
    pub fn format(&self, id: &str, args: &[(&str, fluent_bundle::FluentValue<'_>)]) -> String {
        let mut fluent_args = fluent_bundle::FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        self.catalog.format(&self.locale, id, Some(&fluent_args))
    }

    /// The server's sealing key, if the kiosk has it yet.
    pub fn sealing_key(&self) -> Option<SealingKey> {
        self.sealing_key.lock().ok().and_then(|key| key.clone())
    }

    /// True while the sync worker reaches the server.
    pub fn online(&self) -> bool {
        self.online.load(Ordering::Relaxed)
    }

    /// Drops caches that depend on the language.
    pub fn invalidate_locale_caches(&mut self) {
        self.search_index = None;
    }

    /// Forgets everything about the visit: language, settings, forms, learning, answers.
    pub fn forget_visit(&mut self) {
        self.locale = REFERENCE_LOCALE.to_owned();
        self.settings = Settings::default();
        self.settings_seen = false;
        self.features_used.clear();
        self.history.clear();
        self.search_index = None;
        self.list = None;
        self.service_id = None;
        self.recent_services.clear();
        self.form = None;
        self.last_request = None;
        self.checked = None;
        self.learner = None;
        self.progress.clear();
        self.run = None;
        self.rating = None;
        self.survey = None;
        self.keyboard_shift = false;
        self.idle_seconds = 0;
    }

    /// What is held about the visit, as text (empty when nothing is), for tests.
    pub fn remembered(&self) -> String {
        let mut held = Vec::new();
        if self.locale != REFERENCE_LOCALE {
            held.push(format!("locale {}", self.locale));
        }
        if self.settings != Settings::default() {
            held.push(format!("{:?}", self.settings));
        }
        if let Some(list) = &self.list {
            held.push(format!("{list:?}"));
        }
        if let Some(form) = &self.form {
            held.push(format!("{form:?}"));
        }
        if let Some(request) = &self.last_request {
            held.push(format!("request {request:?}"));
        }
        if let Some(checked) = &self.checked {
            held.push(format!("checked request {}", checked.reference));
        }
        if let Some(code) = &self.learner {
            held.push(format!("learner {code}"));
        }
        if !self.progress.is_empty() || self.run.is_some() {
            held.push("learning progress".into());
        }
        if self.rating.is_some() || self.survey.is_some() {
            held.push("answers".into());
        }
        if !self.recent_services.is_empty() || self.service_id.is_some() {
            held.push("services viewed".into());
        }
        held.join("; ")
    }
}
