//! A resident's request from the kiosk to a case worker and back, over real HTTPS: a request
//! made in Arabic on a kiosk with no network, synced, opened by a case worker on the staff web
//! (the opening audited), moved to in progress and resolved with a message; then a second
//! kiosk, offline, shows the status in Arabic when the reference is typed (and, online, the
//! case worker's own words), and the first shows it when the ticket's QR code is scanned.
//! The kiosks are the real UI under Slint's testing backend, with the real recorder, store
//! and sync code.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::rc::Rc;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use i_slint_backend_testing::{AccessibleRole, ElementHandle};
use kiosk::data_dir::DataDir;
use kiosk::devices::{DeviceEvent, Devices, PrintDone, Printout};
use kiosk::i18n::Catalog;
use kiosk::recorder::Recorder;
use kiosk::ui::{IdleSettings, KioskUi, KioskWindow, UiParts};
use reqwest::StatusCode;
use slint::ComponentHandle as _;
use sync_server::BackgroundServer;
use system_tests::staff_client::{StaffClient, hidden_value};
use system_tests::{KioskCore, any_port, runtime, staff_city};

/// What the kiosk printed and said.
#[derive(Clone, Default)]
struct Recording {
    printed: Arc<Mutex<Vec<Printout>>>,
    spoken: Arc<Mutex<Vec<String>>>,
}

impl Devices for Recording {
    fn print(&self, printout: Printout, _locale: &str, done: PrintDone) {
        self.printed.lock().unwrap().push(printout);
        done(Ok(()));
    }
    fn speak(&self, text: &str, _locale: &str) {
        self.spoken.lock().unwrap().push(text.to_owned());
    }
    fn stop_speaking(&self) {}
    fn can_speak(&self, _locale: &str) -> bool {
        true
    }
    fn reset_for_new_session(&self) {}
}

/// A kiosk window on `data_dir`, in Arabic once started.
struct Screen {
    ui: KioskUi,
    catalog: Rc<Catalog>,
    devices: Recording,
}

const INTERACTIVE: [AccessibleRole; 3] = [
    AccessibleRole::Button,
    AccessibleRole::RadioButton,
    AccessibleRole::TextInput,
];

impl Screen {
    fn new(
        data_dir: &DataDir,
        online: bool,
        check_request: Option<kiosk::sync::RequestChecker>,
    ) -> anyhow::Result<Screen> {
        let store = data_dir.open_store()?;
        let sealing_key = store
            .enrolment()?
            .and_then(|enrolment| enrolment.sealing_key.parse().ok());
        let catalog = Rc::new(Catalog::embedded()?);
        let devices = Recording::default();
        let ui = KioskUi::new(UiParts {
            catalog: catalog.clone(),
            content: Rc::new(content::Bundle::sample()?),
            journal: Box::new(Recorder::spawn(store, || {})?),
            devices: Rc::new(devices.clone()),
            sealing_key: Arc::new(Mutex::new(sealing_key)),
            online: Arc::new(AtomicBool::new(online)),
            pull_learner: None,
            check_request,
            staff: Default::default(),
            clock: Box::new(kiosk::clock::now),
            idle: IdleSettings {
                warn_after: 600,
                countdown: 30,
            },
        })?;
        ui.window()
            .window()
            .set_size(slint::LogicalSize::new(1366.0, 1600.0));
        ui.window().show()?;
        Ok(Screen {
            ui,
            catalog,
            devices,
        })
    }

    fn window(&self) -> &KioskWindow {
        self.ui.window()
    }

    fn t(&self, id: &str) -> String {
        self.catalog.text("ar", id)
    }

    fn control(&self, label: &str) -> ElementHandle {
        let found: Vec<ElementHandle> =
            ElementHandle::find_by_accessible_label(self.window(), label)
                .filter(|e| {
                    e.accessible_role()
                        .is_some_and(|r| INTERACTIVE.contains(&r))
                })
                .collect();
        assert_eq!(found.len(), 1, "one control labelled {label:?}");
        found.into_iter().next().unwrap()
    }

    fn press(&self, label: &str) {
        self.control(label).invoke_accessible_default_action();
    }

    fn type_into(&self, label: &str, text: &str) {
        self.control(label).set_accessible_value(text);
    }

    fn shows(&self, text: &str) -> bool {
        ElementHandle::find_by_accessible_label(self.window(), text)
            .next()
            .is_some()
    }

    /// Lets the UI take what other threads handed back, until `done` holds.
    fn pump_until(&self, what: &str, done: impl Fn(&Screen) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !done(self) {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(20));
            slint::invoke_from_event_loop(|| {
                let _ = slint::quit_event_loop();
            })
            .unwrap();
            slint::run_event_loop().unwrap();
        }
    }

    /// From the attract screen to the home screen in Arabic.
    fn start_in_arabic(&self) {
        self.press(&self.catalog.text("en", "attract-touch-to-start"));
        self.press(self.catalog.locale("ar").unwrap().native_name());
        self.press(&self.t("settings-continue"));
        assert!(self.shows(&self.t("home-check-request")));
    }
}

/// The status the page shows, in Arabic: status line and phrase.
fn shows_resolved_in_arabic(screen: &Screen) -> bool {
    for id in ["check-status-resolved", "request-phrase-fixed"] {
        assert_ne!(
            screen.t(id),
            screen.catalog.text("en", id),
            "{id} is translated"
        );
    }
    screen.shows(&screen.t("check-status-resolved"))
        && screen.shows(&screen.t("request-phrase-fixed"))
}

fn sync(data_dir: &Path) -> anyhow::Result<kiosk::sync::SyncReport> {
    let mut store = DataDir::open(data_dir)?.open_store()?;
    let mut link = kiosk::sync::LinkEstimate::default();
    Ok(runtime()?.block_on(kiosk::sync::sync_now(&mut store, &mut link))?)
}

#[test]
fn a_request_made_offline_in_arabic_is_answered_by_a_case_worker_and_followed_on_any_kiosk()
-> anyhow::Result<()> {
    i_slint_backend_testing::init_integration_test_with_mock_time();
    let (server_dir, first_dir, second_dir) = (
        tempfile::tempdir()?,
        tempfile::tempdir()?,
        tempfile::tempdir()?,
    );
    let server = BackgroundServer::start(server_dir.path(), any_port())?;
    staff_city(&server)?;
    system_tests::add_case_worker(&server, &["callback"])?;
    KioskCore::open(first_dir.path())?.enrol(&server)?;
    KioskCore::open(second_dir.path())?.enrol(&server)?;

    // 1. The first kiosk, offline: a callback request in Arabic, through the real form.
    let first = DataDir::open(first_dir.path())?;
    let reference = {
        let screen = Screen::new(&first, false, None)?;
        screen.start_in_arabic();
        screen.press(&screen.t("home-tile-services"));
        let bundle = content::Bundle::sample()?;
        let category = bundle
            .categories
            .iter()
            .find(|c| c.id == "education")
            .unwrap();
        screen.press(&category.name.get("ar", "en").unwrap().value.clone());
        let service = bundle.service("library-card").unwrap();
        screen.press(&service.text.get("ar", "en").unwrap().value.name.clone());
        screen.press(&screen.t("service-request"));
        let form = bundle.form("callback").unwrap();
        let text = form.text.get("ar", "en").unwrap().value.clone();
        screen.press(&text.fields["topic"].options["housing"]);
        screen.type_into(&text.fields["name"].label, "أمل حداد");
        screen.type_into(&text.fields["phone"].label, "0612 345 678");
        screen.press(&screen.t("form-submit"));
        assert!(screen.shows(&screen.t("submitted-offline")));
        let reference = screen
            .window()
            .global::<kiosk::ui::FormAdapter>()
            .get_reference()
            .to_string();
        // Asked at once on the same kiosk, offline: made here, waiting to be sent.
        screen.press(&screen.t("nav-home"));
        screen.press(&screen.t("home-check-request"));
        screen.type_into(&screen.t("check-reference-label"), &reference);
        screen.press(&screen.t("check-button"));
        screen.pump_until("the kiosk's own answer", |s| {
            s.shows(&s.t("check-status-waiting"))
        });
        screen.press(&screen.t("nav-finish"));
        reference
    };
    assert!(
        reference.parse::<kiosk::codes::Reference>().is_ok(),
        "{reference}"
    );

    // 2. The kiosk comes online and syncs.
    let report = sync(first_dir.path())?;
    assert_eq!(report.remaining, 0);

    // 3. The case worker opens it (name and phone, audited) and answers.
    let message = "ركّبنا مصباحاً جديداً. A new lamp was fitted.";
    runtime()?.block_on(async {
        let mut worker = StaffClient::new(&server.url(), server.fingerprint())?;
        worker.log_in(&system_tests::CASE_WORKER).await?;
        let page = worker.get(&format!("/staff/requests/{reference}")).await?;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("أمل حداد") && page.body.contains("0612 345 678"));
        let audit = server.store().audit_entries(50)?;
        assert!(
            audit.iter().any(|e| e.name == "cw"
                && e.action == "open_personal_fields"
                && e.detail == reference),
            "{audit:?}"
        );
        let csrf = hidden_value(&page.body, "csrf").unwrap_or_default();
        let status_path = format!("/staff/requests/{reference}/status");
        for (status, phrase, message) in [
            ("in_progress", "we-will-call", ""),
            ("resolved", "fixed", message),
        ] {
            let moved = worker
                .post(
                    &status_path,
                    &[
                        ("csrf", &csrf),
                        ("status", status),
                        ("phrase", phrase),
                        ("message", message),
                    ],
                )
                .await?;
            assert_eq!(moved.status, StatusCode::SEE_OTHER, "{status}");
        }
        anyhow::Ok(())
    })?;

    // 4. A second kiosk syncs (the status comes down in its handshake), then loses the
    // network: typed in Arabic, the reference shows the status from its copy.
    sync(second_dir.path())?;
    let second = DataDir::open(second_dir.path())?;
    {
        let screen = Screen::new(&second, false, None)?;
        screen.start_in_arabic();
        screen.press(&screen.t("home-check-request"));
        // One character wrong: refused by the check character, nothing looked up.
        let mut typo: Vec<char> = reference.chars().collect();
        typo[0] = if typo[0] == 'A' { 'C' } else { 'A' };
        screen.type_into(
            &screen.t("check-reference-label"),
            &typo.iter().collect::<String>(),
        );
        screen.press(&screen.t("check-button"));
        assert!(screen.shows(&screen.t("check-invalid")));
        screen.type_into(
            &screen.t("check-reference-label"),
            &reference.to_lowercase(),
        );
        screen.press(&screen.t("check-button"));
        screen.pump_until("the status from the kiosk's copy", shows_resolved_in_arabic);
        assert!(screen.shows(&screen.t("check-source-kiosk")));
        assert!(
            !screen.shows(message),
            "free text is not handed to every kiosk"
        );
        // Read aloud, and printed with the reference.
        screen.press(&screen.t("nav-listen"));
        let spoken = screen
            .devices
            .spoken
            .lock()
            .unwrap()
            .last()
            .cloned()
            .unwrap_or_default();
        assert!(
            spoken.contains(&screen.t("check-status-resolved")),
            "{spoken}"
        );
        screen.press(&screen.t("check-print"));
        screen.pump_until("the printout", |s| {
            !s.devices.printed.lock().unwrap().is_empty()
        });
        let printed = screen.devices.printed.lock().unwrap()[0].clone();
        let Printout::Request {
            reference: printed_reference,
            lines,
            ..
        } = printed
        else {
            panic!("not a request printout: {printed:?}");
        };
        assert_eq!(printed_reference, reference);
        assert!(
            lines.contains(&screen.t("request-phrase-fixed")),
            "{lines:?}"
        );
        screen.press(&screen.t("nav-finish"));
    }
    // Online, the same kiosk asks the server, which also gives the case worker's words.
    {
        let worker = kiosk::sync::SyncWorker::spawn(second.clone(), Default::default())?;
        let screen = Screen::new(&second, true, Some(worker.request_checker()))?;
        screen.start_in_arabic();
        screen.press(&screen.t("home-check-request"));
        screen.type_into(&screen.t("check-reference-label"), &reference);
        screen.press(&screen.t("check-button"));
        screen.pump_until("the server's answer", |s| {
            s.shows(&s.t("check-source-server"))
        });
        assert!(shows_resolved_in_arabic(&screen));
        assert!(screen.shows(message));
        screen.press(&screen.t("nav-finish"));
        assert_eq!(screen.ui.remembered(), "", "nothing of the check is kept");
    }

    // 5. The first kiosk syncs again; its ticket's QR code, scanned on the home screen.
    sync(first_dir.path())?;
    {
        let screen = Screen::new(&first, false, None)?;
        screen.start_in_arabic();
        kiosk::ui::device_event(screen.window(), DeviceEvent::Scanned(reference.clone()));
        screen.pump_until("the scanned ticket's status", shows_resolved_in_arabic);
        assert_eq!(
            screen
                .window()
                .global::<kiosk::ui::CheckAdapter>()
                .get_reference(),
            reference
        );
    }
    Ok(())
}
