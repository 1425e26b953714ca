//! Helpers for the whole-system tests in `tests/tests/`: a kiosk core (store, recorder,
//! session) without a window, talking to a real server over real HTTPS.

use std::net::SocketAddr;
use std::path::Path;

use kiosk::data_dir::DataDir;
use kiosk::recorder::Recorder;
use kiosk::session::SessionController;
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
}

impl KioskCore {
    /// A kiosk keeping its data in `path`.
    pub fn open(path: &Path) -> anyhow::Result<KioskCore> {
        let data_dir = DataDir::open(path)?;
        let recorder = Recorder::spawn(data_dir.open_store()?, || {})?;
        Ok(KioskCore {
            data_dir,
            visits: SessionController::new(recorder, kiosk::clock::now),
        })
    }

    /// Enrols with `server` using a fresh code for a test site.
    pub fn enrol(&self, server: &BackgroundServer) -> anyhow::Result<String> {
        let code =
            sync_server::enrolment::create_code(server.store(), "Central Library", "Old Town", 1)?;
        let store = self.data_dir.open_store()?;
        let enrolment = runtime()?.block_on(kiosk::sync::enrol(
            &store,
            &server.url(),
            server.fingerprint().parse()?,
            &code.code,
        ))?;
        Ok(enrolment.kiosk_id)
    }

    /// One sync pass, as `kiosk sync --once` runs it.
    pub fn sync(&self) -> Result<kiosk::sync::SyncReport, kiosk::sync::SyncError> {
        let mut store = self.data_dir.open_store()?;
        let runtime = runtime().map_err(|e| kiosk::sync::SyncError::Config(e.to_string()))?;
        runtime.block_on(kiosk::sync::sync_now(
            &mut store,
            &mut kiosk::sync::LinkEstimate::default(),
        ))
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
