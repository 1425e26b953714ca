//! Helpers for the whole-system tests in `tests/tests/`: a kiosk core (store, recorder,
//! session) without a window, talking to a real server over real HTTPS.

pub mod abuse;
pub mod balancer;
pub mod fault_proxy;
pub mod server_process;
pub mod staff_client;
pub mod tls_proxy;

use std::net::SocketAddr;
use std::path::Path;

use kiosk_core::data_dir::DataDir;
use kiosk_core::recorder::Recorder;
use kiosk_core::session::SessionController;
use sync_server::BackgroundServer;

/// Loopback, any free port.
pub fn any_port() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 0))
}

/// A kiosk as the `kiosk` binary assembles it, minus the window.
pub struct KioskCore {
    /// Its data directory.
    pub data_dir: DataDir,
    /// The visits it records, through the same controller the UI drives.
    pub visits: SessionController<Recorder>,
    /// What its sync passes measured of the link, kept from pass to pass as the worker does.
    pub link: std::cell::RefCell<kiosk_core::sync::LinkEstimate>,
}

impl KioskCore {
    /// A kiosk keeping its data in `path`.
    pub fn open(path: &Path) -> anyhow::Result<KioskCore> {
        let data_dir = DataDir::open(path)?;
        let recorder = Recorder::spawn(data_dir.open_store()?, || {})?;
        Ok(KioskCore {
            data_dir,
            visits: SessionController::new(recorder, kiosk_core::clock::now),
            link: Default::default(),
        })
    }

    /// Enrols with `server` using a fresh code for a test site.
    pub fn enrol(&self, server: &BackgroundServer) -> anyhow::Result<String> {
        self.enrol_via(server, &server.url())
    }

    /// Enrols with `server`, reaching it at `url` (a fault proxy in front of it, say).
    pub fn enrol_via(&self, server: &BackgroundServer, url: &str) -> anyhow::Result<String> {
        self.enrol_at(server.store(), server.fingerprint(), url)
    }

    /// Enrols with the server whose database is `server_store` and whose certificate has
    /// `fingerprint`, reaching it at `url` (a server in another process, say); returns the
    /// kiosk's id.
    pub fn enrol_at(
        &self,
        server_store: &sync_server::Store,
        fingerprint: &str,
        url: &str,
    ) -> anyhow::Result<String> {
        let code =
            sync_server::enrolment::create_code(server_store, "Central Library", "Old Town", 1)?;
        let store = self.data_dir.open_store()?;
        let enrolment = runtime()?.block_on(kiosk_core::sync::enrol(
            &store,
            url,
            fingerprint.parse()?,
            &code.code,
        ))?;
        Ok(enrolment.kiosk_id)
    }

    /// One sync pass, as `kiosk sync --once` runs it.
    pub fn sync(&self) -> Result<kiosk_core::sync::SyncReport, kiosk_core::sync::SyncError> {
        let mut store = self.data_dir.open_store()?;
        let runtime = runtime().map_err(|e| kiosk_core::sync::SyncError::Config(e.to_string()))?;
        let mut link = self.link.borrow_mut();
        runtime.block_on(kiosk_core::sync::sync_now(&mut store, &mut link))
    }

    /// A sync pass on a thread of its own (with its own store and runtime), for tests that
    /// do something to the server while it runs.
    pub fn sync_in_background(
        &self,
    ) -> std::thread::JoinHandle<Result<kiosk_core::sync::SyncReport, kiosk_core::sync::SyncError>>
    {
        let data_dir = self.data_dir.clone();
        std::thread::spawn(move || {
            let mut store = data_dir.open_store()?;
            let runtime =
                runtime().map_err(|e| kiosk_core::sync::SyncError::Config(e.to_string()))?;
            runtime.block_on(kiosk_core::sync::sync_now(
                &mut store,
                &mut kiosk_core::sync::LinkEstimate::default(),
            ))
        })
    }

    /// Keeps `count` service requests with sealed personal data (about 200 bytes each) and
    /// waits until they are on disk: a batch of several chunks.
    pub fn write_requests(&self, count: u32) -> anyhow::Result<()> {
        for i in 0..count {
            self.visits
                .keep(sealed_request(&format!("K-{i:05}"), i, 200));
        }
        self.flush()
    }

    /// Waits until everything recorded is on disk.
    pub fn flush(&self) -> anyhow::Result<()> {
        Ok(self.visits.sink().flush()?)
    }
}

/// A small runtime for driving async kiosk code from a plain test.
pub fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
}

/// Deterministic bytes that do not compress, like sealed data.
pub fn scramble(n: u32) -> u8 {
    let mut x = n.wrapping_mul(0x9E37_79B9);
    x ^= x >> 15;
    x = x.wrapping_mul(0x85EB_CA6B);
    x ^= x >> 13;
    (x >> 11) as u8
}

/// A callback request as a resident leaves it: non-personal answers in the clear and
/// `sealed_bytes` of sealed (incompressible) personal data. `n` makes it unique.
pub fn sealed_request(
    reference: &str,
    n: u32,
    sealed_bytes: u32,
) -> kiosk_core::store::LocalRecord {
    kiosk_core::store::LocalRecord::Request(kiosk_core::store::StoredRequest {
        reference: reference.into(),
        form: "callback".into(),
        topic: "contact.callback".into(),
        answers: [("topic".to_owned(), "housing".to_owned())].into(),
        sealed: Some(
            (0..sealed_bytes)
                .map(|j| scramble(n.wrapping_mul(1000).wrapping_add(j)))
                .collect(),
        ),
        hour: kiosk_core::clock::now() / 3600 * 3600,
    })
}

/// A member of staff made for a test: login name, password, role.
pub struct TestLogin {
    /// Login name.
    pub name: &'static str,
    /// Password.
    pub password: &'static str,
}

/// The logins [`staff_city`] makes, one per role (the librarian looks after the first site).
pub const LIBRARIAN: TestLogin = TestLogin {
    name: "lib",
    password: "librarian-password-1",
};
/// City staff.
pub const CITY_STAFF: TestLogin = TestLogin {
    name: "city",
    password: "city-staff-password-1",
};
/// Analyst.
pub const ANALYST: TestLogin = TestLogin {
    name: "analyst",
    password: "analyst-password-1",
};
/// Administrator.
pub const ADMIN: TestLogin = TestLogin {
    name: "admin",
    password: "admin-password-12",
};

/// A case worker (`cw`) who answers the callback form.
pub const CASE_WORKER: TestLogin = TestLogin {
    name: "cw",
    password: "case-worker-password",
};

/// Adds [`CASE_WORKER`] to `server`, answering `forms`.
pub fn add_case_worker(server: &BackgroundServer, forms: &[&str]) -> anyhow::Result<()> {
    let forms: Vec<String> = forms.iter().map(|f| (*f).to_owned()).collect();
    sync_server::accounts::add_scoped_user(
        server.store(),
        CASE_WORKER.name,
        sync_server::store::Role::CaseWorker,
        CASE_WORKER.password,
        &[],
        &forms,
        kiosk_core::clock::now(),
    )?;
    Ok(())
}

/// A small demo city in a running server's store, and a login per role. Returns the demo's
/// report (which kiosks play which part).
pub fn staff_city(server: &BackgroundServer) -> anyhow::Result<sync_server::demo::DemoReport> {
    staff_city_in(server.store())
}

/// [`staff_city`] in any store (a data directory a server process will open).
pub fn staff_city_in(store: &sync_server::Store) -> anyhow::Result<sync_server::demo::DemoReport> {
    use sync_server::store::Role;
    let report = sync_server::demo::make_city(
        store,
        sync_server::demo::DemoSettings {
            neighbourhoods: 4,
            kiosks: 8,
            // Three months: whatever the date, the first has closed and is published.
            months: 3,
            seed: 7,
        },
        kiosk_core::clock::now(),
    )?;
    let now = kiosk_core::clock::now();
    for (login, role) in [
        (&LIBRARIAN, Role::Librarian),
        (&CITY_STAFF, Role::CityStaff),
        (&ANALYST, Role::Analyst),
        (&ADMIN, Role::Admin),
    ] {
        let sites = if role == Role::Librarian {
            vec![report.first_site.clone()]
        } else {
            Vec::new()
        };
        sync_server::accounts::add_user(store, login.name, role, login.password, &sites, now)?;
    }
    Ok(report)
}

/// A resident's request as the kiosk files it: `answers` in the clear, `personal` sealed to
/// the server's key the kiosk pinned at enrolment.
pub fn resident_request(
    kiosk: &KioskCore,
    reference: &str,
    form: &str,
    personal: &[(&str, &str)],
) -> anyhow::Result<kiosk_core::store::LocalRecord> {
    let enrolment = kiosk
        .data_dir
        .open_store()?
        .enrolment()?
        .ok_or_else(|| anyhow::anyhow!("not enrolled"))?;
    let key: kiosk_core::sealing::SealingKey = enrolment.sealing_key.parse()?;
    let personal: std::collections::BTreeMap<&str, &str> = personal.iter().copied().collect();
    Ok(kiosk_core::store::LocalRecord::Request(
        kiosk_core::store::StoredRequest {
            reference: reference.into(),
            form: form.into(),
            topic: format!("topic.{form}"),
            answers: [("details".to_owned(), "lamp out since Monday".to_owned())].into(),
            sealed: Some(key.seal(&serde_json::to_vec(&personal)?)?),
            hour: kiosk_core::clock::now() / 3600 * 3600,
        },
    ))
}

/// The two requests [`file_two_requests`] files.
pub struct TwoRequests {
    /// A callback, from Amira Haddad (name and phone sealed).
    pub callback: &'static str,
    /// A street light, from Jonas Berg.
    pub light: &'static str,
}

/// A kiosk in `kiosk_dir`, enrolled with `server`, files a callback request and a
/// street-light request with sealed personal fields and syncs them.
pub fn file_two_requests(
    server: &BackgroundServer,
    kiosk_dir: &Path,
) -> anyhow::Result<TwoRequests> {
    let kiosk = KioskCore::open(kiosk_dir)?;
    kiosk.enrol(server)?;
    let filed = TwoRequests {
        callback: "CB7K-M3XZ-R9",
        light: "SL4Q-P8WN-T2",
    };
    kiosk.visits.keep(resident_request(
        &kiosk,
        filed.callback,
        "callback",
        &[("name", "Amira Haddad"), ("phone", "0612 345 678")],
    )?);
    kiosk.visits.keep(resident_request(
        &kiosk,
        filed.light,
        "street-light",
        &[("name", "Jonas Berg")],
    )?);
    kiosk.flush()?;
    let report = kiosk.sync()?;
    anyhow::ensure!(
        report.remaining == 0,
        "{} records left unsent",
        report.remaining
    );
    Ok(filed)
}
