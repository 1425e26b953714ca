//! Server processes for the kill and several-servers tests: started from the `fault-child`
//! binary (whose path the test knows, `env!("CARGO_BIN_EXE_fault-child")`), waited for until
//! they listen; and how much of an upload their data directory has staged.

use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A loopback address with a port free a moment ago.
pub fn free_address() -> std::io::Result<SocketAddr> {
    std::net::TcpListener::bind(crate::any_port())?.local_addr()
}

/// Starts `fault-child server DIR ADDRESS` and waits (up to 20 s) until it listens.
pub fn spawn_server(child: &str, dir: &Path, address: SocketAddr) -> std::io::Result<Child> {
    let mut process = Command::new(child)
        .args(["server", &dir.display().to_string(), &address.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(address).is_err() {
        if Instant::now() > deadline {
            let _ = process.kill();
            return Err(std::io::Error::other("the server process did not start"));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok(process)
}

/// The fingerprint of the certificate the servers on `server_dir` present.
pub fn fingerprint(server_dir: &Path) -> Result<String, sync_server::ServerError> {
    Ok(sync_server::DataDir::open(server_dir)?
        .tls_identity(&["localhost".to_owned(), "127.0.0.1".to_owned()])?
        .fingerprint())
}

/// Bytes of unfinished uploads staged under `<server_dir>/staging`.
pub fn staged_bytes(server_dir: &Path) -> u64 {
    std::fs::read_dir(server_dir.join("staging"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|kiosk| kiosk.path().is_dir())
        .flat_map(|kiosk| {
            std::fs::read_dir(kiosk.path())
                .into_iter()
                .flatten()
                .flatten()
        })
        .filter_map(|file| file.metadata().ok())
        .map(|metadata| metadata.len())
        .sum()
}

/// Waits (up to 30 s) until part of an upload is staged, so a kill lands mid-upload; false
/// if none ever was.
pub fn wait_for_staged_bytes(server_dir: &Path) -> bool {
    let deadline = Instant::now() + Duration::from_secs(30);
    while staged_bytes(server_dir) == 0 {
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    true
}
