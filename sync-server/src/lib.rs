//! The sync server: enrols kiosks, stores what they upload exactly once, and shows staff
//! what the fleet is doing. The binary (`src/main.rs`) is a thin command line over this.

pub mod api;
pub mod background;
pub mod clock;
pub mod credentials;
pub mod data_dir;
pub mod enrolment;
pub mod sealing;
pub mod server;
pub mod staff;
pub mod store;
pub mod tls;

use std::net::SocketAddr;
use std::path::PathBuf;

pub use background::BackgroundServer;
pub use data_dir::{Announcement, DataDir};
pub use server::{app, bind, run};
pub use store::Store;

/// What every request handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// The public half of the server's sealing key (base64), handed to kiosks at enrolment.
    pub sealing_public_key: std::sync::Arc<str>,
}

/// Why the server could not start or keep running.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The data directory is missing, unwritable or not a directory.
    #[error("cannot use the data directory {path}: {reason}")]
    DataDir {
        /// The directory as given.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// The database could not be opened or migrated.
    #[error(transparent)]
    Store(#[from] store::StoreError),
    /// The TLS certificate could not be loaded or made.
    #[error(transparent)]
    Tls(#[from] tls::TlsError),
    /// The sealing key could not be loaded or made.
    #[error(transparent)]
    Sealing(#[from] sealing::SealingError),
    /// The listening address could not be bound.
    #[error("cannot listen on {address}: {}", bind_advice(.source))]
    Bind {
        /// The address asked for.
        address: SocketAddr,
        /// What the system said.
        source: std::io::Error,
    },
    /// The server stopped with an I/O error.
    #[error("the server stopped: {0}")]
    Serve(std::io::Error),
}

fn bind_advice(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::AddrInUse => {
            "the address is already in use (is another sync-server running? choose another with --listen)".into()
        }
        std::io::ErrorKind::PermissionDenied => "permission denied (ports below 1024 need privileges)".into(),
        std::io::ErrorKind::AddrNotAvailable => "this machine has no such address".into(),
        _ => error.to_string(),
    }
}
